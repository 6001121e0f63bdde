package bot

import (
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	file := tgbotapi.NewDocument(r.ChatID, tgbotapi.FileBytes{Name: doc.PDFName, Bytes: doc.PDF})
	file.Caption, file.ParseMode = strings.Join(doc.Parts, "\n"), tgbotapi.ModeHTML
	_, err = b.send(r.Ctx, file)
	return err
}
