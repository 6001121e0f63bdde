package bot

import (
	"quickwin/telegram"
	"strings"
	"time"

	"quickwin"
)

// summaryArgs reads /ringkasan's words in any order: "lalu" (last) for the
// previous month, "pdf" for the printable digest.
func summaryArgs(args string) (last, pdf bool) {
	for _, w := range strings.Fields(args) {
		switch quickwin.Keyword(w) {
		case "lalu", "last", "bulanlalu", "lastmonth":
			last = true
		case "pdf", "cetak", "print":
			pdf = true
		}
	}
	return last, pdf
}

// sendSummaryPDF sends the month's digest of every OPD as a PDF, for
// printing at the coordination meeting. It covers the whole tenant, so
// only leaders and admins get it; a head is pointed to their own summary.
func (b *Bot) sendSummaryPDF(r *Request, month time.Time) error {
	if !r.Is(quickwin.RoleAdmin, quickwin.RoleLeader) {
		_, err := r.Reply(r.T("print.pdf.leaders_only", nil), nil)
		return err
	}
	doc, err := b.Publisher.TenantSummaryPDF(r.Ctx, r.Tenant.ID, month, string(r.Lang))
	if err != nil {
		return err
	}
	file := telegram.Message{ChatID: r.ChatID, Text: strings.Join(doc.Parts, "\n"), File: doc.PDF, FileName: doc.PDFName}
	_, err = b.Client.Reply(r.Ctx, file)
	return err
}
