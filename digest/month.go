package digest

import (
	"time"

	"quickwin"
)

// This file lends the digest's judgement of a month to other readers (the
// dashboard), so that a page and the digest of the same month never
// disagree: same quick wins counted, same means, same "did not report".

// MonthQuickWin is one quick win judged in a month.
type MonthQuickWin struct {
	QuickWin *quickwin.QuickWin
	Capaian  float64 // what the OPD reported last, uncapped
	Category quickwin.Category
	Status   quickwin.ScheduleStatus
	DaysLate int  // when Status is Late
	Expected bool // a report was due in the month
	Reported bool // a report is dated in the month
}

// MonthOPD sums up one OPD's month (or, as MonthEvaluation.Total, every OPD's).
type MonthOPD struct {
	OPD            quickwin.OPD
	QuickWins      []MonthQuickWin // what needs attention first
	Active, Done   int
	Mean           float64 // mean capaian, each capped at 100; 0 without quick wins
	Category       quickwin.Category
	Late, AtRisk   int
	Expected       int // quick wins that should have been reported in the month
	Unreported     int // of those, how many were not
	NeedsAttention bool
	// NotStarted are the active quick wins whose start date has not come:
	// listed apart, counted nowhere above.
	NotStarted []MonthQuickWin
}

// MonthEvaluation is a tenant's month judged at a moment.
type MonthEvaluation struct {
	Start, End time.Time // [Start, End) in the tenant's zone
	OPDs       []MonthOPD
	Total      MonthOPD
}

// EvaluateMonth judges the month of month (its year and month in the
// tenant's zone) at now, exactly as the digest does. commitments are the
// tenant's quick wins in the statuses active and done, with the fields of
// store's TrackedQuickWins; whether each was reported in the month comes
// from its ReportedMonths. commitments are moved into the tenant's zone.
func EvaluateMonth(tenant *quickwin.Tenant, opds []quickwin.OPD, commitments []quickwin.QuickWin, month, now time.Time) *MonthEvaluation {
	loc := tenant.Location()
	m := monthOf(month.In(loc), loc)
	ev := evaluate(tenant, loc, opds, commitments, monthMarks(commitments, m), m, now)
	out := &MonthEvaluation{Start: m.Start, End: m.End, Total: exportOPD(&ev.Total)}
	for _, o := range ev.OPDs {
		out.OPDs = append(out.OPDs, exportOPD(o))
	}
	return out
}

// JudgedStatuses are the statuses of the quick wins EvaluateMonth needs.
var JudgedStatuses = judgedFilter.Statuses

func exportOPD(o *opdEval) MonthOPD {
	out := MonthOPD{OPD: o.OPD, Active: o.Active, Done: o.Done, Mean: o.Mean, Category: quickwin.CategoryOf(o.Mean),
		Late: o.Late, AtRisk: o.AtRisk, Expected: o.Expected, Unreported: o.Unreported, NeedsAttention: o.NeedsAttention()}
	for _, q := range o.QWs {
		out.QuickWins = append(out.QuickWins, MonthQuickWin{QuickWin: q.C, Capaian: q.Capaian, Category: q.Category,
			Status: q.Status, DaysLate: q.DaysLate, Expected: q.Expected, Reported: q.Reported})
	}
	for _, q := range o.NotStarted {
		out.NotStarted = append(out.NotStarted, MonthQuickWin{QuickWin: q.C, Status: quickwin.NotStarted})
	}
	return out
}

// Standings ranks a tenant's OPDs at now by the leaderboard's score, as
// the weekly leaderboard does. commitments are the active quick wins.
func Standings(tenant *quickwin.Tenant, opds []quickwin.OPD, commitments []quickwin.QuickWin, now time.Time) []quickwin.Standing {
	return rank(opds, commitments, tenant.Location(), now)
}
