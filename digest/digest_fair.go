package digest

import (
	"time"

	"quickwin"
)

// This file holds the digest's parts that keep its numbers fair (issue 11):
// the best list, an OPD with nothing running, a quick win not started yet.

// bestList writes the OPDs with the highest mean capaian among those with
// quick wins judged in the month. It is headed "best" only when none of
// them is in the lowest category: calling an OPD at 🔴 one of the best
// would mock it in front of its peers.
func bestList(p *page, ev *evaluation) {
	best := ev.best(5)
	if len(best) == 0 {
		return
	}
	p.gap()
	key := "report.digest.best_title"
	for _, o := range best {
		if quickwin.CategoryOf(o.Mean) == quickwin.CategoryVeryLow {
			key = "fair.digest.highest_title"
		}
	}
	p.line(bold("🏅 " + p.t(key, map[string]any{"Count": len(best)})))
	for i, o := range best {
		p.line(p.count(i+1), ". ", opdLabel(o.OPD), " — ", p.pct(o.Mean), " ", bandEmoji(o), " ", p.category(quickwin.CategoryOf(o.Mean)))
	}
}

// idleOPD says why an OPD has no capaian: nothing at all, or quick wins
// that have not started ("belum ada quick win berjalan · 1 belum mulai").
func idleOPD(p *page, o *opdEval) string {
	if len(o.NotStarted) == 0 {
		return p.t("report.digest.opd_without_quick_wins", nil)
	}
	return p.t("fair.opd.none_running_short", nil) + " · " + p.tn("fair.not_started_count", len(o.NotStarted), nil)
}

// firstStart is the earliest start of quick wins not started.
func firstStart(qs []qwEval) time.Time {
	first := qs[0].C.Start
	for _, q := range qs[1:] {
		if q.C.Start.Before(first) {
			first = q.C.Start
		}
	}
	return first
}

// notStartedText is "belum mulai · mulai 1 Januari 2027".
func notStartedText(p *page, c *quickwin.QuickWin) string {
	return p.t("status.not_started", nil) + " · " + p.t("fair.starts_on", map[string]any{"Date": p.date(c.Start)})
}
