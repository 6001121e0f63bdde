package digest

import (
	"context"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// listLimit caps each list of the tenant digest (OPDs that need attention,
// late quick wins, OPDs that did not report, deadlines): the Sekda reads it
// on a phone, and the attached workbook holds every row.
const listLimit = 25

// headlineCodes is how many OPD codes the headline names before "+n more".
const headlineCodes = 5

// judgedFilter selects the quick wins a digest judges (see evaluate).
var judgedFilter = quickwin.QuickWinFilter{Statuses: []quickwin.Status{quickwin.StatusActive, quickwin.StatusDone}}

// TenantDigest implements quickwin.Publisher: month (its year and month as
// month shows them, bounded in the tenant's time zone) for every OPD, with
// the capaian chart, the month's workbook and the PDF for printing.
//
// It reads the tenant's quick wins (active and done) and the reports dated
// in the month — never a year of reports: each quick win carries its latest
// value.
func (p *Publisher) TenantDigest(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	ev, commitments, reports, err := p.evaluateTenant(ctx, tenantID, month, true)
	if err != nil {
		return nil, err
	}
	members, err := p.store.Members(ctx, tenantID, false)
	if err != nil {
		return nil, err
	}
	png, err := capaianChart(l, ev)
	if err != nil {
		return nil, err
	}
	xlsx, err := p.digestWorkbook(l, ev, png, commitments, reports, members)
	if err != nil {
		return nil, err
	}
	pdf, err := digestPDF(l, ev, png, p.paper, true)
	if err != nil {
		return nil, err
	}
	return &quickwin.Document{
		Parts:    Split(renderTenantDigest(l, ev), TelegramLimit),
		Chart:    png,
		File:     xlsx,
		FileName: fileName(l, "report.file.digest", ev.Month.Start.Format("2006-01")),
		PDF:      pdf,
		PDFName:  pdfFileName(l, ev),
	}, nil
}

// TenantSummary implements quickwin.Publisher: the digest's text and
// chart without its workbook, for /ringkasan. Without the workbook it need
// not read the month's reports (the quick wins know their reported
// months), which is most of the digest's time on the embedded database.
func (p *Publisher) TenantSummary(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	ev, _, _, err := p.evaluateTenant(ctx, tenantID, month, false)
	if err != nil {
		return nil, err
	}
	png, err := capaianChart(l, ev)
	if err != nil {
		return nil, err
	}
	return &quickwin.Document{Parts: Split(renderTenantDigest(l, ev), TelegramLimit), Chart: png}, nil
}

// evaluateTenant judges a tenant's month. With withReports it reads the
// whole quick wins and the month's reports (a workbook lists them);
// without, the quick wins' summaries, whose ReportedMonths say whether
// each was reported.
func (p *Publisher) evaluateTenant(ctx context.Context, tenantID string, month time.Time, withReports bool) (*evaluation, []quickwin.QuickWin, []quickwin.Report, error) {
	tenant, loc, err := p.tenant(ctx, tenantID)
	if err != nil {
		return nil, nil, nil, err
	}
	m := monthOf(month, loc)
	opds, err := p.store.OPDs(ctx, tenantID, false)
	if err != nil {
		return nil, nil, nil, err
	}
	// A workbook shows every field of a quick win; the text, chart and PDF
	// need only what the OPDs' summaries hold.
	var commitments []quickwin.QuickWin
	if withReports {
		commitments, err = p.store.QuickWins(ctx, tenantID, judgedFilter)
	} else {
		commitments, err = p.store.TrackedQuickWinsSummarised(ctx, tenantID, "", judgedFilter.Statuses...)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	reports := monthMarks(commitments, m)
	if withReports {
		if reports, err = p.store.ReportsDated(ctx, tenantID, m.Start, m.End); err != nil {
			return nil, nil, nil, err
		}
	}
	ev := evaluate(tenant, loc, opds, commitments, reports, m, p.now())
	ev.WithWorkbook = withReports
	return ev, commitments, reports, nil
}

// OPDDigest implements quickwin.Publisher: one OPD's month, for its head,
// with a progress bar per quick win. It reads only that OPD's quick wins
// (the fields an evaluation needs) and its reports' dates in the month.
func (p *Publisher) OPDDigest(ctx context.Context, tenantID, opd string, month time.Time, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	tenant, loc, err := p.tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	o, err := p.store.OPD(ctx, tenantID, opd)
	if err != nil {
		return nil, err
	}
	m := monthOf(month, loc)
	commitments, err := p.store.TrackedQuickWinsSummarised(ctx, tenantID, o.Code, judgedFilter.Statuses...)
	if err != nil {
		return nil, err
	}
	ev := evaluate(tenant, loc, []quickwin.OPD{*o}, commitments, monthMarks(commitments, m), m, p.now())
	oe := &opdEval{OPD: *o} // a deactivated OPD without quick wins is not in ev
	if len(ev.OPDs) > 0 {
		oe = ev.OPDs[0]
	}
	return &quickwin.Document{Parts: Split(renderOPDDigest(l, ev, oe), TelegramLimit)}, nil
}

// renderTenantDigest writes the leaders' digest: a three-line headline
// (what it is; which OPDs need attention; the numbers), then the details.
func renderTenantDigest(l locales.Lang, ev *evaluation) string {
	p := &page{lang: l}
	monthName := p.month(ev.Month.Start)
	p.line(bold("📋 " + p.t("report.digest.title", map[string]any{"Month": monthName, "Name": ev.Tenant.Name})))
	attention := ev.attention()
	switch {
	case len(ev.Total.QWs) == 0:
		p.line("ℹ️ ", p.t("report.digest.no_quick_wins", nil))
		if n := len(ev.Total.NotStarted); n > 0 {
			p.line("⏳ ", p.tn("fair.digest.not_started", n, map[string]any{"Count": p.count(n), "N": n, "Date": p.date(firstStart(ev.Total.NotStarted))}))
		}
		footer(p, ev, true)
		return p.String()
	case len(attention) > 0:
		codes := make([]string, 0, headlineCodes)
		for _, o := range attention[:min(headlineCodes, len(attention))] {
			codes = append(codes, esc(o.OPD.Code))
		}
		more := ""
		if n := len(attention) - len(codes); n > 0 {
			more = " " + p.t("report.more", map[string]any{"Count": n})
		}
		p.line("⚠️ ", bold(p.tn("report.digest.attention", len(attention), nil)), " ", strings.Join(codes, ", "), more)
	default:
		p.line("✅ ", p.t("report.digest.all_clear", nil))
	}
	p.line(summaryLine(p, &ev.Total, true))

	if len(attention) > 0 {
		p.gap()
		p.line(bold("⚠️ " + p.t("report.digest.attention_title", nil)))
		for _, o := range attention[:min(listLimit, len(attention))] {
			p.line(bandEmoji(o), " ", bold(opdLabel(o.OPD)), " — ", p.pct(o.Mean), " ", p.category(quickwin.CategoryOf(o.Mean)),
				" · ", strings.Join(reasons(p, ev, o), " · "))
		}
		moreInFile(p, len(attention)-listLimit)
	}

	bestList(p, ev)

	p.gap()
	p.line(bold("🏢 " + p.t("report.digest.per_opd_title", nil)))
	for _, o := range ev.OPDs {
		if len(o.QWs) == 0 {
			p.line("⚪ ", bold(esc(o.OPD.Name)), " (", esc(o.OPD.Code), ") — ", idleOPD(p, o))
			continue
		}
		p.line(bandEmoji(o), " ", bold(esc(o.OPD.Name)), " (", esc(o.OPD.Code), ") — ", p.pct(o.Mean), " ", p.category(quickwin.CategoryOf(o.Mean)))
		p.line("      ", opdCounts(p, o))
	}

	p.gap()
	p.line(bold("⏰ " + p.t("report.digest.late_title", map[string]any{"Count": p.count(len(ev.Late))})))
	if len(ev.Late) == 0 {
		p.line(p.t("report.digest.none_late", nil))
	}
	for _, q := range ev.Late[:min(listLimit, len(ev.Late))] {
		p.line("• ", bold(esc(q.C.Code)), " ", esc(q.C.Title), " — ", p.tn("report.days_late", q.DaysLate, nil),
			" · ", p.t("report.deadline", map[string]any{"Date": p.short(q.C.Deadline)}), " · ", p.pct(q.Capaian))
	}
	moreInFile(p, len(ev.Late)-listLimit)

	p.gap()
	p.line(bold("📭 " + p.t("report.digest.unreported_title", map[string]any{"Month": monthName})))
	unreported := ev.unreported()
	if len(unreported) == 0 {
		p.line(p.t("report.digest.all_reported", nil))
	}
	for _, o := range unreported[:min(listLimit, len(unreported))] {
		line := "• " + opdLabel(o.OPD) + ": " + p.t("report.unreported_of", map[string]any{"Count": o.Unreported, "Total": o.Expected})
		if o.Silent() {
			line += " — " + p.t("report.reason.silent", map[string]any{"Month": monthName})
		}
		p.line(line)
	}
	moreInFile(p, len(unreported)-listLimit)

	p.gap()
	p.line(bold("📅 " + p.t("report.digest.upcoming_title", map[string]any{"Month": p.month(ev.Month.End)})))
	var qws []dueItem
	steps := 0
	for _, d := range ev.Upcoming {
		if d.Step == "" {
			qws = append(qws, d)
		} else {
			steps++
		}
	}
	if len(qws) == 0 && steps == 0 {
		p.line(p.t("report.digest.nothing_due", nil))
	}
	for _, d := range qws[:min(listLimit, len(qws))] {
		p.line("• ", p.short(d.Due), " · ", bold(esc(d.C.Code)), " ", esc(d.C.Title))
	}
	moreInFile(p, len(qws)-listLimit)
	if steps > 0 {
		p.line("• ", p.tn("report.digest.steps_due", steps, map[string]any{"Count": p.count(steps)}))
	}

	footer(p, ev, true)
	return p.String()
}

// renderOPDDigest writes one OPD's digest: the same headline, then every
// quick win with its progress bar, category and schedule status, then what
// falls due next month.
func renderOPDDigest(l locales.Lang, ev *evaluation, o *opdEval) string {
	p := &page{lang: l}
	monthName := p.month(ev.Month.Start)
	p.line(bold("📋 " + p.t("report.digest.title", map[string]any{"Month": monthName, "Name": o.OPD.Name})))
	switch {
	case len(o.QWs) == 0 && len(o.NotStarted) > 0:
		p.line("ℹ️ ", p.t("fair.opd.none_running", nil), " ", p.tn("fair.not_started_count", len(o.NotStarted), nil))
	case len(o.QWs) == 0:
		p.line("ℹ️ ", p.t("report.opd.no_quick_wins", nil))
	case o.NeedsAttention():
		p.line("⚠️ ", bold(p.t("report.opd.attention", nil)), " ", strings.Join(reasons(p, ev, o), " · "))
	default:
		p.line("✅ ", p.t("report.opd.all_clear", nil))
	}
	if len(o.QWs) > 0 {
		p.line(summaryLine(p, o, false))
		p.gap()
		p.line(bold("🎯 " + p.t("report.opd.quick_wins_title", nil)))
	}
	if len(o.QWs) == 0 && len(o.NotStarted) > 0 {
		p.gap()
		p.line(bold("🎯 " + p.t("report.opd.quick_wins_title", nil)))
	}
	for _, q := range o.QWs {
		p.gap()
		p.line(q.Category.Emoji(), " ", bold(esc(q.C.Code)), " ", esc(q.C.Title))
		p.line(ProgressBar(l, q.Capaian), " · ", p.category(q.Category), " · ", p.status(q))
		details := []string{progressText(p, q.C), p.t("report.deadline", map[string]any{"Date": p.short(q.C.Deadline)})}
		if q.Expected && !q.Reported {
			details = append(details, "📭 "+p.t("report.opd.not_reported", map[string]any{"Month": monthName}))
		}
		p.line(strings.Join(details, " · "))
	}
	for _, q := range o.NotStarted {
		p.gap()
		p.line("⏳ ", bold(esc(q.C.Code)), " ", esc(q.C.Title))
		p.line(notStartedText(p, q.C), " · ", p.t("report.deadline", map[string]any{"Date": p.short(q.C.Deadline)}))
	}
	if len(ev.Upcoming) > 0 {
		p.gap()
		p.line(bold("📅 " + p.t("report.digest.upcoming_title", map[string]any{"Month": p.month(ev.Month.End)})))
		for _, d := range ev.Upcoming {
			if d.Step == "" {
				p.line("• ", p.short(d.Due), " · ", bold(esc(d.C.Code)), " ", esc(d.C.Title))
			} else {
				p.line("• ", p.short(d.Due), " · ", bold(esc(d.C.Code)), " › ", esc(d.Step))
			}
		}
	}
	footer(p, ev, false)
	return p.String()
}

// summaryLine is the headline's numbers: how many quick wins, the mean
// capaian, the colour bands, and (for the tenant) late and unreported ones.
func summaryLine(p *page, o *opdEval, tenant bool) string {
	s := "📊 " + p.tn("report.digest.summary", len(o.QWs), map[string]any{"Count": p.count(len(o.QWs)), "Mean": p.pct(o.Mean)})
	if !tenant {
		s += " " + bandEmoji(o) + " " + p.category(quickwin.CategoryOf(o.Mean))
	}
	s += " · " + p.bands(o.Bands)
	if tenant || o.Late > 0 {
		s += " · ⏰ " + p.tn("report.late_count", o.Late, map[string]any{"Count": p.count(o.Late)})
	}
	if tenant || o.Unreported > 0 {
		s += " · 📭 " + p.tn("report.unreported_count", o.Unreported, map[string]any{"Count": p.count(o.Unreported)})
	}
	if n := len(o.NotStarted); n > 0 {
		s += " · ⏳ " + p.tn("fair.not_started_count", n, map[string]any{"Count": p.count(n)})
	}
	return s
}

// reasons says why an OPD needs attention, in the order of the rule.
func reasons(p *page, ev *evaluation, o *opdEval) []string {
	var r []string
	if o.Late > 0 {
		r = append(r, p.tn("report.late_count", o.Late, map[string]any{"Count": p.count(o.Late)}))
	}
	if o.Silent() {
		r = append(r, p.t("report.reason.silent", map[string]any{"Month": p.month(ev.Month.Start)}))
	}
	if o.AtRisk > 0 {
		r = append(r, p.t("report.reason.at_risk", map[string]any{"Count": o.AtRisk, "Total": o.Active}))
	}
	return r
}

// opdCounts is an OPD's second line in the per-OPD list.
func opdCounts(p *page, o *opdEval) string {
	s := []string{p.tn("report.active_count", o.Active, nil)}
	if o.Done > 0 {
		s = append(s, p.tn("report.done_count", o.Done, nil))
	}
	s = append(s, p.bands(o.Bands))
	if o.Late > 0 {
		s = append(s, p.tn("report.late_count", o.Late, nil))
	}
	if o.AtRisk > 0 {
		s = append(s, p.tn("report.at_risk_count", o.AtRisk, nil))
	}
	if o.Unreported > 0 {
		s = append(s, p.tn("report.unreported_count", o.Unreported, nil))
	}
	if n := len(o.NotStarted); n > 0 {
		s = append(s, p.tn("fair.not_started_count", n, nil))
	}
	return strings.Join(s, " · ")
}

// progressText says what the capaian was computed from.
func progressText(p *page, c *quickwin.QuickWin) string {
	if c.Kind == quickwin.KindMilestone {
		done := 0
		for _, s := range c.Steps {
			if s.Done() {
				done++
			}
		}
		return p.t("report.opd.steps_done", map[string]any{"Count": done, "Total": len(c.Steps)})
	}
	if c.LastValue == nil {
		return p.t("report.opd.no_value", nil)
	}
	return p.t("report.opd.value", map[string]any{"Value": p.num(*c.LastValue), "Target": p.num(c.Target), "Unit": c.Unit})
}

// bandEmoji is the colour of an OPD's mean capaian.
func bandEmoji(o *opdEval) string { return quickwin.CategoryOf(o.Mean).Emoji() }

// moreInFile notes how many rows a capped list left to the workbook.
func moreInFile(p *page, n int) {
	if n > 0 {
		p.line("… ", p.t("report.more_in_file", map[string]any{"Count": p.count(n)}))
	}
}

// footer states the attention rule and the colour scale, so that nobody has
// to guess, and when the statuses were judged.
func footer(p *page, ev *evaluation, tenant bool) {
	p.gap()
	if tenant {
		p.line(italic(p.t("report.digest.rule", map[string]any{"Gap": p.num(quickwin.AtRiskGap)})))
	}
	p.line(italic(p.t("report.digest.scale", nil)))
	as := p.t("report.digest.as_of", map[string]any{"Date": p.date(ev.Now)})
	switch {
	case tenant && ev.WithWorkbook:
		as += " " + p.t("report.digest.attachments", nil)
	case tenant:
		as += " " + p.t("report.digest.attachments_chart", nil)
	}
	p.line(italic(as))
}

// fileName is a file name from a translated prefix and a suffix.
func fileName(l locales.Lang, key, suffix string) string {
	return locales.T(l, key, nil) + "-" + suffix + ".xlsx"
}

// monthMarks stands in for the month's reports where only "was this quick
// win reported in the month" matters (a head's digest): one mark per quick
// win whose ReportedMonths has the month. It spares reading the reports,
// the largest collection, which the embedded database would scan whole.
func monthMarks(commitments []quickwin.QuickWin, m period) []quickwin.Report {
	var marks []quickwin.Report
	for i := range commitments {
		c := &commitments[i]
		if c.ReportedIn(m.Start) {
			marks = append(marks, quickwin.Report{QuickWinID: c.ID, OPDCode: c.OPDCode, Date: m.Start})
		}
	}
	return marks
}
