package quickwin

import (
	"testing"
	"time"
)

func f(v float64) *float64 { return &v }

var wib = time.FixedZone("WIB", 7*3600)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib) }

func TestNumericCapaian(t *testing.T) {
	tests := []struct {
		name          string
		dir           Direction
		target, value float64
		want          float64
	}{
		{"higher half", HigherIsBetter, 200, 100, 50},
		{"higher exact", HigherIsBetter, 80, 80, 100},
		{"higher above target kept", HigherIsBetter, 100, 130, 130},
		{"higher zero value", HigherIsBetter, 100, 0, 0},
		{"higher negative value floors at 0", HigherIsBetter, 100, -20, 0},
		{"higher target 0 met", HigherIsBetter, 0, 5, 100},
		{"higher target 0 missed", HigherIsBetter, 0, -1, 0},
		{"lower met exactly", LowerIsBetter, 20, 20, 100},
		{"lower better than target", LowerIsBetter, 20, 15, 125},
		{"lower worse than target", LowerIsBetter, 20, 25, 75},
		{"lower never below 0", LowerIsBetter, 20, 50, 0},
		{"lower target 0 met", LowerIsBetter, 0, 0, 100},
		{"lower target 0 missed", LowerIsBetter, 0, 3, 0},
		{"lower negative value", LowerIsBetter, 10, -10, 300},
		{"higher negative target", HigherIsBetter, -10, -5, 50},
	}
	for _, tt := range tests {
		if got := NumericCapaian(tt.dir, tt.target, tt.value); got != tt.want {
			t.Errorf("%s: NumericCapaian(%s, %v, %v) = %v, want %v", tt.name, tt.dir, tt.target, tt.value, got, tt.want)
		}
	}
}

