package locales

import "strings"

// Lang is a language supported by the bot.
type Lang string

// Supported languages. Indonesian is the default.
const (
	ID      Lang = "id"
	EN      Lang = "en"
	Default      = ID
)

// Supported returns the supported languages, the default first.
func Supported() []Lang { return []Lang{ID, EN} }

// ParseLang maps a language code, such as the language_code Telegram sends
// ("id", "in", "en", "en-US", "en_GB"), to a supported language. Anything
// else, including the empty string, gives [Default].
func ParseLang(code string) Lang {
	if l, ok := MatchLang(code); ok {
		return l
	}
	return Default
}

// MatchLang is ParseLang that also says whether code named a supported
// language at all, so that a caller can fall back to something better than
// Default (a tenant's language, say).
func MatchLang(code string) (Lang, bool) {
	c := strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(c, "-_"); i >= 0 {
		c = c[:i]
	}
	switch c {
	case "id", "in", "ind":
		return ID, true
	case "en", "eng":
		return EN, true
	}
	return "", false
}

// String returns the language code.
func (l Lang) String() string { return string(l) }

// norm returns l when it is supported, else what ParseLang makes of it.
func (l Lang) norm() Lang {
	if l == ID || l == EN {
		return l
	}
	return ParseLang(string(l))
}
