package digest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// checkParts fails unless every part is within limit, parses on its own
// (balanced tags) and, when exact, the parts join back into text.
func checkParts(t *testing.T, text string, parts []string, limit int, exact bool) {
	t.Helper()
	if len(parts) == 0 {
		t.Fatal("no parts")
	}
	for i, p := range parts {
		if n := utf16Len(p); n > limit {
			t.Errorf("part %d has %d UTF-16 units, limit %d", i, n, limit)
		}
		if strings.TrimSpace(p) == "" {
			t.Errorf("part %d is blank", i)
		}
		if err := balanced(p); err != nil {
			t.Errorf("part %d: %v\n%s", i, err, p)
		}
	}
	if exact {
		if got := strings.Join(parts, "\n"); got != text {
			t.Errorf("parts do not join into the text:\n got %q\nwant %q", got, text)
		}
		// Every cut is between two lines of the original.
		lines := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			lines[l] = true
		}
		for i, p := range parts {
			for _, l := range strings.Split(p, "\n") {
				if !lines[l] {
					t.Errorf("part %d holds a line that is not in the text: %q", i, l)
				}
			}
		}
	}
}

var tagRe = regexp.MustCompile(`<(/?)([a-z]+)[^>]*>`)

// balanced checks that tags nest and close, and that no tag or entity is cut.
func balanced(s string) error {
	var stack []string
	for _, m := range tagRe.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			stack = append(stack, m[2])
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != m[2] {
			return fmt.Errorf("unexpected </%s> with %v open", m[2], stack)
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		return fmt.Errorf("tags left open: %v", stack)
	}
	rest := tagRe.ReplaceAllString(s, "")
	if strings.ContainsAny(rest, "<>") {
		return fmt.Errorf("a cut tag: %q", rest)
	}
	if regexp.MustCompile(`&[a-z#0-9]*($|[^a-z#0-9;])`).MatchString(rest) {
		return fmt.Errorf("a cut entity: %q", rest)
	}
	return nil
}

func TestSplitShortTextIsOnePart(t *testing.T) {
	t.Parallel()
	text := "<b>Judul</b>\nbaris 🟢"
	parts := Split(text, 0)
	if len(parts) != 1 || parts[0] != text {
		t.Fatalf("got %q", parts)
	}
}

func TestSplitBetweenLines(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 600 {
		if i%7 == 0 {
			b.WriteString("\n<b>Bagian</b>\n")
		}
		fmt.Fprintf(&b, "🟢 <b>OPD %d</b> — capaian 62,5%% · &lt;catatan&gt; 🟠🔴\n", i)
	}
	text := strings.TrimSpace(b.String())
	for _, limit := range []int{TelegramLimit, 1000, 200} {
		parts := Split(text, limit)
		if len(parts) < 2 {
			t.Fatalf("limit %d: %d parts", limit, len(parts))
		}
		checkParts(t, text, parts, limit, true)
	}
}

func TestSplitCountsUTF16(t *testing.T) {
	t.Parallel()
	// 2,000 emoji are 2,000 runes but 4,000 UTF-16 units; with the
	// newlines the text is past the limit in units, not in runes.
	line := strings.Repeat("🟢", 100)
	text := strings.TrimSuffix(strings.Repeat(line+"\n", 21), "\n")
	if n := len([]rune(text)); n > TelegramLimit {
		t.Fatalf("test premise: %d runes", n)
	}
	parts := Split(text, TelegramLimit)
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	checkParts(t, text, parts, TelegramLimit, true)
}

func TestSplitPrefersSectionEnds(t *testing.T) {
	t.Parallel()
	text := "a1\na2\na3\n\nb1\nb2"
	// "a1\na2\na3" is 8 units; with the blank line and b1 the part would be 12.
	parts := Split(text, 11)
	if len(parts) != 2 || parts[0] != "a1\na2\na3" || parts[1] != "\nb1\nb2" {
		t.Fatalf("got %q", parts)
	}
}

func TestSplitOverlongLine(t *testing.T) {
	t.Parallel()
	line := "<b>" + strings.Repeat("kata &amp; <i>miring</i> ", 400) + "</b> 🟢"
	text := "awal\n" + line + "\nakhir"
	parts := Split(text, 500)
	checkParts(t, text, parts, 500, false)
	if !strings.HasPrefix(parts[0], "awal") || !strings.HasSuffix(parts[len(parts)-1], "akhir") {
		t.Errorf("first or last line lost: %q … %q", parts[0], parts[len(parts)-1])
	}
	// Without the tags re-opened and closed at the cuts, the text is intact.
	var plain strings.Builder
	for _, p := range parts {
		plain.WriteString(tagRe.ReplaceAllString(p, ""))
	}
	want := strings.ReplaceAll(tagRe.ReplaceAllString(text, ""), "\n", "")
	if got := strings.ReplaceAll(plain.String(), "\n", ""); got != want {
		t.Errorf("text lost or changed in the cuts")
	}
	// A line without any space is cut between runes, never inside an entity.
	long := strings.Repeat("&lt;🟢", 300)
	checkParts(t, long, Split(long, 97), 97, false)
}
