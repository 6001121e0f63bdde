package quickwin

import (
	"testing"
	"time"
)

func TestStartedRunningPromptedFor(t *testing.T) {
	start := date(2027, 1, 1)
	tests := []struct {
		name                   string
		status                 Status
		start                  time.Time
		now                    time.Time
		started, running, asks bool // asks: prompted for now's month
	}{
		{"a month before", StatusActive, start, date(2026, 12, 1), false, false, false},
		{"prompt on 23 December", StatusActive, start, date(2026, 12, 23).Add(9 * time.Hour), false, false, false},
		{"one nanosecond before", StatusActive, start, start.Add(-time.Nanosecond), false, false, false},
		{"the start day", StatusActive, start, start, true, true, true},
		{"later", StatusActive, start, date(2027, 3, 25), true, true, true},
		{"starts on the 28th, prompt on the 25th", StatusActive, date(2027, 1, 28), date(2027, 1, 25), false, false, true},
		{"draft started", StatusDraft, start, date(2027, 3, 1), true, false, false},
		{"done", StatusDone, start, date(2027, 3, 1), true, false, false},
		{"cancelled", StatusCancelled, start, date(2027, 3, 1), true, false, false},
		// The database returns UTC: the start day is the tenant's day once
		// the quick win is In its zone, and then 00:30 WIB is on it.
		{"start day in the tenant's zone", StatusActive, start.UTC(), date(2027, 1, 1).Add(30 * time.Minute), true, true, true},
	}
	for _, tt := range tests {
		c := &QuickWin{Status: tt.status, Start: tt.start, Deadline: date(2027, 6, 30)}
		c.In(wib)
		if got := c.Started(tt.now); got != tt.started {
			t.Errorf("%s: Started = %v, want %v", tt.name, got, tt.started)
		}
		if got := c.Running(tt.now); got != tt.running {
			t.Errorf("%s: Running = %v, want %v", tt.name, got, tt.running)
		}
		if got := c.PromptedFor(tt.now); got != tt.asks {
			t.Errorf("%s: PromptedFor = %v, want %v", tt.name, got, tt.asks)
		}
	}
}

func TestScoreInputForLeavesOutNotStarted(t *testing.T) {
	now := date(2026, 12, 23)
	cs := []QuickWin{
		{ID: "next-year", Status: StatusActive, Kind: KindNumeric, Direction: HigherIsBetter, Target: 10,
			Start: date(2027, 1, 1), Deadline: date(2027, 6, 30), Steps: []Step{{Due: date(2026, 12, 1)}}},
	}
	in := ScoreInputFor(cs, map[string]bool{"next-year": true}, now)
	if len(in.Capaians) != 0 || in.StepsDue != 0 || in.Fresh != 0 || Ranked(in) {
		t.Errorf("not started counted: %+v, ranked %v", in, Ranked(in))
	}
	in = ScoreInputFor(cs, nil, date(2027, 1, 4))
	if len(in.Capaians) != 1 || !Ranked(in) {
		t.Errorf("started not counted: %+v", in)
	}
}

func TestRankUnrankedApart(t *testing.T) {
	s := []Standing{
		{OPDCode: "BAPPEDA", OPDName: "Badan Perencanaan", Unranked: true},
		{OPDCode: "DINKES", OPDName: "Dinas Kesehatan", Score: 12},
		{OPDCode: "ARSIP", OPDName: "Arsip Daerah", Unranked: true},
		{OPDCode: "DISDIK", OPDName: "Dinas Pendidikan", Score: 0},
	}
	Rank(s)
	want := []struct {
		code string
		rank int
	}{{"DINKES", 1}, {"DISDIK", 2}, {"ARSIP", 0}, {"BAPPEDA", 0}}
	for i, w := range want {
		if s[i].OPDCode != w.code || s[i].Rank != w.rank {
			t.Errorf("place %d = %s (rank %d), want %s (rank %d)", i+1, s[i].OPDCode, s[i].Rank, w.code, w.rank)
		}
	}
}

func TestUrgencyNotStartedLast(t *testing.T) {
	order := []ScheduleStatus{Late, AtRisk, OnTrack, Done, NotStarted}
	for i := 1; i < len(order); i++ {
		if order[i-1].Urgency() >= order[i].Urgency() {
			t.Errorf("%s should come before %s", order[i-1], order[i])
		}
	}
}
