package quickwin

import "testing"

func TestReminderOccasions(t *testing.T) {
	for _, c := range []struct {
		days            int // days until the deadline; negative: overdue
		before, overdue bool
	}{
		{8, false, false}, {7, true, false}, {6, false, false}, {3, true, false}, {2, false, false},
		{1, true, false}, {0, true, false},
		{-1, false, true}, {-2, false, false}, {-3, false, true}, {-7, false, true}, {-8, false, false},
		{-13, false, false}, {-14, false, true}, {-21, false, true}, {-22, false, false}, {-70, false, true},
	} {
		if got := RemindedBefore(c.days); got != c.before {
			t.Errorf("due in %d days: reminded before = %v, want %v", c.days, got, c.before)
		}
		if got := c.days < 0 && RemindedOverdue(-c.days); got != c.overdue {
			t.Errorf("%d days overdue: reminded = %v, want %v", -c.days, got, c.overdue)
		}
	}
	if EscalationDay != 7 {
		t.Errorf("leaders are told at %d days overdue, SPEC §7 says 7", EscalationDay)
	}
}
