package digest

import (
	"slices"
	"testing"
	"time"

	"quickwin"
)

func ptr[T any](v T) *T { return &v }

func TestMonthOf(t *testing.T) {
	t.Parallel()
	// 31 March 20:00 UTC is already 1 April in Jakarta; the caller's own
	// reading of the month counts, bounded in the tenant's zone.
	m := monthOf(time.Date(2027, 3, 31, 20, 0, 0, 0, time.UTC), jakarta)
	if !m.Start.Equal(day(2027, 3, 1)) || !m.End.Equal(day(2027, 4, 1)) {
		t.Errorf("month = %v – %v", m.Start, m.End)
	}
	if !m.contains(time.Date(2027, 3, 31, 23, 59, 59, 0, jakarta)) || m.contains(day(2027, 4, 1)) || m.contains(time.Date(2027, 2, 28, 23, 0, 0, 0, jakarta)) {
		t.Error("contains is wrong at the edges")
	}
	if n := m.next(); !n.Start.Equal(day(2027, 4, 1)) || !n.End.Equal(day(2027, 5, 1)) {
		t.Errorf("next = %v – %v", n.Start, n.End)
	}
}

// qw makes an active numeric quick win of OPD "A" with a reported value,
// stored as the database returns it: in UTC.
func qw(id string, start, deadline time.Time, value *float64) quickwin.QuickWin {
	return quickwin.QuickWin{ID: id, Code: id, OPDCode: "A", Title: id, Year: 2027, Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 100, Start: start.UTC(), Deadline: deadline.UTC(),
		Status: quickwin.StatusActive, LastValue: value}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	march := monthOf(day(2027, 3, 1), jakarta)
	now := digestNow
	commitments := []quickwin.QuickWin{
		qw("late", day(2027, 1, 1), day(2027, 3, 31), ptr(40.0)),              // 5 days late on 5 April
		qw("ontrack", day(2027, 1, 1), day(2027, 12, 31), ptr(60.0)),          // 60 > 26 % elapsed
		qw("risk", day(2027, 1, 1), day(2027, 4, 30), ptr(10.0)),              // 78 % elapsed
		qw("future", day(2027, 4, 1), day(2027, 4, 30), nil),                  // starts after March: not judged, but due in April
		qw("over", day(2027, 1, 1), day(2027, 12, 31), ptr(300.0)),            // done (capaian ≥ 100); counts 100 in the mean
		{ID: "old", OPDCode: "A", Year: 2026, Status: quickwin.StatusDone},    // last year's: not judged
		{ID: "draft", OPDCode: "A", Year: 2027, Status: quickwin.StatusDraft}, // never judged
		qw("other", day(2027, 1, 1), day(2027, 12, 31), ptr(95.0)),
	}
	commitments[7].OPDCode = "B"
	commitments[1].Steps = []quickwin.Step{
		{Title: "due in April", Due: day(2027, 4, 20)},
		{Title: "done early", Due: day(2027, 4, 10), DoneAt: day(2027, 3, 1)},
		{Title: "due in May", Due: day(2027, 5, 2)},
	}
	reports := []quickwin.Report{
		{QuickWinID: "ontrack", OPDCode: "A", Date: time.Date(2027, 3, 31, 23, 30, 0, 0, jakarta).UTC()}, // still March in Jakarta
		{QuickWinID: "risk", OPDCode: "A", Date: day(2027, 4, 1).UTC()},                                  // April: not in March
		{QuickWinID: "late", OPDCode: "A", Date: day(2027, 2, 25).UTC()},
	}
	opds := []quickwin.OPD{{Code: "B", Name: "Beta", Active: true}, {Code: "A", Name: "Alpha", Active: true}, {Code: "C", Name: "Gamma", Active: true}}
	ev := evaluate(&quickwin.Tenant{Name: "T"}, jakarta, opds, commitments, reports, march, now)

	if got := []string{ev.OPDs[0].OPD.Code, ev.OPDs[1].OPD.Code, ev.OPDs[2].OPD.Code}; !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Errorf("OPDs by name: %v", got)
	}
	a := ev.OPDs[0]
	var codes []string
	for _, q := range a.QWs {
		codes = append(codes, q.C.Code)
	}
	if !slices.Equal(codes, []string{"late", "risk", "ontrack", "over"}) {
		t.Errorf("judged quick wins of A, late first: %v", codes)
	}
	if a.Active != 4 || a.Done != 0 || a.Late != 1 || a.AtRisk != 1 || a.Expected != 4 || a.Unreported != 3 || a.Reports != 1 {
		t.Errorf("A: active %d done %d late %d at risk %d expected %d unreported %d reports %d",
			a.Active, a.Done, a.Late, a.AtRisk, a.Expected, a.Unreported, a.Reports)
	}
	if want := (40 + 60 + 10 + 100) / 4.0; a.Mean != want {
		t.Errorf("A mean = %v, want %v (each capped at 100)", a.Mean, want)
	}
	if a.Bands != [numBands]int{1, 0, 0, 1, 2} { // 300 (very high), 60 (low), 40 and 10 (very low)
		t.Errorf("A bands = %v", a.Bands)
	}
	if late := ev.Late; len(late) != 1 || late[0].DaysLate != 5 || !late[0].C.Deadline.Equal(day(2027, 3, 31)) {
		t.Errorf("late = %+v (the deadline must be back in Jakarta's calendar)", late)
	}
	var due []string
	for _, d := range ev.Upcoming {
		due = append(due, d.C.Code+"/"+d.Step)
	}
	if !slices.Equal(due, []string{"ontrack/due in April", "future/", "risk/"}) {
		t.Errorf("upcoming = %v", due)
	}
	if ev.Total.Active != 5 || ev.Total.Reports != 1 {
		t.Errorf("total: %d active, %d reports", ev.Total.Active, ev.Total.Reports)
	}
	if best := ev.best(5); len(best) != 2 || best[0].OPD.Code != "B" {
		t.Errorf("best: %v", best)
	}
	// A has a late quick win; B sent no report in March.
	if att := ev.attention(); len(att) != 2 || att[0].OPD.Code != "A" || att[1].OPD.Code != "B" || !att[1].Silent() {
		t.Errorf("attention: %d OPDs", len(att))
	}
}

