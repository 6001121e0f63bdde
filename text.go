package quickwin

import (
	"strings"
	"unicode"
)

// CleanText is the rule for everything people type: control characters
// are removed (a line break is kept, a tab becomes a space, "\r\n" and a
// lone "\r" become "\n"), and so are the invisible formatting characters
// that make text show nothing or show it reversed (zero-width spaces, word
// joiners, byte-order marks, bidirectional overrides). The zero-width
// joiner stays: emoji sequences need it. The result is trimmed, and it is
// "" when nothing visible is left, so a title of "\x00\x01\x02" or of
// zero-width spaces is as empty as no title at all and gets the usual
// correction.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	visible := false
	for _, c := range s {
		switch {
		case c == '\n':
		case c == '\r':
			c = '\n'
		case c == '\t':
			c = ' '
		case c == unicode.ReplacementChar:
			continue // what is left of bytes that were not text
		case unicode.IsControl(c), invisible(c):
			continue
		}
		if c != zeroWidthJoiner && !unicode.IsSpace(c) {
			visible = true
		}
		b.WriteRune(c)
	}
	if !visible {
		return ""
	}
	return strings.TrimSpace(b.String())
}

const zeroWidthJoiner = '\u200d'

// invisible reports whether c is a formatting character that shows
// nothing (Unicode category Cf) and that text does not need; the
// zero-width joiner and non-joiner stay, for emoji and some scripts.
func invisible(c rune) bool {
	return unicode.Is(unicode.Cf, c) && c != zeroWidthJoiner && c != '\u200c'
}
