package locales

import (
	"testing"
	"time"
)

// TestParseDateFrom: on 1 December 2026, a quick win starting on 1 January
// 2027 gets its deadline typed. Quarters and month ends are read from the
// start, never from today (TW2 was 30 June 2026, before the start).
func TestParseDateFrom(t *testing.T) {
	jkt := time.FixedZone("WIB", 7*3600)
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, jkt) }
	now := at(2026, 12, 1).Add(10 * time.Hour)
	start := at(2027, 1, 1)
	for _, tt := range []struct {
		in   string
		from time.Time
		want time.Time
	}{
		{"TW2", start, at(2027, 6, 30)},
		{"Q2", start, at(2027, 6, 30)},
		{"tw 1", start, at(2027, 3, 31)},
		{"TW IV", start, at(2027, 12, 31)},
		{"TW1", at(2027, 5, 10), at(2028, 3, 31)}, // TW1 2027 ended before the start
		{"TW2", at(2027, 6, 30), at(2027, 6, 30)}, // the start day itself
		{"TW2 2028", start, at(2028, 6, 30)},      // a year typed is kept
		{"akhir bulan", start, at(2027, 1, 31)},
		{"end of month", at(2027, 2, 10), at(2027, 2, 28)},
		{"akhir tahun", start, at(2027, 12, 31)},
		{"30 Juni", start, at(2027, 6, 30)},
		{"15/1", start, at(2027, 1, 15)},
		{"besok", start, at(2026, 12, 2)}, // relative to today, whatever the start
		{"30/6/2027", start, at(2027, 6, 30)},
		// A start in the past or none changes nothing: from today.
		{"akhir bulan", at(2026, 11, 1), at(2026, 12, 31)},
		{"TW1", time.Time{}, at(2027, 3, 31)}, // TW1 2026 has passed: next March
		{"TW4", time.Time{}, at(2026, 12, 31)},
	} {
		got, err := ParseDateFrom(tt.in, ID, now, tt.from)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDateFrom(%q, from %s) = %v, %v; want %s", tt.in, tt.from.Format(time.DateOnly), got, err, tt.want.Format(time.DateOnly))
		}
	}
	if got, _ := ParseDate("TW1", EN, now); !got.Equal(at(2027, 3, 31)) {
		t.Errorf("ParseDate(TW1) in December = %v, want the coming March", got)
	}
}
