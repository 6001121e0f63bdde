package quickwin

import (
	"math"
	"sort"
	"time"
)

// This file holds every formula of SPEC §5. /help shows them to users, so a
// change here is a change to what users are told.

// NumericCapaian is the achievement (%) of a realised value against a target.
//
//	higher is better: realisasi / target × 100
//	lower is better:  (2 × target − realisasi) / target × 100
//
// Neither is ever below 0; above 100 is kept (the leaderboard caps it). A
// target of 0 has no ratio: it is met (100) when the value is on the right
// side of 0 and missed (0) otherwise.
func NumericCapaian(dir Direction, target, value float64) float64 {
	var pct float64
	switch {
	case target == 0 && dir == LowerIsBetter:
		pct = boolPct(value <= 0)
	case target == 0:
		pct = boolPct(value >= 0)
	case dir == LowerIsBetter:
		pct = (2*target - value) / target * 100
	default:
		pct = value / target * 100
	}
	if pct < 0 || math.IsNaN(pct) {
		return 0
	}
	return pct
}

// MilestoneCapaian is done steps / all steps × 100; 0 without steps.
func MilestoneCapaian(steps []Step) float64 {
	if len(steps) == 0 {
		return 0
	}
	done := 0
	for _, s := range steps {
		if s.Done() {
			done++
		}
	}
	return float64(done) / float64(len(steps)) * 100
}

func boolPct(ok bool) float64 {
	if ok {
		return 100
	}
	return 0
}

// Capaian is the quick win's current achievement (%) from its latest
// realisation (numeric) or its steps (milestone). 0 before any report.
func (c *QuickWin) Capaian() float64 {
	if c.Kind == KindMilestone {
		return MilestoneCapaian(c.Steps)
	}
	if c.LastValue == nil {
		return 0
	}
	return NumericCapaian(c.Direction, c.Target, *c.LastValue)
}

// CountedCapaian is the achievement the leaderboard uses at now: a numeric
// quick win's latest report counts while it is verified or younger than
// VerificationGrace; otherwise the latest verified value counts.
func (c *QuickWin) CountedCapaian(now time.Time) float64 {
	if c.Kind == KindMilestone {
		return MilestoneCapaian(c.Steps)
	}
	v := c.LastValue
	if c.LastState == VerifyReturned || c.LastState == VerifyPending && now.Sub(c.LastReportAt) > VerificationGrace {
		v = c.VerifiedValue
	}
	if v == nil {
		return 0
	}
	return NumericCapaian(c.Direction, c.Target, *v)
}

// Quarter returns 1–4 for the quarter (triwulan) of t.
func Quarter(t time.Time) int { return (int(t.Month())-1)/3 + 1 }

// QuarterEnd returns the last day of quarter q of year, at midnight in loc.
func QuarterEnd(year, q int, loc *time.Location) time.Time {
	return time.Date(year, time.Month(q*3)+1, 0, 0, 0, 0, 0, loc)
}

// QuarterTarget is the target of quarter q (1–4): its own value when quarter
// targets are set, the whole target otherwise.
func (c *QuickWin) QuarterTarget(q int) float64 {
	if c.Quarters == nil || q < 1 || q > 4 {
		return c.Target
	}
	return c.Quarters.Values[q-1]
}

// QuarterCapaian is the achievement of value against quarter q's target.
func (c *QuickWin) QuarterCapaian(q int, value float64) float64 {
	return NumericCapaian(c.Direction, c.QuarterTarget(q), value)
}

// Category is the band of the Pemda performance evaluation scale.
type Category string

const (
	CategoryVeryHigh Category = "very_high" // ≥ 91
	CategoryHigh     Category = "high"      // 76–90
	CategoryMedium   Category = "medium"    // 66–75
	CategoryLow      Category = "low"       // 51–65
	CategoryVeryLow  Category = "very_low"  // ≤ 50
)

// Categories lists the bands from best to worst.
var Categories = []Category{CategoryVeryHigh, CategoryHigh, CategoryMedium, CategoryLow, CategoryVeryLow}

