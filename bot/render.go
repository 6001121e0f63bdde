package bot

import (
	"html"
)

// esc escapes text for Telegram's HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }
