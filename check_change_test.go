package quickwin

import (
	"testing"
	"time"
)

func TestCheckChangeAndReturnReason(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, time.UTC) }
	before := QuickWin{TenantID: "t1", Code: "DINKES-01", OPDCode: "DINKES", Title: "Posyandu aktif", Kind: KindNumeric,
		Direction: HigherIsBetter, Unit: "%", Baseline: 60, Target: 90, Start: day(3, 1), Deadline: day(6, 30), Status: StatusActive}
	for _, c := range []struct {
		name   string
		change func(q *QuickWin)
		reason string
		code   string
	}{
		{"title, no reason needed", func(q *QuickWin) { q.Title = "Posyandu aktif sekali" }, "", ""},
		{"target without a reason", func(q *QuickWin) { q.Target = 95 }, "", EINVALID},
		{"target with a reason", func(q *QuickWin) { q.Target = 95 }, "arahan Sekda", ""},
		{"deadline, blank reason", func(q *QuickWin) { q.Deadline = day(7, 31) }, "   ", EINVALID},
		{"cancel without a reason", func(q *QuickWin) { q.Status = StatusCancelled }, "", EINVALID},
		{"invalid change, reason or not", func(q *QuickWin) { q.Title = "x" }, "alasan", EINVALID},
	} {
		after := before
		c.change(&after)
		if got := ErrorCode(CheckChange(&before, &after, c.reason)); got != c.code {
			t.Errorf("%s: %q, want %q", c.name, got, c.code)
		}
	}
	draft := before
	draft.Status = StatusDraft
	moved := draft
	moved.Target = 95
	if err := CheckChange(&draft, &moved, ""); err != nil {
		t.Errorf("a draft's target needs no reason: %v", err)
	}

	for in, want := range map[string]string{"  foto buram ": "foto buram", "ok": "", "   ": "", "abc": "abc"} {
		got, err := ReturnReason(in)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("ReturnReason(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
