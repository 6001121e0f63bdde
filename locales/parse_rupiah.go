package locales

import "strings"

// ParseRupiah reads a budget as people say it in a chat: [ParseAmount]'s
// "150 juta", "2 jt", "750 rb", "1,5 M", "Rp 1,5 miliar", "1.5 billion",
// and, in English, "2m" or "2 M" for two million. In a chat the reader's
// language settles what "M" means (Indonesian: miliar; English: million),
// so, unlike a workbook cell, it is never refused as ambiguous.
func ParseRupiah(input string, lang Lang) (float64, error) {
	if s := strings.TrimSpace(input); lang.norm() == EN && s != "" {
		if last := s[len(s)-1]; (last == 'm' || last == 'M') && endsInDigitOrSpace(s[:len(s)-1]) {
			input = s[:len(s)-1] + " million"
		}
	}
	return ParseAmount(input, lang)
}

// endsInDigitOrSpace reports whether s ends with a digit or a space that
// follows one ("2", "2 "): "2m" is an amount, "Rpm" is not.
func endsInDigitOrSpace(s string) bool {
	s = strings.TrimRight(s, " ")
	return s != "" && isDigit(s[len(s)-1])
}
