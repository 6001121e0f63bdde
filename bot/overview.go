package bot

import (
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// registerOverview adds what leaders look at and admins run: /ringkasan,
// /peringkat, /ekspor and /jadwal.
func (b *Bot) registerOverview() {
	b.addCommand(&command{id: "summary", names: names("ringkasan", "summary"), roles: members, handle: b.cmdSummary})
	b.addCommand(&command{id: "leaderboard", names: names("peringkat", "leaderboard"), roles: members, group: true, handle: b.cmdLeaderboard})
	b.addCommand(&command{id: "export", names: names("ekspor", "export"), roles: overseers, handle: b.cmdExport})
	b.addCommand(&command{id: "schedule", names: names("jadwal", "schedule"), roles: admins, handle: b.cmdSchedule})
	b.addWizard(b.holidayWizard())
	b.addCallback("sch", b.scheduleButton) // admin_schedule.go
}

// cmdSummary shows the monthly evaluation now: leaders and admins get every
// OPD (with the chart), heads and staff their own OPD. `/ringkasan lalu`
// (last) shows the previous month, as the digest of the 5th does;
// `/ringkasan pdf` sends the leaders' digest as a PDF (overview_pdf.go).
func (b *Bot) cmdSummary(r *Request) error {
	if b.Publisher == nil {
		_, err := r.Reply(r.T("overview.unavailable", nil), nil)
		return err
	}
	month := b.Now().In(r.Tenant.Location())
	last, pdf := summaryArgs(r.Args)
	if last {
		month = time.Date(month.Year(), month.Month(), 1, 12, 0, 0, 0, month.Location()).AddDate(0, -1, 0)
	}
	scope := r.Member.OPDCode
	if r.Is(quickwin.RoleAdmin, quickwin.RoleLeader) {
		scope = ""
	}
	if empty, err := b.nothingToSummarize(r, scope); empty || err != nil { // overview_wait.go
		return err
	}
	if pdf {
		b.showWork(r, telegram.ActionUploadDocument)
		return b.sendSummaryPDF(r, month)
	}
	b.showWork(r, telegram.ActionUploadPhoto)
	var doc *quickwin.Document
	var err error
	if r.Is(quickwin.RoleAdmin, quickwin.RoleLeader) {
		doc, err = b.Publisher.TenantSummary(r.Ctx, r.Tenant.ID, month, string(r.Lang))
	} else {
		doc, err = b.Publisher.OPDDigest(r.Ctx, r.Tenant.ID, r.Member.OPDCode, month, string(r.Lang))
	}
	if err != nil {
		return err
	}
	return b.sendDocument(r, doc, "", b.dashboardButtons(r, dashboardMonthPage(r, quickwin.MonthKey(month)))...)
}

// cmdLeaderboard shows the ranking now, with movement since last week.
func (b *Bot) cmdLeaderboard(r *Request) error {
	if b.Publisher == nil {
		_, err := r.Reply(r.T("overview.unavailable", nil), nil)
		return err
	}
	b.showWork(r, telegram.ActionUploadPhoto)
	doc, err := b.Publisher.Leaderboard(r.Ctx, r.Tenant.ID, b.Now(), string(r.Lang))
	if err != nil {
		return err
	}
	return b.sendDocument(r, doc, "")
}

// cmdExport sends the tenant's workbook.
func (b *Bot) cmdExport(r *Request) error {
	if wantsEvidence(r.Args) {
		return b.exportEvidence(r) // overview_export_evidence.go
	}
	if b.Publisher == nil {
		_, err := r.Reply(r.T("overview.unavailable", nil), nil)
		return err
	}
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActExport, ""); err != nil {
		return err
	}
	b.showWork(r, telegram.ActionUploadDocument)
	doc, err := b.Publisher.Export(r.Ctx, r.Tenant.ID, string(r.Lang))
	if err != nil {
		return err
	}
	caption := r.T("overview.export_caption", map[string]any{"Date": locales.FormatDateTime(r.Lang, b.Now().In(r.Tenant.Location()))})
	if b.Archive.Export != nil && r.Is(quickwin.RoleAdmin) {
		caption += "\n" + r.T("evidence.export.hint", nil)
	}
	return b.sendDocument(r, &quickwin.Document{File: doc.File, FileName: doc.FileName}, caption)
}

