package dashboard

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"quickwin"
	"quickwin/locales"
)

// historyLimit caps the history page.
const historyLimit = 30

// quickWinView is everything about one quick win.
type quickWinView struct {
	C         *quickwin.QuickWin
	OPDName   string
	OPDURL    string
	Capaian   float64
	Category  quickwin.Category
	Status    quickwin.ScheduleStatus
	Bar       template.HTML
	Chart     template.HTML
	Quarters  []quarterRow
	Steps     []stepRow
	Reports   []reportRow
	Questions []questionRow
	// HistoryURL is the quick win's history, a page of its own.
	HistoryURL string
	// Thumbnails says evidence can be shown (an archive is plugged in).
	Thumbnails bool
}

type quarterRow struct {
	Label   string
	Target  float64
	Value   *float64
	Capaian float64
}

type stepRow struct {
	quickwin.Step
	Late     bool // done after its due day, or open past it
	Evidence []evidenceRow
}

type reportRow struct {
	quickwin.Report
	Reporter string
	Evidence []evidenceRow
}

type evidenceRow struct {
	Kind, Name string
	URL        string // full size; empty without an archive
	Photo      bool
}

type questionRow struct {
	quickwin.Question
	Asker, Answerer string
}

type historyRow struct {
	At            time.Time
	Action, Actor string
	Reason        string
}

// loadQuickWin reads the quick win of the address and checks that the
// viewer may see it (ActViewOPD on its OPD). An id of another tenant is
// not found: every read is scoped to the viewer's tenant.
func (h *Handler) loadQuickWin(r *http.Request, v *viewer) (*quickwin.QuickWin, error) {
	id := r.PathValue("id")
	if !quickwin.ValidInviteToken(id) { // the same alphabet: letters, digits, _ and -
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "no quick win %q", id)
	}
	c, err := h.cfg.Store.QuickWin(r.Context(), v.tenant.ID, id)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActViewOPD, c.OPDCode); err != nil {
		return nil, err
	}
	c.In(v.tenant.Location())
	return c, nil
}

// memberNames maps the tenant's member ids to names.
func (h *Handler) memberNames(r *http.Request, v *viewer) (map[string]string, error) {
	members, err := h.cfg.Store.Members(r.Context(), v.tenant.ID, false)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(members))
	for _, m := range members {
		names[m.ID] = m.Name
	}
	return names, nil
}

// quickWinPage shows one quick win: its numbers, the chart, quarterly
// targets, action steps, reports with evidence, questions and answers.
// The history is a page of its own (historyPage).
func (h *Handler) quickWinPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	c, err := h.loadQuickWin(r, v)
	if err != nil {
		return err
	}
	ctx, now := r.Context(), h.cfg.Clock.Now()
	reports, err := h.cfg.Store.QuickWinReports(ctx, c)
	if err != nil {
		return err
	}
	questions, err := h.cfg.Store.Questions(ctx, v.tenant.ID, c.ID)
	if err != nil {
		return err
	}
	names, err := h.memberNames(r, v)
	if err != nil {
		return err
	}
	opdName := c.OPDCode
	if o, err := h.cfg.Store.OPD(ctx, v.tenant.ID, c.OPDCode); err == nil {
		opdName = o.Name
	}

	p := h.newPage(r, v, "dash.qw.title")
	p.Title = c.Code + " · " + c.Title
	view := &quickWinView{C: c, OPDName: opdName, OPDURL: p.URL("opd/" + c.OPDCode), Capaian: c.Capaian(),
		Status: c.StatusAt(now), Thumbnails: h.cfg.Evidence != nil, HistoryURL: p.URL("qw/" + c.ID + "/history")}
	view.Category = quickwin.CategoryOf(view.Capaian)
	view.Bar = progressBar(view.Capaian, view.Category)
	view.Chart = realisationChart(chartPoints(p, c, reports, now), c.Unit, p.T("dash.qw.chart"))
	if c.Kind == quickwin.KindNumeric && c.Quarters != nil {
		view.Quarters = quarterRows(p, c, reports)
	}
	stepURL := stepEvidenceURLs(p, c, reports) // evidence_step.go
	for _, s := range c.Steps {
		onTime, decided := s.OnTime(now)
		row := stepRow{Step: s, Late: decided && !onTime}
		for i, e := range s.Evidence {
			row.Evidence = append(row.Evidence, h.evidenceRow(p, stepURL(s, i), e))
		}
		view.Steps = append(view.Steps, row)
	}
	for _, rep := range reports {
		row := reportRow{Report: rep, Reporter: names[rep.ReporterID]}
		for i, e := range rep.Evidence {
			row.Evidence = append(row.Evidence, h.evidenceRow(p, p.URL("evidence/"+rep.ID+"/"+strconv.Itoa(i)), e))
		}
		view.Reports = append(view.Reports, row)
	}
	for _, q := range questions {
		view.Questions = append(view.Questions, questionRow{Question: q, Asker: names[q.AskedBy], Answerer: names[q.AnsweredBy]})
	}
	p.Data = view
	h.render(w, http.StatusOK, "quickwin", p)
	return nil
}

