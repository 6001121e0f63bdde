package digest

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// TelegramLimit is the longest text Telegram accepts in one message, in
// UTF-16 code units (Telegram counts like JavaScript: an emoji such as 🟢
// is two). Counting the HTML source, tags and all, stays on the safe side of
// the limit, which Telegram applies to the text after parsing.
const TelegramLimit = 4096

// Split cuts a Telegram HTML text into parts of at most limit UTF-16 code
// units (TelegramLimit when limit ≤ 0), always between lines, so that no
// part ends inside a line or a tag, and strings.Join(parts, "\n") is the
// text again. A part preferably ends before a blank line — the end of a
// section — when one lies in its second half.
//
// Only a single line longer than limit, which the renderers never make, is
// cut inside: at a space outside tags and entities where there is one, with
// the tags open at the cut closed at the end of the part and opened again
// at the start of the next, so that every part parses on its own. Parts
// that would hold nothing but blank lines are dropped.
func Split(text string, limit int) []string {
	if limit <= 0 {
		limit = TelegramLimit
	}
	var (
		parts []string
		cur   []string // lines of the part being filled
		size  int      // UTF-16 length of strings.Join(cur, "\n")
	)
	emit := func(lines []string) {
		if p := strings.Join(lines, "\n"); strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		n := utf16Len(line)
		if n > limit {
			emit(cur)
			pieces := cutLine(line, limit)
			for _, p := range pieces[:len(pieces)-1] {
				emit([]string{p})
			}
			last := pieces[len(pieces)-1]
			cur, size = []string{last}, utf16Len(last)
			continue
		}
		if len(cur) > 0 && size+1+n > limit {
			cut := sectionEnd(cur, limit)
			emit(cur[:cut])
			cur = cur[cut:]
			size = joinedLen(cur)
			if len(cur) > 0 && size+1+n > limit {
				emit(cur)
				cur, size = nil, 0
			}
		}
		if len(cur) > 0 {
			size++
		}
		cur = append(cur, line)
		size += n
	}
	emit(cur)
	return parts
}

// sectionEnd returns how many of a full part's lines to send: up to the
// last blank line if that keeps at least half the limit, else all of them.
func sectionEnd(lines []string, limit int) int {
	size := joinedLen(lines)
	for i := len(lines) - 1; i > 0; i-- {
		size -= utf16Len(lines[i]) + 1 // now the length of lines[:i]
		if size < limit/2 {
			break
		}
		if strings.TrimSpace(lines[i]) == "" {
			return i
		}
	}
	return len(lines)
}

func joinedLen(lines []string) int {
	n := 0
	for i, l := range lines {
		if i > 0 {
			n++
		}
		n += utf16Len(l)
	}
	return n
}

// utf16Len counts s in UTF-16 code units, as Telegram does.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutLine cuts one over-long line of Telegram HTML into pieces of at most
// limit UTF-16 units that each parse on their own. It cuts only between
// tokens (whole tags, whole entities, runes), after the piece's last space
// when it has one.
func cutLine(line string, limit int) []string {
	type tag struct{ name, open string }
	closing := func(st []tag) string {
		var b strings.Builder
		for i := len(st) - 1; i >= 0; i-- {
			b.WriteString("</" + st[i].name + ">")
		}
		return b.String()
	}
	opening := func(st []tag) string {
		var b strings.Builder
		for _, t := range st {
			b.WriteString(t.open)
		}
		return b.String()
	}
	var (
		pieces     []string
		stack      []tag // tags open at pos
		start      int   // byte offset where the current piece's text starts
		prefix     string
		space      = -1 // just after the piece's last space, and the tags open there
		spaceStack []tag
	)
	for pos := 0; pos < len(line); {
		tok := token(line[pos:])
		next := append([]tag(nil), stack...)
		switch {
		case strings.HasPrefix(tok, "</"):
			if len(next) > 0 {
				next = next[:len(next)-1]
			}
		case strings.HasPrefix(tok, "<") && len(tok) > 2:
			if name := strings.FieldsFunc(tok[1:len(tok)-1], func(r rune) bool { return r == ' ' || r == '/' }); len(name) > 0 {
				next = append(next, tag{name: name[0], open: tok})
			}
		}
		if pos > start && utf16Len(prefix)+utf16Len(line[start:pos+len(tok)])+utf16Len(closing(next)) > limit {
			cut, st := pos, stack
			if space > start {
				cut, st = space, spaceStack
			}
			pieces = append(pieces, prefix+line[start:cut]+closing(st))
			prefix, start, stack, space = opening(st), cut, append([]tag(nil), st...), -1
			pos = cut
			continue
		}
		pos += len(tok)
		stack = next
		if tok == " " {
			space, spaceStack = pos, append([]tag(nil), stack...)
		}
	}
	return append(pieces, prefix+line[start:]+closing(stack))
}

// token returns the first token of s: a whole tag, a whole entity or one rune.
func token(s string) string {
	switch s[0] {
	case '<':
		if i := strings.IndexByte(s, '>'); i > 0 {
			return s[:i+1]
		}
	case '&':
		if i := strings.IndexByte(s, ';'); i > 0 && i <= 10 {
			return s[:i+1]
		}
	}
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}
