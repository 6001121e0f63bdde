package digest

import (
	"quickwin"
	"quickwin/locales"
)

// ProgressBar is quickwin.ProgressBar with the percentage in the reader's
// number format: "▓▓▓▓▓▓░░░░ 60%", "▓▓▓▓▓▓░░░░ 62,5%".
func ProgressBar(lang locales.Lang, pct float64) string {
	return quickwin.ProgressBar(pct) + " " + locales.FormatPercent(lang, pct)
}