// CategoryOf returns the band of an achievement. Values between the integer
// bounds of the scale fall in the lower band (90.5 is Tinggi, 50.5 is Rendah).
func CategoryOf(pct float64) Category {
	switch {
	case pct >= 91:
		return CategoryVeryHigh
	case pct >= 76:
		return CategoryHigh
	case pct >= 66:
		return CategoryMedium
	case pct > 50:
		return CategoryLow
	}
	return CategoryVeryLow
}

// Emoji is the category's colour.
func (c Category) Emoji() string {
	switch c {
	case CategoryVeryHigh, CategoryHigh:
		return "🟢"
	case CategoryMedium:
		return "🟡"
	case CategoryLow:
		return "🟠"
	}
	return "🔴"
}

// ScheduleStatus says whether a quick win keeps to its time.
type ScheduleStatus string

const (
	NotStarted ScheduleStatus = "not_started" // before its start date: see Started
	OnTrack    ScheduleStatus = "on_track"
	AtRisk     ScheduleStatus = "at_risk"
	Late       ScheduleStatus = "late"
	Done       ScheduleStatus = "done"
)

// AtRiskGap is how many points capaian may trail the share of time elapsed
// before a quick win is at risk.
const AtRiskGap = 15.0

// ElapsedShare is the share (0–100) of the time between start and the end of
// the deadline day that has passed at now. A deadline before the start counts
// as fully elapsed once the start has come.
func ElapsedShare(start, deadline, now time.Time) float64 {
	end := dayOf(deadline).AddDate(0, 0, 1)
	if !now.After(start) {
		return 0
	}
	if !end.After(start) || !now.Before(end) {
		return 100
	}
	return float64(now.Sub(start)) / float64(end.Sub(start)) * 100
}

// StatusAt is the schedule status at now: done when the quick win is done
// (or its capaian reached 100), not started before its start date, late
// when the deadline day has passed, at risk when capaian trails elapsed
// time by more than AtRiskGap.
func (c *QuickWin) StatusAt(now time.Time) ScheduleStatus {
	if c.Status == StatusDone {
		return Done
	}
	if !c.Started(now) {
		return NotStarted
	}
	capaian := c.Capaian()
	if capaian >= 100 {
		return Done
	}
	if c.Overdue(now) {
		return Late
	}
	if ElapsedShare(c.Start, c.Deadline, now)-capaian > AtRiskGap {
		return AtRisk
	}
	return OnTrack
}

// Overdue reports whether the deadline day is over at now.
func (c *QuickWin) Overdue(now time.Time) bool {
	return !now.In(c.Deadline.Location()).Before(dayOf(c.Deadline).AddDate(0, 0, 1))
}

// DaysOverdue is the number of whole days since the deadline day, at now.
func (c *QuickWin) DaysOverdue(now time.Time) int {
	return DaysBetween(c.Deadline, now)
}

// DaysBetween counts calendar days from a to b in a's location (negative when
// b is before a).
func DaysBetween(a, b time.Time) int {
	da := dayOf(a)
	db := dayOf(b.In(a.Location()))
	return int(math.Round(db.Sub(da).Hours() / 24))
}

// Score weights of the leaderboard (sum 100).
const (
	WeightCapaian = 60.0 // mean capaian of active quick wins, each capped at 100
	WeightOnTime  = 25.0 // share of action steps done on time
	WeightFresh   = 15.0 // share of quick wins with a report in the last 30 days
)

// FreshWindow is how recent a report must be to count as fresh.
const FreshWindow = 30 * 24 * time.Hour

// ScoreInput is what an OPD's score is computed from.
type ScoreInput struct {
	Capaians    []float64 // counted capaian of each active quick win
	StepsDue    int       // steps due by now or already done
	StepsOnTime int       // of those, done by the end of their due day
	Fresh       int       // active quick wins with a counting report in FreshWindow
}

