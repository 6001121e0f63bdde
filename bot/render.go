package bot

import (
	"html"
	"strings"
	"unicode"
)

// esc escapes text for Telegram's HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }

// normalize lower-cases s and drops everything but letters and digits, so
// that typed keywords match however they are spelled ("Kepala OPD").
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