// sendDocument sends rendered content: its text parts (the last with
// buttons, if any), then the chart, then the file (with caption).
func (b *Bot) sendDocument(r *Request, doc *quickwin.Document, caption string, buttons ...[]quickwin.Button) error {
	for i, part := range doc.Parts {
		var kb [][]quickwin.Button
		if i == len(doc.Parts)-1 {
			kb = buttons
		}
		if _, err := r.Reply(part, kb); err != nil {
			return err
		}
	}
	if len(doc.Chart) > 0 {
		if _, err := b.Client.Reply(r.Ctx, telegram.Message{ChatID: r.ChatID, Photo: doc.Chart}); err != nil {
			return err
		}
	}
	if len(doc.File) > 0 {
		file := telegram.Message{ChatID: r.ChatID, Text: caption, File: doc.File, FileName: doc.FileName}
		if _, err := b.Client.Reply(r.Ctx, file); err != nil {
			return err
		}
	}
	return nil
}

// cmdSchedule shows the tenant's job schedules (in words, with buttons to
// change them) and holidays, or changes them: /jadwal NAME in words
// ("setiap hari kerja pukul 07.00"), /jadwal NAME cron MENIT JAM TANGGAL
// BULAN HARI (advanced), /jadwal NAME bawaan, /jadwal libur (then send the
// holiday file). See admin_schedule.go.
func (b *Bot) cmdSchedule(r *Request) error {
	f := strings.Fields(r.Args)
	switch {
	case len(f) == 0:
		return b.showSchedules(r)
	case len(f) == 1 && (quickwin.Keyword(f[0]) == "libur" || quickwin.Keyword(f[0]) == "holidays"):
		return b.startWizard(r, holidaysWizard, nil)
	}
	job := strings.ToLower(f[0])
	if !quickwin.IsJob(job) {
		_, err := r.Reply(r.T("schedule.unknown_job", map[string]any{"Job": esc(f[0]), "Jobs": strings.Join(quickwin.JobNames, ", ")}), nil)
		return err
	}
	spec, err := b.scheduleSpec(r, f[1:]) // admin_schedule.go
	if err != nil {
		return err
	}
	if err := b.saveSchedule(r, job, spec); err != nil {
		return err
	}
	_, err = r.Reply("✅ "+r.T("schedule.words.saved", map[string]any{"Job": r.T("job."+job, nil), "When": scheduleWords(r.Lang, r.Tenant.Schedule(job))}), nil)
	if err != nil {
		return err
	}
	return b.showSchedules(r)
}

func (b *Bot) showSchedules(r *Request) error {
	var sb strings.Builder
	loc := r.Tenant.Location()
	sb.WriteString("<b>" + r.T("schedule.title", map[string]any{"Zone": locales.ZoneAbbrev(loc, b.Now())}) + "</b>")
	var next map[string]time.Time
	if b.NextRuns != nil {
		next = b.NextRuns(r.Tenant, b.Now())
	}
	for _, job := range quickwin.JobNames {
		sb.WriteString("\n\n<b>" + r.T("job."+job, nil) + "</b> · <code>" + job + "</code>\n" + scheduleWords(r.Lang, r.Tenant.Schedule(job)))
		if n, ok := next[job]; ok {
			sb.WriteString(" — " + r.T("schedule.next", map[string]any{"When": locales.FormatDateTime(r.Lang, n.In(loc))}))
		}
	}
	sb.WriteString("\n\n" + r.T("schedule.holidays", map[string]any{"N": len(r.Tenant.Holidays)}))
	sb.WriteString("\n\n" + r.T("schedule.words.usage", nil))
	_, err := r.Reply(sb.String(), scheduleButtons(r))
	return err
}
