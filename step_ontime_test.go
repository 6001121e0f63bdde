package quickwin

import (
	"testing"
	"time"
)

func TestStepOnTime(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	due := time.Date(2027, 3, 31, 0, 0, 0, 0, wib)
	at := func(d, h int) time.Time { return time.Date(2027, 3, d, h, 0, 0, 0, wib) }
	for _, c := range []struct {
		name            string
		done, now       time.Time
		onTime, decided bool
	}{
		{"done on the due day, late in the evening", at(31, 23), at(31, 23), true, true},
		{"done the day before", at(30, 9), at(31, 9), true, true},
		{"done the day after", time.Date(2027, 4, 1, 0, 0, 0, 0, wib), time.Date(2027, 4, 2, 0, 0, 0, 0, wib), false, true},
		{"not done, due today", time.Time{}, at(31, 23), false, false},
		{"not done, due day over", time.Time{}, time.Date(2027, 4, 1, 0, 0, 0, 0, wib), false, true},
		{"not done, not due yet", time.Time{}, at(20, 9), false, false},
	} {
		s := Step{Due: due, DoneAt: c.done}
		if onTime, decided := s.OnTime(c.now); onTime != c.onTime || decided != c.decided {
			t.Errorf("%s: OnTime = %v, %v; want %v, %v", c.name, onTime, decided, c.onTime, c.decided)
		}
	}
	// A due date stored with a time of day still means the whole day.
	s := Step{Due: due.Add(10 * time.Hour), DoneAt: at(31, 22)}
	if onTime, _ := s.OnTime(at(31, 23)); !onTime {
		t.Error("done at 22.00 on the due day stored as 10.00: want on time")
	}
}