func TestNeedsAttention(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		o    opdEval
		want bool
	}{
		{"fine", opdEval{Active: 4, Expected: 4, Reports: 3, AtRisk: 1, MonthOver: true}, false},
		{"late", opdEval{Active: 4, Expected: 4, Reports: 3, Late: 1, MonthOver: true}, true},
		{"silent", opdEval{Active: 4, Expected: 4, Reports: 0, MonthOver: true}, true},
		{"not reported yet while the month runs", opdEval{Active: 4, Expected: 4, Reports: 0}, false},
		{"half at risk", opdEval{Active: 4, Expected: 4, Reports: 4, AtRisk: 2, MonthOver: true}, true},
		{"only done quick wins, no report due", opdEval{Done: 2, MonthOver: true}, false},
		{"nothing", opdEval{MonthOver: true}, false},
	}
	for _, tt := range tests {
		if got := tt.o.NeedsAttention(); got != tt.want {
			t.Errorf("%s: NeedsAttention = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAttentionOrder(t *testing.T) {
	t.Parallel()
	ev := &evaluation{OPDs: []*opdEval{
		{OPD: quickwin.OPD{Code: "RISK", Name: "D"}, Active: 2, AtRisk: 2, Expected: 2, Reports: 2},
		{OPD: quickwin.OPD{Code: "SILENT", Name: "C"}, Active: 2, Expected: 2, MonthOver: true},
		{OPD: quickwin.OPD{Code: "LATE1", Name: "B"}, Active: 2, Late: 1, Expected: 2, Reports: 1},
		{OPD: quickwin.OPD{Code: "LATE3", Name: "A"}, Active: 5, Late: 3, Expected: 5, Reports: 5},
		{OPD: quickwin.OPD{Code: "OK", Name: "E"}, Active: 2, Expected: 2, Reports: 2},
	}}
	var got []string
	for _, o := range ev.attention() {
		got = append(got, o.OPD.Code)
	}
	if want := []string{"LATE3", "LATE1", "SILENT", "RISK"}; !slices.Equal(got, want) {
		t.Errorf("attention order %v, want %v", got, want)
	}
}