// historyView is a quick win's history from the audit log, newest first.
type historyView struct {
	C       *quickwin.QuickWin
	BackURL string
	Rows    []historyRow
}

// historyPage shows who changed what on a quick win, when and why (the
// same permission as the quick win).
func (h *Handler) historyPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	c, err := h.loadQuickWin(r, v)
	if err != nil {
		return err
	}
	audit, err := h.cfg.Store.QuickWinHistory(r.Context(), v.tenant.ID, c.ID)
	if err != nil {
		return err
	}
	names, err := h.memberNames(r, v)
	if err != nil {
		return err
	}
	p := h.newPage(r, v, "dash.qw.history")
	p.Title = c.Code + " · " + p.T("dash.qw.history")
	view := &historyView{C: c, BackURL: p.URL("qw/" + c.ID)}
	for i := len(audit) - 1; i >= 0 && len(view.Rows) < historyLimit; i-- {
		e := audit[i]
		action := locales.AuditAction(p.Lang, e.Action)
		actor := names[e.ActorID]
		if actor == "" && e.ActorID == "system" {
			actor = p.T("dash.qw.system")
		}
		view.Rows = append(view.Rows, historyRow{At: e.At, Action: action, Actor: actor, Reason: e.Reason})
	}
	p.Data = view
	h.render(w, http.StatusOK, "history", p)
	return nil
}

// evidenceRow describes one piece of evidence; with an archive, it links
// to its full size at url.
func (h *Handler) evidenceRow(p *page, url string, e quickwin.Evidence) evidenceRow {
	row := evidenceRow{Kind: p.T("dash.evidence." + evidenceKind(e)), Name: e.FileName, Photo: e.Kind == "photo"}
	if h.cfg.Evidence != nil {
		row.URL = url
	}
	return row
}

func evidenceKind(e quickwin.Evidence) string {
	if e.Kind == "photo" {
		return "photo"
	}
	return "document"
}

// counted are the reports that stand: a returned report does not.
func counted(reports []quickwin.Report) []quickwin.Report {
	var out []quickwin.Report
	for _, r := range reports {
		if r.State != quickwin.VerifyReturned && r.Value != nil {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b quickwin.Report) int { return a.Date.Compare(b.Date) })
	return out
}

// chartPoints are the months from the quick win's start to its deadline
// (at most 24): for a numeric quick win the month's latest standing
// realisation against the month's target (its quarter's, when quarterly
// targets are set); for a milestone one the share of steps done by the
// month's end against the share due by then.
func chartPoints(p *page, c *quickwin.QuickWin, reports []quickwin.Report, now time.Time) []monthPoint {
	loc := c.Deadline.Location()
	first := time.Date(c.Start.Year(), c.Start.Month(), 1, 0, 0, 0, 0, loc)
	last := time.Date(c.Deadline.Year(), c.Deadline.Month(), 1, 0, 0, 0, 0, loc)
	standing := counted(reports)
	var out []monthPoint
	for m := first; !m.After(last) && len(out) < 24; m = m.AddDate(0, 1, 0) {
		end := m.AddDate(0, 1, 0)
		pt := monthPoint{Label: locales.MonthNameShort(p.Lang, m.Month())}
		if c.Kind == quickwin.KindMilestone {
			done, due := 0, 0
			for _, s := range c.Steps {
				if s.Due.Before(end) {
					due++
				}
				if s.Done() && s.DoneAt.Before(end) {
					done++
				}
			}
			if n := len(c.Steps); n > 0 {
				pt.Target = float64(due) / float64(n) * 100
				if m.Before(now) {
					v := float64(done) / float64(n) * 100
					pt.Value = &v
					pt.Category = quickwin.CategoryOf(quickwin.NumericCapaian(quickwin.HigherIsBetter, pt.Target, v))
				}
			}
		} else {
			pt.Target = c.QuarterTarget(quickwin.Quarter(m))
			for _, r := range standing {
				if !r.Date.Before(m) && r.Date.Before(end) {
					pt.Value = r.Value
				}
			}
			if pt.Value != nil {
				pt.Category = quickwin.CategoryOf(quickwin.NumericCapaian(c.Direction, pt.Target, *pt.Value))
			}
		}
		out = append(out, pt)
	}
	return out
}

// quarterRows are TW I–IV (Q1–Q4 in English): target, the quarter's
// latest standing value and its capaian against that quarter's target.
func quarterRows(p *page, c *quickwin.QuickWin, reports []quickwin.Report) []quarterRow {
	out := make([]quarterRow, 4)
	year := c.Deadline.Year()
	for _, r := range counted(reports) {
		if r.Date.In(c.Deadline.Location()).Year() == year {
			q := quickwin.Quarter(r.Date.In(c.Deadline.Location()))
			out[q-1].Value = r.Value
		}
	}
	for i := range out {
		out[i].Label = p.T("dash.qw.quarter." + strconv.Itoa(i+1))
		out[i].Target = c.QuarterTarget(i + 1)
		if out[i].Value != nil {
			out[i].Capaian = c.QuarterCapaian(i+1, *out[i].Value)
		}
	}
	return out
}
