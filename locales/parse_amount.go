package locales

import (
	"math"
	"strings"
	"unicode"
)

// KeyAmountAmbiguous is the error key of an amount whose scale word could
// mean two things in the language ("1,5 M" in English: million or miliar?).
const KeyAmountAmbiguous = "parse.amount.ambiguous"

// amountScales are the words for thousands, millions, ... that people put
// after a Rupiah amount, in Indonesian and English, with their
// abbreviations. "M" is Indonesian for miliar (Rp 1,5 M), which an English
// reader would take for million: ParseAmount refuses it in English.
var amountScales = map[string]float64{
	"rb": 1e3, "ribu": 1e3, "k": 1e3, "thousand": 1e3,
	"jt": 1e6, "juta": 1e6, "million": 1e6, "mn": 1e6, "mio": 1e6,
	"m": 1e9, "miliar": 1e9, "milyar": 1e9, "mlyr": 1e9, "billion": 1e9, "bn": 1e9,
	"t": 1e12, "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12,
}

// ParseAmount is [ParseNumber] that also takes a scale word after the
// number, as budgets are written: "150 juta", "150jt", "Rp 1,5 M",
// "2,3 miliar", "750 ribu", "1.2 billion". The number before the word
// follows ParseNumber's rules for lang. In English "M" is refused with
// [KeyAmountAmbiguous] (write "million" or "miliar"); in Indonesian it is
// miliar.
func ParseAmount(input string, lang Lang) (float64, error) {
	s := strings.TrimSpace(numberCleaner.Replace(input))
	lower := strings.ToLower(s)
	end := len(lower)
	for end > 0 && unicode.IsLetter(rune(lower[end-1])) {
		end--
	}
	word := strings.TrimSuffix(lower[end:], ".")
	scale, ok := amountScales[word]
	if word == "" || !ok || end == 0 {
		return ParseNumber(input, lang)
	}
	if word == "m" && lang.norm() == EN {
		return 0, newParseError(KeyAmountAmbiguous, input)
	}
	v, err := ParseNumber(strings.TrimSpace(s[:end]), lang)
	if err != nil {
		if pe, ok := err.(*ParseError); ok && pe.Key == KeyNumberFormat {
			return 0, newParseError(KeyNumberFormat, input)
		}
		return 0, err
	}
	v *= scale
	if math.IsInf(v, 0) {
		return 0, newParseError(KeyNumberTooBig, input)
	}
	return v, nil
}
