package bot

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// /ekspor bukti [TAHUN] (/export evidence [YEAR]): an admin gets the
// workbook with every report's evidence files as a ZIP (the reports dated
// in that year, or all). Telegram takes files from bots up to 50 MB; a
// larger export is refused before it is made, with the command that
// writes it on the server (quickwin export --evidence), which has no limit.

// maxBotUpload is Telegram's limit on a file a bot sends, less room for
// the workbook and the ZIP's own bytes.
const (
	maxBotUpload   = 50 << 20
	workbookMargin = 5 << 20
)

var evidenceWords = map[string]bool{"bukti": true, "evidence": true, "zip": true}

// wantsEvidence reports whether /ekspor was asked for the evidence ZIP.
func wantsEvidence(args string) bool {
	f := strings.Fields(args)
	return len(f) > 0 && evidenceWords[quickwin.Keyword(f[0])]
}

func (b *Bot) exportEvidence(r *Request) error {
	if !r.Is(quickwin.RoleAdmin) {
		return quickwin.Errorf(quickwin.EFORBIDDEN, "evidence export is for admins").WithKey("evidence.export.admins_only", nil)
	}
	if b.Archive.Export == nil {
		_, err := r.Reply(r.T("evidence.export.unavailable", nil), nil)
		return err
	}
	loc := r.Tenant.Location()
	var from, to time.Time
	period := r.T("evidence.export.all", nil)
	if f := strings.Fields(r.Args); len(f) > 1 {
		y, err := strconv.Atoi(f[1])
		if err != nil || y < 2000 || y > 2100 || len(f) > 2 {
			return quickwin.Errorf(quickwin.EINVALID, "bad year %q", f[1]).WithKey("evidence.export.usage", nil)
		}
		from, to = time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)
		period = strconv.Itoa(y)
	}
	size, err := b.Archive.Export.EvidenceSize(r.Ctx, r.Tenant.ID, from, to)
	if err != nil {
		return err
	}
	if size+workbookMargin > maxBotUpload {
		return b.tooLargeForTelegram(r, size, from, to)
	}
	_ = b.Client.ChatAction(r.Ctx, r.ChatID, "upload_document")
	var buf bytes.Buffer
	if err := b.Archive.Export.WriteEvidenceZip(r.Ctx, &buf, r.Tenant.ID, string(r.Lang), from, to); err != nil {
		return err
	}
	if buf.Len() > maxBotUpload {
		return b.tooLargeForTelegram(r, int64(buf.Len()), from, to)
	}
	now := b.Now().In(loc)
	name := "Ekspor-bukti-" + now.Format("2006-01-02") + ".zip"
	if r.Lang == locales.EN {
		name = "Export-evidence-" + now.Format("2006-01-02") + ".zip"
	}
	caption := r.T("evidence.export.caption", map[string]any{"Period": esc(period), "Size": locales.FormatNumber(r.Lang, math.Round(float64(buf.Len())/(1<<20)*10)/10)})
	_, err = b.Client.Reply(r.Ctx, telegram.Message{ChatID: r.ChatID, Text: caption, File: buf.Bytes(), FileName: name})
	return err
}

// tooLargeForTelegram tells the admin to write the export on the server.
func (b *Bot) tooLargeForTelegram(r *Request, size int64, from, to time.Time) error {
	cmd := "quickwin export --out bukti.zip --evidence"
	if !from.IsZero() {
		cmd += " --from " + from.Format("2006-01-02") + " --to " + to.AddDate(0, 0, -1).Format("2006-01-02")
	}
	_, err := r.Reply(r.T("evidence.export.too_large", map[string]any{
		"Size": locales.FormatNumber(r.Lang, math.Round(float64(size)/(1<<20))), "Command": esc(cmd),
	}), nil)
	return err
}
