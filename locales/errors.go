package locales

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Message keys of the errors returned by [ParseDate] and [ParseNumber].
const (
	KeyDateEmpty     = "parse.date.empty"     // nothing typed
	KeyDateFormat    = "parse.date.format"    // not recognised as a date; Data: Input
	KeyDateInvalid   = "parse.date.invalid"   // looks like a date but does not exist (31/02); Data: Input
	KeyDateYear      = "parse.date.year"      // year outside [MinYear, MaxYear]; Data: Input, Year, Min, Max
	KeyNumberEmpty   = "parse.number.empty"   // nothing typed
	KeyNumberFormat  = "parse.number.format"  // not recognised as a number; Data: Input
	KeyNumberSign    = "parse.number.sign"    // more than one sign; Data: Input
	KeyNumberTooBig  = "parse.number.too_big" // too large to be represented; Data: Input
	maxInputInErrors = 40                     // runes of user input kept in ParseError.Data
)

// ParseError is returned by the parsers for input a person typed wrongly.
// Key is a message key that explains the problem in the person's language
// and Data its template data ("Input" holds the offending input, trimmed,
// whitespace collapsed, cut to 40 characters). Data values are raw user
// input: escape them if the message is sent as HTML or Markdown.
type ParseError struct {
	Key  string
	Data map[string]any
}

func newParseError(key, input string, kv ...any) *ParseError {
	d := map[string]any{}
	if input != "" {
		d["Input"] = clip(input)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		d[kv[i].(string)] = kv[i+1]
	}
	return &ParseError{Key: key, Data: d}
}

// clip collapses whitespace and cuts s to maxInputInErrors runes.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxInputInErrors {
		return s
	}
	r := []rune(s)
	return string(r[:maxInputInErrors]) + "…"
}

// Error returns the key and data, for logs; use [Message] to tell the user.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("locales: ")
	b.WriteString(e.Key)
	for i, k := range slices.Sorted(maps.Keys(e.Data)) {
		if i == 0 {
			b.WriteString(":")
		}
		fmt.Fprintf(&b, " %s=%q", k, fmt.Sprint(e.Data[k]))
	}
	return b.String()
}

// Is makes errors.Is(err, &ParseError{Key: KeyDateInvalid}) match any
// ParseError with that key.
func (e *ParseError) Is(target error) bool {
	t, ok := target.(*ParseError)
	return ok && t != nil && t.Key == e.Key
}

// Message renders err in lang with the default catalog when err is (or
// wraps) a *ParseError; otherwise it returns "", false.
func Message(lang Lang, err error) (string, bool) {
	return DefaultCatalog().Message(lang, err)
}

// Message renders err in lang when err is (or wraps) a *ParseError;
// otherwise it returns "", false.
func (c *Catalog) Message(lang Lang, err error) (string, bool) {
	var pe *ParseError
	if !errors.As(err, &pe) || pe == nil {
		return "", false
	}
	return c.T(lang, pe.Key, pe.Data), true
}
