package quickwin

import "time"

// A quick win whose start date has not come is *not started* (SPEC §5): it
// is not failing, so it has no capaian colour and is left out of every
// mean, count, late or at-risk list, ranking, monthly prompt and nudge.
// These are the rules every reader (digest, leaderboard, workbook, bot,
// dashboard, scheduler) asks, so that none of them decides it alone.

// Started reports whether the quick win's start day has come at now. The
// day is the start's calendar day in the location it carries (the
// tenant's, see In).
func (c *QuickWin) Started(now time.Time) bool {
	return !now.Before(dayOf(c.Start))
}

// Running reports whether the quick win is active and started at now: the
// quick wins that are judged, counted and ranked.
func (c *QuickWin) Running(now time.Time) bool {
	return c.Status == StatusActive && c.Started(now)
}

// PromptedFor reports whether the monthly prompt (and its nudge) for the
// month of month asks for this quick win's realisation: it is active and
// that month is its start month or later. A quick win starting on the 28th
// is asked for on the 25th of that month already: the month's realisation
// is due at its end. month is read in the start's location.
func (c *QuickWin) PromptedFor(month time.Time) bool {
	return c.Status == StatusActive && MonthKey(c.Start) <= MonthKey(month.In(c.Start.Location()))
}
