package quickwin

import "testing"

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Posyandu aktif", "Posyandu aktif"},
		{"only controls", "\x00\x01\x02", ""},
		{"controls inside", "Pos\x00yan\x07du", "Posyandu"},
		{"line breaks kept", "baris satu\nbaris dua", "baris satu\nbaris dua"},
		{"windows line breaks", "a\r\nb\rc", "a\nb\nc"},
		{"tab is a space", "a\tb", "a b"},
		{"trimmed", "  \n judul \n ", "judul"},
		{"zero-width spaces only", "\u200b\u200b\ufeff", ""},
		{"bidi override removed", "abc\u202edef", "abcdef"},
		{"escape and delete", "\x1b[31mmerah\x7f", "[31mmerah"},
		{"C1 control", "a\u0085b", "ab"},
		{"emoji joiner kept", "👩\u200d⚕️ kader", "👩\u200d⚕️ kader"},
		{"joiner alone is empty", "\u200d \u200d", ""},
		{"invalid bytes", "ab\xffcd", "abcd"},
		{"indonesian letters", "Rp 1,5 miliar — Sekda", "Rp 1,5 miliar — Sekda"},
		{"empty", "", ""},
	} {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("%s: CleanText(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
