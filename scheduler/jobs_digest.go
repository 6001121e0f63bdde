package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// Digest queues the monthly evaluation digest (on the 5th by default) of
// the month before now: to every leader and admin the tenant's digest
// (each text part, then the chart as a photo, then the XLSX and the PDF),
// and to each OPD head their OPD's digest. It goes out whatever the day. One
// recipient's failure to render does not hold the others back: it is
// returned with the rest queued, and the run is retried later (what went
// out is not repeated). Keys: digest/<member>/<YYYY-MM>/p<n>|chart|file|pdf.
func (j *Jobs) Digest(ctx context.Context, t *quickwin.Tenant, now time.Time) (int, error) {
	if j.Publisher == nil {
		return 0, errors.New("digest: no publisher configured")
	}
	loc := t.Location()
	local := now.In(loc)
	month := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, -1, 0)
	period := month.Format("2006-01")
	aud, err := j.audience(ctx, t)
	if err != nil {
		return 0, err
	}
	var msgs []quickwin.OutboxMessage
	var errs []error
	tenantDocs := map[locales.Lang]*quickwin.Document{}
	for _, m := range aud.leaders {
		lang := langOf(&m, t)
		doc, ok := tenantDocs[lang]
		if !ok {
			doc, err = j.Publisher.TenantDigest(ctx, t.ID, month, string(lang))
			if err != nil {
				errs = append(errs, fmt.Errorf("tenant digest (%s): %w", lang, err))
			}
			tenantDocs[lang] = doc
		}
		if doc != nil {
			msgs = append(msgs, withButtonsOnLastText(digestMessages(t, &m, lang, "digest/"+m.ID+"/"+period, doc, month),
				j.dashboardRow(locales.T(lang, "dash.button.open", nil), "month?m="+period))...)
		}
	}
	type opdLang struct {
		opd  string
		lang locales.Lang
	}
	opdDocs := map[opdLang]*quickwin.Document{}
	for opd := range aud.byOPD {
		for _, m := range aud.heads(opd) {
			lang := langOf(&m, t)
			k := opdLang{opd, lang}
			doc, ok := opdDocs[k]
			if !ok {
				doc, err = j.Publisher.OPDDigest(ctx, t.ID, opd, month, string(lang))
				if err != nil {
					errs = append(errs, fmt.Errorf("OPD digest %s (%s): %w", opd, lang, err))
				}
				opdDocs[k] = doc
			}
			if doc != nil {
				msgs = append(msgs, withButtonsOnLastText(digestMessages(t, &m, lang, "digest/"+m.ID+"/"+period, doc, month),
					j.dashboardRow(locales.T(lang, "dash.button.open", nil), "opd/"+opd+"?m="+period))...)
			}
		}
	}
	n, err := j.enqueue(ctx, msgs)
	return n, errors.Join(append(errs, err)...)
}

func digestMessages(t *quickwin.Tenant, m *quickwin.Member, lang locales.Lang, key string, doc *quickwin.Document, month time.Time) []quickwin.OutboxMessage {
	data := map[string]any{"Month": locales.FormatMonth(lang, month)}
	msgs := documentMessages(toMember(t, m, key, "", nil), doc,
		locales.T(lang, "scheduler.digest.chart_caption", data), locales.T(lang, "scheduler.digest.file_caption", data))
	if len(doc.PDF) > 0 { // the leaders' digest, for printing at the Rakor
		pdf := toMember(t, m, key+"/pdf", locales.T(lang, "print.pdf.file_caption", data), nil)
		pdf.File, pdf.FileName = doc.PDF, doc.PDFName
		msgs = append(msgs, telegram.SplitLongCaption(pdf)...)
	}
	return msgs
}
