package digest

import (
	"testing"

	"quickwin/locales"
)

func TestProgressBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang locales.Lang
		pct  float64
		want string
	}{
		{locales.ID, 0, "░░░░░░░░░░ 0%"},
		{locales.ID, 60, "▓▓▓▓▓▓░░░░ 60%"},
		{locales.ID, 62.5, "▓▓▓▓▓▓░░░░ 62,5%"},
		{locales.EN, 62.5, "▓▓▓▓▓▓░░░░ 62.5%"},
		{locales.ID, 9.99, "░░░░░░░░░░ 10%"}, // rounded text, but the first cell is not reached
		{locales.ID, 99.9, "▓▓▓▓▓▓▓▓▓░ 99,9%"},
		{locales.ID, 100, "▓▓▓▓▓▓▓▓▓▓ 100%"},
		{locales.ID, 130, "▓▓▓▓▓▓▓▓▓▓ 130%"},
		{locales.ID, -5, "░░░░░░░░░░ -5%"},
	}
	for _, tt := range tests {
		if got := ProgressBar(tt.lang, tt.pct); got != tt.want {
			t.Errorf("ProgressBar(%s, %v) = %q, want %q", tt.lang, tt.pct, got, tt.want)
		}
	}
}
