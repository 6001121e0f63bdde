package quickwin

import (
	"testing"
	"time"
)

func TestNeedsReason(t *testing.T) {
	base := QuickWin{Status: StatusActive, Target: 50, Deadline: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC),
		Quarters: &QuarterTargets{Values: [4]float64{10, 20, 30, 50}}}
	for _, tc := range []struct {
		name   string
		change func(*QuickWin)
		want   bool
	}{
		{"nothing", func(*QuickWin) {}, false},
		{"title", func(c *QuickWin) { c.Title = "baru" }, false},
		{"target", func(c *QuickWin) { c.Target = 40 }, true},
		{"deadline", func(c *QuickWin) { c.Deadline = c.Deadline.AddDate(0, -1, 0) }, true},
		{"quarter target", func(c *QuickWin) { c.Quarters = &QuarterTargets{Values: [4]float64{10, 20, 30, 45}} }, true},
		{"quarters dropped", func(c *QuickWin) { c.Quarters = nil }, true},
		{"cancelled", func(c *QuickWin) { c.Status = StatusCancelled }, true},
	} {
		after := base
		q := *base.Quarters
		after.Quarters = &q
		tc.change(&after)
		if got := NeedsReason(&base, &after); got != tc.want {
			t.Errorf("%s: NeedsReason = %v, want %v", tc.name, got, tc.want)
		}
		draft := base
		draft.Status = StatusDraft
		if NeedsReason(&draft, &after) {
			t.Errorf("%s: a draft needs no reason", tc.name)
		}
	}
}

func TestCanDeleteStep(t *testing.T) {
	for _, tc := range []struct {
		step Step
		want bool
	}{
		{Step{Title: "open"}, true},
		{Step{Title: "done", DoneAt: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}, false},
	} {
		if got := CanDeleteStep(tc.step); got != tc.want {
			t.Errorf("CanDeleteStep(%s) = %v, want %v", tc.step.Title, got, tc.want)
		}
	}
}
