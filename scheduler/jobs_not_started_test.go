package scheduler_test

import (
	"strings"
	"testing"
)

// TestPromptAndNudgeBeginWithTheStartMonth: a quick win starting on 1
// January 2027 is not asked about in December 2026 (the prompt, moved
// before Christmas, and the nudge after it), and is from January on.
func TestPromptAndNudgeBeginWithTheStartMonth(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.commitment(t, "DINKES", "Posyandu aktif", wib(2027, 6, 30, 0, 0)) // starts 1 January 2027
	j := f.jobs()
	if n, err := j.Prompt(ctx, f.tenant, wib(2026, 12, 23, 9, 0)); err != nil || n != 0 {
		t.Errorf("December prompt = %d, %v; want nothing: the quick win starts in January", n, err)
	}
	if n, err := j.Nudge(ctx, f.tenant, wib(2027, 1, 4, 9, 0)); err != nil || n != 0 {
		t.Errorf("nudge after the December prompt = %d, %v; want nothing", n, err)
	}
	if n, err := j.Prompt(ctx, f.tenant, wib(2027, 1, 25, 9, 0)); err != nil || n != 1 {
		t.Fatalf("January prompt = %d, %v; want one", n, err)
	}
	p := f.message(t, "prompt/"+f.head.ID+"/2027-01")
	if !strings.Contains(p.Text, "Januari 2027") || len(p.Buttons) != 1 || p.Buttons[0][0].Data != "rp:"+c.ID {
		t.Errorf("January prompt %q %+v", p.Text, p.Buttons)
	}
	if n, err := j.Nudge(ctx, f.tenant, wib(2027, 2, 1, 9, 0)); err != nil || n != 1 {
		t.Errorf("nudge after the January prompt = %d, %v; want one", n, err)
	}
}
