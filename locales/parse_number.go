package locales

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// numberCleaner maps the Unicode spaces and minus signs people paste from
// spreadsheets and web pages to ASCII.
var numberCleaner = strings.NewReplacer(
	"\u00a0", " ", // no-break space
	"\u202f", " ", // narrow no-break space
	"\u2009", " ", // thin space
	"\u2212", "-", // minus sign
	"\u2013", "-", // en dash
)

// ParseNumber parses a number as people type it, in either language's
// notation; lang only settles the ambiguous case below.
//
// Accepted around the number: surrounding spaces; a "Rp" or "Rp." prefix
// (any case, with or without a space); a "%" suffix, which is ignored (60%
// gives 60, not 0.6); the rupiah suffix ",-" or ".-" (Rp 5.000,-); one sign,
// '-' or '+', before or after "Rp".
//
// Separators:
//   - a space (also a no-break or thin space) is always a thousands separator:
//     1 250 000;
//   - when both '.' and ',' appear, the last one is the decimal separator and
//     the other the thousands separator: 1.250,5 and 1,250.5 are 1250.5;
//   - when only one of them appears more than once, it is the thousands
//     separator: 1.250.000 and 1,250,000;
//   - when only one of them appears once and is followed by exactly three
//     digits, it is the thousands separator if it is lang's own (id: '.',
//     en: ','), unless the integer part is 0: in id 1.250 is 1250 and 1,250
//     is 1.25; in en 1,250 is 1250 and 1.250 is 1.25; 0.250 is 0.25 in both;
//   - otherwise it is the decimal separator: 62,5 and 62.5 are 62.5.
//
// Thousands groups must be well formed (1 to 3 digits, then groups of
// exactly 3; the first not starting with 0) and a separator cannot start or
// end the number (.5 and 5. are rejected).
//
// Errors are *ParseError: [KeyNumberEmpty], [KeyNumberFormat] (letters,
// NaN, Inf, exponents, misplaced separators), [KeyNumberSign] (more than one
// sign) and [KeyNumberTooBig] (does not fit a float64). A successful result
// is always finite and never -0.
func ParseNumber(input string, lang Lang) (float64, error) {
	s := strings.ToLower(strings.TrimSpace(numberCleaner.Replace(input)))
	if s == "" {
		return 0, newParseError(KeyNumberEmpty, "")
	}
	bad := func() (float64, error) { return 0, newParseError(KeyNumberFormat, input) }

	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s = strings.TrimSpace(rest)
	}
	if rest, ok := strings.CutSuffix(s, ",-"); ok {
		s = rest
	} else if rest, ok := strings.CutSuffix(s, ".-"); ok {
		s = rest
	}
	if strings.Count(s, "-")+strings.Count(s, "+") > 1 {
		return 0, newParseError(KeyNumberSign, input)
	}
	neg, signed := false, false
	takeSign := func() {
		if s != "" && (s[0] == '-' || s[0] == '+') {
			neg, signed = s[0] == '-', true
			s = strings.TrimSpace(s[1:])
		}
	}
	takeSign()
	if rest, ok := strings.CutPrefix(s, "rp"); ok {
		s = strings.TrimSpace(strings.TrimPrefix(rest, "."))
		if !signed {
			takeSign()
		}
	}
	if s == "" || !isDigit(s[0]) || !isDigit(s[len(s)-1]) {
		return bad()
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && c != '.' && c != ',' && c != ' ' {
			return bad()
		}
	}

	dec, thou := decimalSeparator(s, lang.norm())
	intPart, frac := s, ""
	if dec != 0 {
		i := strings.IndexByte(s, dec)
		if strings.IndexByte(s[i+1:], dec) >= 0 {
			return bad()
		}
		intPart, frac = s[:i], s[i+1:]
		if !allDigits(frac) {
			return bad()
		}
	}
	digits, ok := ungroup(intPart, thou)
	if !ok {
		return bad()
	}
	num := digits
	if frac != "" {
		num += "." + frac
	}
	v, err := strconv.ParseFloat(num, 64)
	if errors.Is(err, strconv.ErrRange) || math.IsInf(v, 0) {
		return 0, newParseError(KeyNumberTooBig, input)
	}
	if err != nil || math.IsNaN(v) {
		return bad()
	}
	if v == 0 {
		return 0, nil
	}
	if neg {
		v = -v
	}
	return v, nil
}

// decimalSeparator applies the rules of ParseNumber to s (digits, '.', ','
// and spaces); 0 means none.
func decimalSeparator(s string, lang Lang) (dec, thou byte) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			return '.', ','
		}
		return ',', '.'
	case dots == 0 && commas == 0:
		return 0, 0
	}
	c, n := byte('.'), dots
	if commas > 0 {
		c, n = ',', commas
	}
	if n > 1 {
		return 0, c
	}
	own, _ := separators(lang)
	i := strings.IndexByte(s, c)
	after, before := s[i+1:], strings.TrimSpace(s[:i])
	if c == own && len(after) == 3 && allDigits(after) && before != "0" {
		return 0, c
	}
	return c, 0
}

// ungroup removes thousands separators (thou, or spaces) from the integer
// part s, checking the groups: 1-3 digits not starting with 0 unless alone,
// then groups of exactly 3 digits. Mixing spaces with thou is rejected.
func ungroup(s string, thou byte) (string, bool) {
	hasSpace := strings.IndexByte(s, ' ') >= 0
	switch {
	case thou != 0 && hasSpace:
		return "", false
	case hasSpace:
		thou = ' '
	case thou == 0:
		return s, s != "" && allDigits(s)
	}
	groups := strings.Split(s, string(thou))
	for i, g := range groups {
		if !allDigits(g) || g == "" {
			return "", false
		}
		if i == 0 && (len(g) > 3 || g[0] == '0') {
			return "", false
		}
		if i > 0 && len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}
