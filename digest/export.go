package digest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// Export implements quickwin.Publisher: the tenant's whole workbook — OPD
// summary (the current month judged now), every quick win, action step and
// report, the audit log, and a sheet that explains it. Unlike the digests it
// reads every report and audit entry of the tenant: it is the one place
// where all of them are wanted.
//
// Evidence stays in Telegram, which gives bots no public link to a file:
// the workbook lists each file's kind and Telegram file id, with which this
// bot (and only this bot) can send the file again.
func (p *Publisher) Export(ctx context.Context, tenantID string, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	d, err := p.loadExport(ctx, tenantID, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	file, now, err := p.exportWorkbook(l, d, nil)
	if err != nil {
		return nil, err
	}
	caption := "📎 " + esc(locales.T(l, "report.export.caption", map[string]any{"Name": d.tenant.Name, "Date": locales.FormatDate(l, now)}))
	return &quickwin.Document{Parts: []string{caption}, File: file, FileName: fileName(l, "report.file.export", now.Format("2006-01-02"))}, nil
}

// exportData is what the export reads: every quick win, and the reports
// and audit entries dated in [from, to) (zero: open). The ZIP export
// plans its folders from the same quick wins and reports.
type exportData struct {
	from, to    time.Time
	tenant      *quickwin.Tenant
	loc         *time.Location
	opds        []quickwin.OPD
	commitments []quickwin.QuickWin
	reports     []quickwin.Report
	members     []quickwin.Member
	audit       []quickwin.AuditEntry
}

func (p *Publisher) loadExport(ctx context.Context, tenantID string, from, to time.Time) (*exportData, error) {
	d := &exportData{from: from, to: to}
	var err error
	if d.tenant, d.loc, err = p.tenant(ctx, tenantID); err != nil {
		return nil, err
	}
	if d.opds, err = p.store.OPDs(ctx, tenantID, false); err != nil {
		return nil, err
	}
	if d.commitments, err = p.store.QuickWins(ctx, tenantID, quickwin.QuickWinFilter{}); err != nil {
		return nil, err
	}
	if d.reports, err = p.store.ReportsDated(ctx, tenantID, from, to); err != nil {
		return nil, err
	}
	if d.members, err = p.store.Members(ctx, tenantID, false); err != nil {
		return nil, err
	}
	if d.audit, err = p.store.AuditLog(ctx, tenantID, from, to); err != nil {
		return nil, err
	}
	return d, nil
}

// exportWorkbook is the export's workbook of d; files, when set, gives
// the reports' evidence folders in the ZIP export, which the reports sheet
// then links to. It returns the moment it was made at, in the tenant's zone.
func (p *Publisher) exportWorkbook(l locales.Lang, d *exportData, files map[string]fileLink) ([]byte, time.Time, error) {
	now := p.now().In(d.loc)
	ev := evaluate(d.tenant, d.loc, d.opds, d.commitments, d.reports, monthOf(now, d.loc), now)
	x := newExport(l, ev, d.commitments, d.members)
	x.files = files
	period := locales.T(l, "print.xlsx.period_all", map[string]any{"Date": locales.FormatDate(l, now)})
	if !d.from.IsZero() || !d.to.IsZero() {
		period = periodText(l, d.from, d.to, d.loc)
	}
	png, err := capaianChart(l, ev)
	if err != nil {
		return nil, time.Time{}, err
	}
	w, err := newWorkbook(l, d.loc, p.pageInfo(l, ev, period))
	if err != nil {
		return nil, time.Time{}, err
	}
	if err := w.addFront(ev, png); err != nil {
		return nil, time.Time{}, fmt.Errorf("export front sheet: %w", err)
	}
	for _, s := range []sheet{
		x.summary(), x.commitments(), x.steps(), x.reports(d.reports), x.audit(d.audit, d.reports), x.about(period),
	} {
		if err := w.add(s); err != nil {
			return nil, time.Time{}, fmt.Errorf("export %s: %w", s.NameKey, err)
		}
	}
	file, err := w.bytes()
	return file, now, err
}

// digestWorkbook is the workbook attached to the leaders' digest: the
// month's OPD summary, the judged quick wins with their steps, and the
// reports dated in the month. The audit log belongs to Export.
func (p *Publisher) digestWorkbook(l locales.Lang, ev *evaluation, chart []byte, commitments []quickwin.QuickWin, reports []quickwin.Report, members []quickwin.Member) ([]byte, error) {
	x := newExport(l, ev, commitments, members)
	period := locales.FormatMonth(l, ev.Month.Start)
	w, err := newWorkbook(l, ev.Loc, p.pageInfo(l, ev, period))
	if err != nil {
		return nil, err
	}
	if err := w.addFront(ev, chart); err != nil {
		return nil, fmt.Errorf("digest workbook front sheet: %w", err)
	}
	for _, s := range []sheet{x.summary(), x.commitments(), x.steps(), x.reports(reports), x.about(period)} {
		if err := w.add(s); err != nil {
			return nil, fmt.Errorf("digest workbook %s: %w", s.NameKey, err)
		}
	}
	return w.bytes()
}

// export holds what the sheets look up: names of members and quick wins.
type export struct {
	lang  locales.Lang
	ev    *evaluation
	qws   []quickwin.QuickWin
	byID  map[string]*quickwin.QuickWin
	names map[string]string // member id → name
	// files: report id (or stepKey) → its folder of evidence files in the
	// ZIP export (nil outside it).
	files map[string]fileLink
}

func newExport(l locales.Lang, ev *evaluation, commitments []quickwin.QuickWin, members []quickwin.Member) *export {
	x := &export{lang: l, ev: ev, qws: commitments, byID: map[string]*quickwin.QuickWin{}, names: map[string]string{}}
	for i := range commitments {
		commitments[i].In(ev.Loc) // a no-op for those evaluate already moved
		x.byID[commitments[i].ID] = &commitments[i]
	}
	for _, m := range members {
		x.names[m.ID] = m.Name
	}
	return x
}

func (x *export) t(key string) string { return locales.T(x.lang, key, nil) }

// yesNo is the language's yes or no.
func (x *export) yesNo(b bool) string {
	if b {
		return x.t("common.yes")
	}
	return x.t("common.no")
}

// who names a member; "system" is the store acting on its own. An id
// without a member says so in words: an id means nothing to a reader.
func (x *export) who(id string) string {
	switch {
	case id == "":
		return ""
	case id == "system":
		return x.t("report.xlsx.system")
	case x.names[id] != "":
		return x.names[id]
	}
	return x.t("print.xlsx.unknown_member")
}

// code is a quick win's code, or its id when it is not loaded.
func (x *export) code(id string) string {
	if c := x.byID[id]; c != nil {
		return c.Code
	}
	return id
}

// evidence lists files as "foto: <file id>; dokumen: <file id> (name.pdf)".
func (x *export) evidence(ev []quickwin.Evidence) string {
	s := make([]string, len(ev))
	for i, e := range ev {
		kind := e.Kind
		if key := "report.xlsx.evidence." + e.Kind; locales.Has(x.lang, key) {
			kind = x.t(key)
		}
		s[i] = kind + ": " + e.FileID
		if e.FileName != "" {
			s[i] += " (" + e.FileName + ")"
		}
		if e.Caption != "" {
			s[i] += " «" + e.Caption + "»"
		}
	}
	return strings.Join(s, "; ")
}

// enum translates a value of a fixed set (status, kind, ...) when it has a key.
func (x *export) enum(prefix, v string) string {
	if v == "" {
		return ""
	}
	if key := prefix + v; locales.Has(x.lang, key) {
		return x.t(key)
	}
	return v
}

func (x *export) summary() sheet {
	s := sheet{NameKey: "report.xlsx.sheet.summary", Cols: []column{
		{"report.xlsx.col.opd_code", kindText, 12}, {"report.xlsx.col.opd_name", kindText, 40},
		{"report.xlsx.col.active", kindInt, 10}, {"fair.xlsx.col.not_started", kindInt, 11},
		{"report.xlsx.col.done", kindInt, 10}, {"report.xlsx.col.mean", kindPercent, 14},
		{"fair.xlsx.col.very_high", kindInt, 12}, {"fair.xlsx.col.high", kindInt, 12}, {"fair.xlsx.col.medium", kindInt, 12},
		{"fair.xlsx.col.low", kindInt, 12}, {"fair.xlsx.col.very_low", kindInt, 12},
		{"report.xlsx.col.at_risk", kindInt, 11}, {"report.xlsx.col.late", kindInt, 11},
		{"report.xlsx.col.unreported", kindInt, 14}, {"report.xlsx.col.reports", kindInt, 14},
		{"report.xlsx.col.attention", kindText, 14},
	}}
	for _, o := range x.ev.OPDs {
		var mean any
		if len(o.QWs) > 0 {
			mean = o.Mean
		}
		// "Quick win aktif" counts what the quick wins sheet calls Aktif:
		// the judged ones and those not started yet (counted apart too).
		s.Rows = append(s.Rows, []any{o.OPD.Code, o.OPD.Name, o.Active + len(o.NotStarted), len(o.NotStarted), o.Done, mean,
			o.Bands[0], o.Bands[1], o.Bands[2], o.Bands[3], o.Bands[4],
			o.AtRisk, o.Late, o.Unreported, o.Reports, x.yesNo(o.NeedsAttention())})
	}
	return s
}

func (x *export) commitments() sheet {
	s := sheet{NameKey: "report.xlsx.sheet.commitments", Cols: []column{
		{"report.xlsx.col.code", kindText, 14}, {"report.xlsx.col.opd_code", kindText, 12},
		{"report.xlsx.col.title", kindWrap, 40}, {"report.xlsx.col.description", kindWrap, 40},
		{"report.xlsx.col.indicator", kindWrap, 30}, {"report.xlsx.col.year", kindYear, 8},
		{"report.xlsx.col.kind", kindText, 14}, {"report.xlsx.col.direction", kindText, 22},
		{"report.xlsx.col.unit", kindText, 10}, {"report.xlsx.col.baseline", kindNumber, 11},
		{"report.xlsx.col.target", kindNumber, 11}, {"report.xlsx.col.value", kindNumber, 11},
		{"report.xlsx.col.capaian", kindPercent, 12}, {"report.xlsx.col.category", kindText, 15},
		{"report.xlsx.col.schedule", kindText, 16}, {"report.xlsx.col.days_late", kindInt, 12},
		{"report.xlsx.col.status", kindText, 12}, {"report.xlsx.col.start", kindDate, 12},
		{"report.xlsx.col.deadline", kindDate, 12}, {"report.xlsx.col.last_report", kindDateTime, 18},
		{"report.xlsx.col.last_state", kindText, 15}, {"report.xlsx.col.verified_value", kindNumber, 14},
		{"report.xlsx.col.steps_done", kindInt, 11}, {"report.xlsx.col.steps_total", kindInt, 11},
		{"report.xlsx.col.budget", kindRupiah, 16}, {"report.xlsx.col.source", kindText, 12},
		{"report.xlsx.col.mission", kindInt, 10},
		{"report.xlsx.col.tw1", kindNumber, 11}, {"report.xlsx.col.tw2", kindNumber, 11},
		{"report.xlsx.col.tw3", kindNumber, 11}, {"report.xlsx.col.tw4", kindNumber, 11},
		{"report.xlsx.col.cumulative", kindText, 12}, {"report.xlsx.col.created_at", kindDateTime, 18},
	}}
	now := x.ev.Now
	for i := range x.qws {
		c := &x.qws[i]
		done := 0
		for _, st := range c.Steps {
			if st.Done() {
				done++
			}
		}
		var capaian, category, schedule, daysLate any
		if c.Status == quickwin.StatusActive || c.Status == quickwin.StatusDone {
			status := c.StatusAt(now)
			schedule = x.t("status." + string(status))
			if status != quickwin.NotStarted { // not failing: no capaian, no category
				capaian, category = c.Capaian(), x.t("category."+string(quickwin.CategoryOf(c.Capaian())))
			}
			if status == quickwin.Late {
				daysLate = c.DaysOverdue(now)
			}
		}
		var baseline, target, direction, mission any
		if c.Kind == quickwin.KindNumeric {
			baseline, target, direction = c.Baseline, c.Target, x.enum("report.xlsx.direction.", string(c.Direction))
		}
		if c.Mission > 0 {
			mission = c.Mission
		}
		var budget any
		if c.Budget > 0 {
			budget = c.Budget
		}
		quarters := []any{nil, nil, nil, nil, nil}
		if c.Quarters != nil {
			for q, v := range c.Quarters.Values {
				quarters[q] = v
			}
			quarters[4] = x.yesNo(c.Quarters.Cumulative)
		}
		row := []any{c.Code, c.OPDCode, c.Title, c.Description, c.Indicator, c.Year,
			x.enum("report.xlsx.kind.", string(c.Kind)), direction, c.Unit, baseline, target, c.LastValue,
			capaian, category, schedule, daysLate, x.enum("report.xlsx.status.", string(c.Status)),
			c.Start, c.Deadline, c.LastReportAt, x.enum("report.xlsx.verify.", string(c.LastState)), c.VerifiedValue,
			done, len(c.Steps), budget, string(c.Source), mission}
		row = append(row, quarters...)
		s.Rows = append(s.Rows, append(row, c.CreatedAt))
	}
	return s
}

func (x *export) steps() sheet {
	s := sheet{NameKey: "report.xlsx.sheet.steps", Cols: []column{
		{"report.xlsx.col.code", kindText, 14}, {"report.xlsx.col.opd_code", kindText, 12},
		{"report.xlsx.col.step", kindWrap, 40}, {"report.xlsx.col.owner", kindText, 22},
		{"report.xlsx.col.due", kindDate, 12}, {"report.xlsx.col.done_at", kindDateTime, 18},
		{"report.xlsx.col.on_time", kindText, 12}, {"report.xlsx.col.evidence", kindWrap, 50},
		// The step's id lets an edited export be imported back with each
		// step matched to itself (package workbook).
		{"report.xlsx.col.step_id", kindText, 10},
	}}
	x.stepFilesColumn(&s)
	now := x.ev.Now
	for i := range x.qws {
		c := &x.qws[i]
		for _, st := range c.Steps {
			var onTime any // empty while undecided
			if yes, decided := st.OnTime(now); decided {
				onTime = x.yesNo(yes)
			}
			s.Rows = append(s.Rows, x.stepFilesCell([]any{c.Code, c.OPDCode, st.Title, st.Owner, st.Due, st.DoneAt, onTime, x.evidence(st.Evidence), st.ID}, c, st))
		}
	}
	return s
}

func (x *export) reports(reports []quickwin.Report) sheet {
	s := sheet{NameKey: "report.xlsx.sheet.reports", Cols: []column{
		{"report.xlsx.col.date", kindDateTime, 18}, {"report.xlsx.col.code", kindText, 14},
		{"report.xlsx.col.opd_code", kindText, 12}, {"report.xlsx.col.value", kindNumber, 11},
		{"report.xlsx.col.capaian", kindPercent, 12}, {"report.xlsx.col.steps_reported", kindWrap, 30},
		{"report.xlsx.col.note", kindWrap, 40}, {"report.xlsx.col.reporter", kindText, 22},
		{"report.xlsx.col.verification", kindText, 15}, {"report.xlsx.col.verified_by", kindText, 22},
		{"report.xlsx.col.verified_at", kindDateTime, 18}, {"report.xlsx.col.reason", kindWrap, 30},
		{"report.xlsx.col.evidence_count", kindInt, 10}, {"report.xlsx.col.evidence", kindWrap, 50},
		{"report.xlsx.col.created_at", kindDateTime, 18},
	}}
	if x.files != nil {
		// Wide enough for bukti/OPD/CODE/date_id/ (n).
		s.Cols = append(s.Cols, column{"evidence.xlsx.col.files", kindText, 58})
	}
	sorted := slices.Clone(reports)
	slices.SortStableFunc(sorted, func(a, b quickwin.Report) int {
		return a.Date.Compare(b.Date)
	})
	for _, r := range sorted {
		c := x.byID[r.QuickWinID]
		var capaian any
		var steps []string
		if c != nil && r.Value != nil && c.Kind == quickwin.KindNumeric {
			capaian = quickwin.NumericCapaian(c.Direction, c.Target, *r.Value)
		}
		for _, id := range r.StepsDone {
			title := id
			if c != nil {
				if i := c.StepIndex(id); i >= 0 {
					title = c.Steps[i].Title
				}
			}
			steps = append(steps, title)
		}
		s.Rows = append(s.Rows, []any{r.Date, x.code(r.QuickWinID), r.OPDCode, r.Value, capaian, strings.Join(steps, "; "),
			r.Note, x.who(r.ReporterID), x.enum("report.xlsx.verify.", string(r.State)), x.who(r.VerifiedBy),
			r.VerifiedAt, r.Reason, len(r.Evidence), x.evidence(r.Evidence), r.CreatedAt})
		if x.files != nil {
			row := &s.Rows[len(s.Rows)-1]
			if f, ok := x.files[r.ID]; ok {
				*row = append(*row, f)
			} else {
				*row = append(*row, nil)
			}
		}
	}
	return s
}

// audit is the audit log in words: when, who, what happened to what, the
// reason given and what changed (see auditWords).
func (x *export) audit(entries []quickwin.AuditEntry, reports []quickwin.Report) sheet {
	s := sheet{NameKey: "report.xlsx.sheet.audit", Cols: []column{
		{"report.xlsx.col.at", kindDateTime, 18}, {"report.xlsx.col.actor", kindText, 22},
		{"report.xlsx.col.action", kindText, 24}, {"report.xlsx.col.object", kindWrap, 34},
		{"report.xlsx.col.reason", kindWrap, 30}, {"report.xlsx.col.changes", kindWrap, 70},
	}}
	a := x.auditWords(entries, reports)
	for _, e := range entries {
		s.Rows = append(s.Rows, []any{e.At, x.who(e.ActorID), a.action(e), a.object(e), a.reason(e), a.changes(e)})
	}
	return s
}

// about explains the workbook: whose data, when, which period, and how to
// read the evidence and the categories.
func (x *export) about(period string) sheet {
	ev := x.ev
	s := sheet{NameKey: "report.xlsx.sheet.about", Cols: []column{
		{"report.xlsx.col.item", kindText, 24}, {"report.xlsx.col.content", kindWrap, 100},
	}}
	add := func(key, value string) { s.Rows = append(s.Rows, []any{x.t(key), value}) }
	add("report.xlsx.about.tenant", ev.Tenant.Name)
	add("report.xlsx.about.made_at", locales.FormatDateTime(x.lang, ev.Now))
	add("report.xlsx.about.period", period)
	add("report.xlsx.about.time_zone", ev.Loc.String())
	add("report.xlsx.about.capaian", x.t("report.xlsx.about.capaian_text"))
	add("report.xlsx.about.categories", x.t("report.digest.scale"))
	add("report.xlsx.about.evidence", x.t("report.xlsx.about.evidence_text"))
	return s
}

// maxChangeText caps the changes cell: a quick win's steps can be long.
const maxChangeText = 2000

// maskToken keeps the first characters of a secret, enough to match it
// with what its owner holds.
func maskToken(s string) string {
	if r := []rune(s); len(r) > 4 {
		return string(r[:4]) + "…"
	}
	return s
}