func TestMilestoneCapaian(t *testing.T) {
	done := Step{DoneAt: date(2027, 3, 1)}
	open := Step{}
	tests := []struct {
		name  string
		steps []Step
		want  float64
	}{
		{"no steps", nil, 0},
		{"none done", []Step{open, open}, 0},
		{"half", []Step{done, open}, 50},
		{"all", []Step{done, done, done}, 100},
		{"one of three", []Step{done, open, open}, float64(1) / 3 * 100},
	}
	for _, tt := range tests {
		if got := MilestoneCapaian(tt.steps); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestQuickWinCapaianWithoutReport(t *testing.T) {
	c := QuickWin{Kind: KindNumeric, Direction: HigherIsBetter, Target: 100}
	if got := c.Capaian(); got != 0 {
		t.Errorf("no reports: got %v, want 0", got)
	}
	c.LastValue = f(40)
	if got := c.Capaian(); got != 40 {
		t.Errorf("got %v, want 40", got)
	}
}

func TestCategoryOf(t *testing.T) {
	tests := []struct {
		pct  float64
		want Category
	}{
		{150, CategoryVeryHigh}, {100, CategoryVeryHigh}, {91, CategoryVeryHigh},
		{90.9, CategoryHigh}, {90, CategoryHigh}, {76, CategoryHigh},
		{75.5, CategoryMedium}, {75, CategoryMedium}, {66, CategoryMedium},
		{65, CategoryLow}, {51, CategoryLow}, {50.5, CategoryLow},
		{50, CategoryVeryLow}, {0, CategoryVeryLow}, {-5, CategoryVeryLow},
	}
	for _, tt := range tests {
		if got := CategoryOf(tt.pct); got != tt.want {
			t.Errorf("CategoryOf(%v) = %s, want %s", tt.pct, got, tt.want)
		}
	}
	emoji := map[Category]string{CategoryVeryHigh: "🟢", CategoryHigh: "🟢", CategoryMedium: "🟡", CategoryLow: "🟠", CategoryVeryLow: "🔴"}
	for c, want := range emoji {
		if got := c.Emoji(); got != want {
			t.Errorf("%s.Emoji() = %s, want %s", c, got, want)
		}
	}
}

func TestStatusAt(t *testing.T) {
	start, deadline := date(2027, 1, 1), date(2027, 4, 10) // 100 days incl. the deadline day
	numeric := func(v *float64, st Status) *QuickWin {
		return &QuickWin{Kind: KindNumeric, Direction: HigherIsBetter, Target: 100, LastValue: v, Start: start, Deadline: deadline, Status: st}
	}
	tests := []struct {
		name string
		c    *QuickWin
		now  time.Time
		want ScheduleStatus
	}{
		{"before start", numeric(nil, StatusActive), date(2026, 12, 1), NotStarted},
		{"last moment before start", numeric(nil, StatusActive), start.Add(-time.Nanosecond), NotStarted},
		{"before start with a value", numeric(f(120), StatusActive), date(2026, 12, 31), NotStarted},
		{"start day itself", numeric(nil, StatusActive), start.Add(9 * time.Hour), OnTrack},
		{"draft before start", numeric(nil, StatusDraft), date(2026, 12, 1), NotStarted},
		{"done before start stays done", numeric(f(10), StatusDone), date(2026, 12, 1), Done},
		{"half time, 40% done: within 15 points", numeric(f(40), StatusActive), date(2027, 2, 20), OnTrack},
		{"half time, 30% done: at risk", numeric(f(30), StatusActive), date(2027, 2, 20), AtRisk},
		{"no reports, a quarter gone", numeric(nil, StatusActive), date(2027, 1, 26), AtRisk},
		{"deadline day itself not late", numeric(f(90), StatusActive), date(2027, 4, 10).Add(23 * time.Hour), OnTrack},
		{"day after deadline late", numeric(f(90), StatusActive), date(2027, 4, 11), Late},
		{"reached target is done", numeric(f(100), StatusActive), date(2027, 5, 1), Done},
		{"status done", numeric(f(10), StatusDone), date(2027, 5, 1), Done},
		{"deadline before start: late once past", &QuickWin{Kind: KindMilestone, Start: date(2027, 3, 1), Deadline: date(2027, 2, 1), Status: StatusActive}, date(2027, 3, 2), Late},
		{"milestone without steps at start", &QuickWin{Kind: KindMilestone, Start: start, Deadline: deadline, Status: StatusActive}, start, OnTrack},
	}
	for _, tt := range tests {
		if got := tt.c.StatusAt(tt.now); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestElapsedShare(t *testing.T) {
	start, deadline := date(2027, 1, 1), date(2027, 4, 10)
	tests := []struct {
		now  time.Time
		want float64
	}{
		{date(2026, 12, 31), 0}, {start, 0}, {date(2027, 2, 20), 50}, {date(2027, 4, 11), 100}, {date(2028, 1, 1), 100},
	}
	for _, tt := range tests {
		if got := ElapsedShare(start, deadline, tt.now); got != tt.want {
			t.Errorf("ElapsedShare at %s = %v, want %v", tt.now.Format(time.DateOnly), got, tt.want)
		}
	}
	if got := ElapsedShare(date(2027, 3, 1), date(2027, 2, 1), date(2027, 3, 2)); got != 100 {
		t.Errorf("deadline before start: got %v, want 100", got)
	}
}

func TestCountedCapaian(t *testing.T) {
	now := date(2027, 3, 31)
	base := QuickWin{Kind: KindNumeric, Direction: HigherIsBetter, Target: 100, LastValue: f(80), VerifiedValue: f(50)}
	tests := []struct {
		name   string
		state  VerifyState
		report time.Time
		want   float64
	}{
		{"verified", VerifyVerified, date(2027, 1, 1), 80},
		{"pending, fresh", VerifyPending, date(2027, 3, 20), 80},
		{"pending, older than 14 days", VerifyPending, date(2027, 3, 1), 50},
		{"returned", VerifyReturned, date(2027, 3, 30), 50},
	}
	for _, tt := range tests {
		c := base
		c.LastState, c.LastReportAt = tt.state, tt.report
		if got := c.CountedCapaian(now); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	none := QuickWin{Kind: KindNumeric, Direction: HigherIsBetter, Target: 100, LastValue: f(80), LastState: VerifyReturned}
	if got := none.CountedCapaian(now); got != 0 {
		t.Errorf("returned without any verified value: got %v, want 0", got)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name string
		in   ScoreInput
		want float64
	}{
		{"no quick wins", ScoreInput{}, 0},
		{"perfect", ScoreInput{Capaians: []float64{100, 100}, StepsDue: 4, StepsOnTime: 4, Fresh: 2}, 100},
		{"capaian capped at 100", ScoreInput{Capaians: []float64{150, 50}, StepsDue: 2, StepsOnTime: 1, Fresh: 1}, 60*0.75 + 25*0.5 + 15*0.5},
		{"negative capaian floors", ScoreInput{Capaians: []float64{-10}, Fresh: 0}, 25},
		{"no steps due: on-time share full", ScoreInput{Capaians: []float64{40}, Fresh: 1}, 60*0.4 + 25 + 15},
		{"no reports, nothing done", ScoreInput{Capaians: []float64{0, 0}, StepsDue: 3}, 0},
	}
	for _, tt := range tests {
		if got := Score(tt.in); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScoreInputFor(t *testing.T) {
	now := date(2027, 3, 15)
	cs := []QuickWin{
		{ID: "a", Status: StatusActive, Kind: KindMilestone, Steps: []Step{
			{Due: date(2027, 3, 1), DoneAt: date(2027, 3, 1).Add(20 * time.Hour)}, // on time (same day)
			{Due: date(2027, 3, 1), DoneAt: date(2027, 3, 3)},                     // late
			{Due: date(2027, 3, 10)},                                              // due, not done
			{Due: date(2027, 4, 1)},                                               // not due yet
			{Due: date(2027, 4, 1), DoneAt: date(2027, 3, 2)},                     // done early
		}},
		{ID: "b", Status: StatusActive, Kind: KindNumeric, Direction: HigherIsBetter, Target: 10, LastValue: f(5), LastState: VerifyVerified},
		{ID: "c", Status: StatusCancelled, Kind: KindNumeric, Target: 10},
	}
	in := ScoreInputFor(cs, map[string]bool{"b": true, "c": true}, now)
	if len(in.Capaians) != 2 || in.Capaians[0] != 60 || in.Capaians[1] != 50 {
		t.Errorf("capaians = %v, want [60 50]", in.Capaians)
	}
	if in.StepsDue != 4 || in.StepsOnTime != 2 {
		t.Errorf("steps due/on time = %d/%d, want 4/2", in.StepsDue, in.StepsOnTime)
	}
	if in.Fresh != 1 {
		t.Errorf("fresh = %d, want 1", in.Fresh)
	}
}

func TestRank(t *testing.T) {
	s := []Standing{
		{OPDCode: "DISDIK", OPDName: "Dinas Pendidikan", Score: 70},
		{OPDCode: "DINKES", OPDName: "Dinas Kesehatan", Score: 70},
		{OPDCode: "BAPPEDA", OPDName: "Bappeda", Score: 90},
		{OPDCode: "DISHUB", OPDName: "Dinas Perhubungan", Score: 10},
	}
	Rank(s)
	want := []string{"BAPPEDA", "DINKES", "DISDIK", "DISHUB"}
	for i, w := range want {
		if s[i].OPDCode != w || s[i].Rank != i+1 {
			t.Errorf("rank %d = %s (%d), want %s", i+1, s[i].OPDCode, s[i].Rank, w)
		}
	}
}

func TestQuarters(t *testing.T) {
	if got := Quarter(date(2027, 6, 30)); got != 2 {
		t.Errorf("Quarter(30 Jun) = %d, want 2", got)
	}
	if got := QuarterEnd(2027, 1, wib); !got.Equal(date(2027, 3, 31)) {
		t.Errorf("QuarterEnd TW1 = %s", got)
	}
	if got := QuarterEnd(2027, 4, wib); !got.Equal(date(2027, 12, 31)) {
		t.Errorf("QuarterEnd TW4 = %s", got)
	}
	c := QuickWin{Kind: KindNumeric, Direction: HigherIsBetter, Target: 100, Quarters: &QuarterTargets{Values: [4]float64{10, 40, 70, 100}, Cumulative: true}}
	if got := c.QuarterCapaian(2, 30); got != 75 {
		t.Errorf("TW2 capaian of 30 against 40 = %v, want 75", got)
	}
	c.Quarters = nil
	if got := c.QuarterCapaian(2, 30); got != 30 {
		t.Errorf("without quarter targets = %v, want 30", got)
	}
}

func TestProgressBar(t *testing.T) {
	for pct, want := range map[float64]string{0: "░░░░░░░░░░", 60: "▓▓▓▓▓▓░░░░", 65.9: "▓▓▓▓▓▓░░░░", 100: "▓▓▓▓▓▓▓▓▓▓", 140: "▓▓▓▓▓▓▓▓▓▓", -5: "░░░░░░░░░░", 9.99: "░░░░░░░░░░"} {
		if got := ProgressBar(pct); got != want {
			t.Errorf("ProgressBar(%v) = %s, want %s", pct, got, want)
		}
	}
}

func TestCompleteStep(t *testing.T) {
	at := date(2027, 3, 1)
	c := QuickWin{Kind: KindMilestone, Status: StatusActive, Steps: []Step{{ID: "a"}, {ID: "b"}}}
	if !c.CompleteStep(0, at, []Evidence{{FileID: "f"}}) || c.Status != StatusActive || len(c.Steps[0].Evidence) != 1 {
		t.Fatalf("first step: %+v", c)
	}
	if c.CompleteStep(0, at, nil) {
		t.Error("a done step was completed again")
	}
	if !c.CompleteStep(1, at, nil) || c.Status != StatusDone {
		t.Errorf("all steps done: status %s, want done", c.Status)
	}
	n := QuickWin{Kind: KindNumeric, Status: StatusActive, Steps: []Step{{ID: "a"}}}
	n.CompleteStep(0, at, nil)
	if n.Status != StatusActive {
		t.Errorf("a numeric quick win finished by its steps: %s", n.Status)
	}
}

func TestFreshAtAndReportedIn(t *testing.T) {
	now := date(2027, 3, 31)
	ago := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	tests := []struct {
		name string
		c    QuickWin
		want bool
	}{
		{"never reported", QuickWin{}, false},
		{"verified 3 days ago", QuickWin{LastReportAt: ago(3), LastState: VerifyVerified, LastVerifiedAt: ago(3)}, true},
		{"pending 10 days", QuickWin{LastReportAt: ago(10), LastState: VerifyPending}, true},
		{"pending 20 days", QuickWin{LastReportAt: ago(20), LastState: VerifyPending}, false},
		{"returned, an older verified one in the window", QuickWin{LastReportAt: ago(2), LastState: VerifyReturned, LastVerifiedAt: ago(25)}, true},
		{"returned, verified one too old", QuickWin{LastReportAt: ago(2), LastState: VerifyReturned, LastVerifiedAt: ago(31)}, false},
		{"verified 31 days ago", QuickWin{LastReportAt: ago(31), LastState: VerifyVerified, LastVerifiedAt: ago(31)}, false},
	}
	for _, tt := range tests {
		if got := tt.c.FreshAt(now); got != tt.want {
			t.Errorf("%s: FreshAt = %v, want %v", tt.name, got, tt.want)
		}
	}
	c := QuickWin{ReportedMonths: []string{"2027-02", "2027-03"}}
	if !c.ReportedIn(date(2027, 3, 15)) || c.ReportedIn(date(2027, 1, 15)) {
		t.Errorf("ReportedIn: %v", c.ReportedMonths)
	}
}

func TestMeanCapaian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{50}, 50},
		{[]float64{150, 50}, 75}, // one far above target counts as 100
		{[]float64{-20, 60}, 30}, // never below 0
		{[]float64{100, 100, 100}, 100},
	} {
		if got := MeanCapaian(c.in); got != c.want {
			t.Errorf("MeanCapaian(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestNeedsAttention(t *testing.T) {
	for _, c := range []struct {
		late, atRisk, running int
		silent                bool
		want                  bool
	}{
		{0, 0, 4, false, false},
		{1, 0, 4, false, true},  // a late quick win
		{0, 0, 4, true, true},   // no report in a month that is over
		{0, 2, 4, false, true},  // half at risk
		{0, 1, 4, false, false}, // a quarter at risk
		{0, 0, 0, false, false}, // nothing running
	} {
		if got := NeedsAttention(c.late, c.atRisk, c.running, c.silent); got != c.want {
			t.Errorf("NeedsAttention(late %d, at risk %d of %d, silent %v) = %v, want %v", c.late, c.atRisk, c.running, c.silent, got, c.want)
		}
	}
}
