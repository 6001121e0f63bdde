package store

import (
	"testing"
	"time"

	"quickwin"
)

func TestHistoryLineRoundTrip(t *testing.T) {
	t.Parallel()
	wib := time.FixedZone("WIB", 7*3600)
	for _, e := range []quickwin.AuditEntry{
		{ID: "a1", At: time.Date(2027, 3, 31, 23, 59, 59, 999_999_999, wib), ActorID: "m1", Action: "commitment.report"},
		{ID: "a2", At: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ActorID: "system", Action: "commitment.edit",
			Reason: "target \"baru\"\tdari Bappeda, ✓ [disetujui]"},
	} {
		l := lineOf(e)
		got, err := parseLine(l.String())
		if err != nil {
			t.Fatal(err)
		}
		if got != l || !got.At.Equal(e.At.Truncate(time.Millisecond)) {
			t.Errorf("%s: got %+v, want %+v", l, got, l)
		}
		if lineOf(e).String() != l.String() {
			t.Errorf("the same entry made two lines")
		}
	}
	for _, bad := range []string{"", "[]", `["a","b"]`, `["a","yesterday","m","x",""]`, "{}"} {
		if _, err := parseLine(bad); err == nil {
			t.Errorf("%q: read as a line", bad)
		}
	}
}
