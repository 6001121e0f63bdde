package digest

import (
	"cmp"
	"slices"
	"time"

	"quickwin"
)

// This file judges a month: per quick win its capaian, category, schedule
// status and whether it was reported; per OPD the counts the digest shows
// and whether the OPD needs attention. The formulas themselves are
// quickwin's; this file only decides what is counted and how it is sorted.

// period is a calendar month in a tenant's time zone: [Start, End).
type period struct{ Start, End time.Time }

// monthOf is the month of t's year and month (as t shows them) in loc.
func monthOf(t time.Time, loc *time.Location) period {
	y, m, _ := t.Date()
	start := time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return period{start, start.AddDate(0, 1, 0)}
}

func (p period) next() period { return period{p.End, p.End.AddDate(0, 1, 0)} }

func (p period) contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// qwEval is one quick win judged at the evaluation's moment.
type qwEval struct {
	C        *quickwin.QuickWin
	Capaian  float64 // Capaian(): what the OPD reported last, uncapped
	Category quickwin.Category
	Status   quickwin.ScheduleStatus
	DaysLate int  // when Status is Late
	Expected bool // active and started by the month's end: a report was due
	Reported bool // a report is dated in the month
}

// opdEval sums up one OPD's quick wins (or, as a total, every OPD's).
type opdEval struct {
	OPD          quickwin.OPD
	QWs          []qwEval
	Active, Done int
	Mean         float64 // quickwin.MeanCapaian of the quick wins judged; 0 without

	Bands        [numBands]int
	Late, AtRisk int
	// NotStarted are the active quick wins whose start date has not come
	// at the evaluation's moment: listed apart, never counted or judged.
	NotStarted []qwEval
	Expected   int // quick wins that should have been reported in the month
	Unreported int // of those, how many were not
	Reports    int // reports dated in the month
	MonthOver  bool
}

// Silent reports whether the OPD sent no report at all in a month that is
// over although some were due. While the month runs (a digest asked for
// on the 3rd), not having reported yet is no failure.
func (o *opdEval) Silent() bool { return o.MonthOver && o.Expected > 0 && o.Reports == 0 }

// NeedsAttention applies the domain's rule (quickwin.NeedsAttention) to the
// OPD's month.
func (o *opdEval) NeedsAttention() bool {
	return quickwin.NeedsAttention(o.Late, o.AtRisk, o.Active, o.Silent())
}

// dueItem is a quick win or one of its action steps due in a period.
type dueItem struct {
	Due  time.Time
	C    *quickwin.QuickWin
	Step string // the step's title; empty for the quick win itself
}

// evaluation is one month of a tenant (or of one OPD) judged at Now.
type evaluation struct {
	Tenant   *quickwin.Tenant
	Loc      *time.Location
	Month    period
	Now      time.Time
	OPDs     []*opdEval // by name, then code
	Total    opdEval
	Late     []qwEval  // by days late, most first
	Upcoming []dueItem // due in the month after Month, by date
	// WithWorkbook says the rendering goes out with the month's workbook
	// (the digest) rather than alone (the /ringkasan summary).
	WithWorkbook bool
}

// evaluate judges month at now. It uses commitments in the statuses active
// and done and the month's reports (only QuickWinID, OPDCode and Date are
// read); opds lists the OPDs to show, active ones even without quick wins. Schedule
// statuses are judged at now, not at the month's end: the digest is read at
// the coordination meeting, which asks what is late today.
//
// A quick win counts in the month when it started before the month's end
// and is active, or done in the month's year. An active one whose start
// date has not come at now is not started (SPEC §5): it is listed apart in
// its OPD's NotStarted and counted nowhere else; one that started after
// the month but before now only appears among the upcoming deadlines.
func evaluate(tenant *quickwin.Tenant, loc *time.Location, opds []quickwin.OPD, commitments []quickwin.QuickWin, reports []quickwin.Report, month period, now time.Time) *evaluation {
	ev := &evaluation{Tenant: tenant, Loc: loc, Month: month, Now: now.In(loc), Total: opdEval{MonthOver: !now.Before(month.End)}}
	reported := map[string]bool{}
	reportsOf := map[string]int{}
	for _, r := range reports {
		if month.contains(r.Date) {
			reported[r.QuickWinID] = true
			reportsOf[r.OPDCode]++
		}
	}
	byCode := map[string]*opdEval{}
	for _, o := range opds {
		e := &opdEval{OPD: o, Reports: reportsOf[o.Code], MonthOver: !now.Before(month.End)}
		byCode[o.Code] = e
		ev.OPDs = append(ev.OPDs, e)
	}
	upcoming := month.next()
	for i := range commitments {
		c := &commitments[i]
		c.In(loc) // the database returns UTC; a deadline is a calendar day of the tenant
		if c.Status == quickwin.StatusActive {
			if upcoming.contains(c.Deadline) {
				ev.Upcoming = append(ev.Upcoming, dueItem{Due: c.Deadline, C: c})
			}
			for _, s := range c.Steps {
				if !s.Done() && upcoming.contains(s.Due) {
					ev.Upcoming = append(ev.Upcoming, dueItem{Due: s.Due, C: c, Step: s.Title})
				}
			}
		}
		o := byCode[c.OPDCode]
		if o == nil {
			continue
		}
		if c.Status == quickwin.StatusActive && !c.Started(now) {
			o.NotStarted = append(o.NotStarted, qwEval{C: c, Status: quickwin.NotStarted})
			continue
		}
		if !counts(c, month) {
			continue
		}
		q := qwEval{C: c, Capaian: c.Capaian(), Status: c.StatusAt(now)}
		q.Category = quickwin.CategoryOf(q.Capaian)
		if q.Status == quickwin.Late {
			q.DaysLate = c.DaysOverdue(now)
		}
		q.Expected = c.Status == quickwin.StatusActive
		q.Reported = reported[c.ID]
		o.add(q)
		if q.Status == quickwin.Late {
			ev.Late = append(ev.Late, q)
		}
	}
	// A deactivated OPD stays in the evaluation only while it still has
	// quick wins to judge.
	ev.OPDs = slices.DeleteFunc(ev.OPDs, func(o *opdEval) bool {
		return !o.OPD.Active && len(o.QWs) == 0 && len(o.NotStarted) == 0
	})
	for _, o := range ev.OPDs {
		o.finish()
		for _, q := range o.QWs {
			ev.Total.add(q)
		}
		ev.Total.NotStarted = append(ev.Total.NotStarted, o.NotStarted...)
		ev.Total.Reports += o.Reports
	}
	ev.Total.finish()
	slices.SortStableFunc(ev.OPDs, func(a, b *opdEval) int {
		return cmp.Or(cmp.Compare(a.OPD.Name, b.OPD.Name), cmp.Compare(a.OPD.Code, b.OPD.Code))
	})
	slices.SortStableFunc(ev.Late, func(a, b qwEval) int {
		return cmp.Or(cmp.Compare(b.DaysLate, a.DaysLate), cmp.Compare(a.C.Code, b.C.Code))
	})
	slices.SortStableFunc(ev.Upcoming, func(a, b dueItem) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.C.Code, b.C.Code), cmp.Compare(a.Step, b.Step))
	})
	return ev
}

