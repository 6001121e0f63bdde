package locales

import (
	"strings"
	"testing"
)

// TestEnglishCountsAgree: English messages that count something read
// right for one and for several ("your 1 active quick wins" was shown).
func TestEnglishCountsAgree(t *testing.T) {
	for _, tc := range []struct {
		key, field   string
		one, several string
	}{
		{"scheduler.prompt", "Count", "your active quick win for", "your 2 active quick wins for"},
		{"scheduler.when.overdue", "Days", "1 day overdue", "2 days overdue"},
		{"scheduler.escalation", "Days", "Quick win 1 day late", "Quick win 2 days late"},
		{"schedule.holidays", "N", "1 date,", "2 dates,"},
		{"holidays.saved", "N", "1 holiday saved", "2 holidays saved"},
		{"qw.truncated", "N", "1 more section not", "2 more sections not"},
	} {
		for n, want := range map[int]string{1: tc.one, 2: tc.several} {
			got := T(EN, tc.key, map[string]any{tc.field: n, "Month": "March 2027", "OPD": "DINKES"})
			if !strings.Contains(got, want) {
				t.Errorf("%s with %s=%d: %q does not contain %q", tc.key, tc.field, n, got, want)
			}
		}
	}
}
