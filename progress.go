package quickwin

import (
	"math"
	"strings"
)

// ProgressBar draws an achievement as ten cells, ▓ for each tenth reached
// (rounded down, capped at ten): 60 → "▓▓▓▓▓▓░░░░". Callers add the
// percentage in the reader's number format.
func ProgressBar(pct float64) string {
	if math.IsNaN(pct) {
		pct = 0
	}
	n := int(math.Floor(math.Min(math.Max(pct, 0), 100) / 10))
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n)
}