// counts reports whether a quick win is judged in month.
func counts(c *quickwin.QuickWin, month period) bool {
	if !c.Start.Before(month.End) {
		return false
	}
	switch c.Status {
	case quickwin.StatusActive:
		return true
	case quickwin.StatusDone:
		return c.Year == month.Start.Year()
	}
	return false
}

func (o *opdEval) add(q qwEval) {
	o.QWs = append(o.QWs, q)
	if q.C.Status == quickwin.StatusDone {
		o.Done++
	} else {
		o.Active++
	}
	o.Bands[bandOf(q.Category)]++
	switch q.Status {
	case quickwin.Late:
		o.Late++
	case quickwin.AtRisk:
		o.AtRisk++
	}
	if q.Expected {
		o.Expected++
		if !q.Reported {
			o.Unreported++
		}
	}
}

// finish computes the mean once every quick win is added; the per-OPD
// list is sorted so that what needs attention comes first.
func (o *opdEval) finish() {
	capaians := make([]float64, len(o.QWs))
	for i, q := range o.QWs {
		capaians[i] = q.Capaian
	}
	o.Mean = quickwin.MeanCapaian(capaians)
	slices.SortStableFunc(o.QWs, func(a, b qwEval) int {
		return cmp.Or(cmp.Compare(a.Status.Urgency(), b.Status.Urgency()), cmp.Compare(a.C.Code, b.C.Code))
	})
	slices.SortStableFunc(o.NotStarted, func(a, b qwEval) int {
		return cmp.Or(a.C.Start.Compare(b.C.Start), cmp.Compare(a.C.Code, b.C.Code))
	})
}

// evaluated returns the OPDs that have quick wins in the month.
func (ev *evaluation) evaluated() []*opdEval {
	var out []*opdEval
	for _, o := range ev.OPDs {
		if len(o.QWs) > 0 {
			out = append(out, o)
		}
	}
	return out
}

// best returns up to n OPDs with the highest mean capaian, ties by name:
// only OPDs with quick wins judged in the month (one whose quick wins have
// not started is not among the best, nor the worst).
func (ev *evaluation) best(n int) []*opdEval {
	out := ev.evaluated()
	slices.SortStableFunc(out, func(a, b *opdEval) int {
		return cmp.Or(cmp.Compare(b.Mean, a.Mean), cmp.Compare(a.OPD.Name, b.OPD.Name), cmp.Compare(a.OPD.Code, b.OPD.Code))
	})
	return out[:min(n, len(out))]
}

// attention returns the OPDs that need attention, the most urgent first:
// most late quick wins, then silent ones, then most at risk, then lowest
// mean capaian.
func (ev *evaluation) attention() []*opdEval {
	var out []*opdEval
	for _, o := range ev.OPDs {
		if o.NeedsAttention() {
			out = append(out, o)
		}
	}
	silent := func(o *opdEval) int {
		if o.Silent() {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b *opdEval) int {
		return cmp.Or(cmp.Compare(b.Late, a.Late), cmp.Compare(silent(a), silent(b)), cmp.Compare(b.AtRisk, a.AtRisk),
			cmp.Compare(a.Mean, b.Mean), cmp.Compare(a.OPD.Name, b.OPD.Name))
	})
	return out
}

// unreported returns the OPDs with quick wins left unreported in the month,
// most unreported first.
func (ev *evaluation) unreported() []*opdEval {
	var out []*opdEval
	for _, o := range ev.OPDs {
		if o.Unreported > 0 {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b *opdEval) int {
		return cmp.Or(cmp.Compare(b.Unreported, a.Unreported), cmp.Compare(a.OPD.Name, b.OPD.Name))
	})
	return out
}