// Score is the leaderboard score (0–100) of an OPD. An OPD without active
// quick wins scores 0; with quick wins but no step due yet, the on-time share
// is full (nobody is late yet).
func Score(in ScoreInput) float64 {
	n := len(in.Capaians)
	if n == 0 {
		return 0
	}
	mean := MeanCapaian(in.Capaians)
	onTime := 1.0
	if in.StepsDue > 0 {
		onTime = float64(in.StepsOnTime) / float64(in.StepsDue)
	}
	fresh := float64(in.Fresh) / float64(n)
	score := WeightCapaian*mean/100 + WeightOnTime*onTime + WeightFresh*fresh
	// Rounded to hundredths so that equal inputs tie exactly and ties are
	// broken alphabetically, as users are told.
	return math.Round(score*100) / 100
}

// MeanCapaian is the mean of capaians, each clamped to 0–100 so that one
// quick win far above its target cannot hide the others: the OPD mean of
// the digests, the dashboard and the leaderboard's capaian part. 0 when
// there is none.
func MeanCapaian(capaians []float64) float64 {
	if len(capaians) == 0 {
		return 0
	}
	sum := 0.0
	for _, c := range capaians {
		sum += math.Min(math.Max(c, 0), 100)
	}
	return sum / float64(len(capaians))
}

// NeedsAttention is the rule the monthly digest states in its footer: an
// OPD needs attention with a late quick win, with no report at all in a
// month that is over although some were due (silent), or with at least half
// of its running quick wins at risk. Capaian alone does not flag an OPD:
// early in the year every capaian is low, and "at risk" already weighs it
// against the time elapsed.
func NeedsAttention(late, atRisk, running int, silent bool) bool {
	return late > 0 || silent || running > 0 && 2*atRisk >= running
}

// ScoreInputFor gathers an OPD's ScoreInput from its quick wins at now.
// freshReports holds, per commitment id, whether a counting report exists in
// FreshWindow; only running quick wins (active and started) count.
func ScoreInputFor(commitments []QuickWin, fresh map[string]bool, now time.Time) ScoreInput {
	var in ScoreInput
	for i := range commitments {
		c := &commitments[i]
		if !c.Running(now) {
			continue
		}
		in.Capaians = append(in.Capaians, c.CountedCapaian(now))
		if fresh[c.ID] {
			in.Fresh++
		}
		for _, s := range c.Steps {
			onTime, decided := s.OnTime(now)
			if !decided {
				continue // not due yet
			}
			in.StepsDue++
			if onTime {
				in.StepsOnTime++
			}
		}
	}
	return in
}

// Standing is one OPD's line on the leaderboard.
type Standing struct {
	OPDCode string
	OPDName string
	Score   float64
	Rank    int // 1, 2, 3, ...; 0 when Unranked
	// Unranked marks an OPD with no running quick win (see Ranked): it is
	// listed apart, after the ranked ones, without a rank or a medal.
	Unranked bool
}

// Ranked reports whether an OPD's score input earns it a place on the
// leaderboard (SPEC §5): it needs at least one running quick win. A score
// of 0 for having nothing under way would stand as a rank — and next to a
// medal — among OPDs that are working.
func Ranked(in ScoreInput) bool { return len(in.Capaians) > 0 }

// Rank sorts standings by score, best first, ties alphabetical by OPD name
// (then code), and numbers them 1, 2, 3, ... Unranked standings follow,
// alphabetical, with rank 0.
func Rank(s []Standing) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Unranked != s[j].Unranked {
			return !s[i].Unranked
		}
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		if s[i].OPDName != s[j].OPDName {
			return s[i].OPDName < s[j].OPDName
		}
		return s[i].OPDCode < s[j].OPDCode
	})
	for i := range s {
		s[i].Rank = i + 1
		if s[i].Unranked {
			s[i].Rank = 0
		}
	}
}

// Urgency orders statuses by how much attention they need: late first,
// then at risk, on track, done, not started. Lists and digests sort by it.
func (s ScheduleStatus) Urgency() int {
	switch s {
	case Late:
		return 0
	case AtRisk:
		return 1
	case OnTrack:
		return 2
	case NotStarted:
		return 4
	}
	return 3
}
