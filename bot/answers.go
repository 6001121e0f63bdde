package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// This file turns what people type or press in the quick-win wizards into
// values, and keeps those values in the wizard's persisted data (strings
// only). Every question accepts typed answers in either language, whatever
// the person's own language is.

// choiceOption is one answer of a multiple-choice question.
type choiceOption struct {
	value string   // what the button sends and the wizard stores
	label string   // locale key of the button text
	words []string // what people type for it, besides the labels (normalized)
}

// optionButtons lays options out as choice buttons, perRow to a row.
func optionButtons(r *Request, c *Conv, opts []choiceOption, perRow int) [][]quickwin.Button {
	buttons := make([]quickwin.Button, len(opts))
	for i, o := range opts {
		buttons[i] = c.Choice(r.T(o.label, nil), o.value)
	}
	return grid(buttons, perRow)
}

// pickOption returns the option an answer names: a pressed button's value,
// or typed text matching a label in either language, one of its words, or its
// number (1, 2, …). A wrong answer is an EINVALID error that lists the
// choices.
func pickOption(r *Request, in Input, opts []choiceOption) (string, error) {
	if in.Value != "" {
		for _, o := range opts {
			if o.value == in.Value {
				return o.value, nil
			}
		}
	}
	typed := quickwin.Keyword(in.Text)
	for i, o := range opts {
		if typed == "" {
			break
		}
		if typed == strconv.Itoa(i+1) || typed == quickwin.Keyword(locales.T(locales.ID, o.label, nil)) || typed == quickwin.Keyword(locales.T(locales.EN, o.label, nil)) {
			return o.value, nil
		}
		for _, w := range o.words {
			if typed == w {
				return o.value, nil
			}
		}
	}
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = strconv.Itoa(i+1) + ". " + r.T(o.label, nil)
	}
	return "", invalidAnswer("qw.invalid.choice", map[string]any{"Options": strings.Join(labels, " · ")})
}

var yesNoOptions = []choiceOption{
	{"y", "common.yes", []string{"ya", "yes", "y", "ok", "oke", "setuju", "benar"}},
	{"n", "common.no", []string{"tidak", "no", "n", "tdk", "gak", "nggak", "batal"}},
}

// skipWords are what people type instead of pressing "Lewati".
var skipWords = map[string]bool{"lewati": true, "skip": true, "tidakada": true, "none": true, "tidak": true, "no": true, "kosong": true}

// skipped reports whether an answer to a skippable question skips it.
func skipped(in Input) bool {
	t := strings.TrimSpace(in.Text)
	return in.Skip || t == "-" || in.Value == "" && skipWords[quickwin.Keyword(t)]
}

// invalidAnswer is a validation error: the wizard tells the person and asks again.
func invalidAnswer(key string, data map[string]any) error {
	return quickwin.Errorf(quickwin.EINVALID, "%s", key).WithKey(key, data)
}

// typedText checks a typed free-text answer's length in characters.
func typedText(in Input, min, max int, key string) (string, error) {
	s := strings.TrimSpace(in.Text)
	if s == "" && min > 0 {
		return "", invalidAnswer("qw.invalid.text_needed", nil) // a photo or sticker where words were asked
	}
	if n := len([]rune(s)); n < min || n > max {
		return "", invalidAnswer(key, map[string]any{"Min": min, "Max": max})
	}
	return s, nil
}

// typedNumber parses a typed number (1.250,5 or 1,250.5, with % or Rp) and
// checks it is not below min.
func typedNumber(r *Request, in Input, min float64, key string) (float64, error) {
	x, err := locales.ParseNumber(in.Answer(), r.Lang)
	if err != nil {
		return 0, err
	}
	if x < min {
		return 0, invalidAnswer(key, map[string]any{"Min": locales.FormatNumber(r.Lang, min)})
	}
	return x, nil
}

// typedDate parses a typed date (31/03/2027, 31 Maret 2027, besok, akhir bulan,
// TW2, …) as a day in the tenant's time zone, and echoes a typed one.
func (b *Bot) typedDate(r *Request, in Input) (time.Time, error) {
	return b.typedDateFrom(r, in, time.Time{})
}

// Conversation data keeps everything as strings; these helpers store and
// read the typed values.

// keep stores a checked answer under key and moves on to next; a wrong
// answer (err) stores nothing and the question is asked again.
func keep(c *Conv, key, value string, err error, next string) (string, error) {
	if err != nil {
		return "", err
	}
	c.Set(key, value)
	return next, nil
}

func floatString(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func setFloat(c *Conv, key string, x float64) { c.Set(key, floatString(x)) }

func getFloat(c *Conv, key string) float64 {
	x, _ := strconv.ParseFloat(c.Get(key), 64)
	return x
}

func setDate(c *Conv, key string, t time.Time) { c.Set(key, t.Format(time.DateOnly)) }

// getDate reads a stored day as midnight in loc (zero when absent).
func getDate(c *Conv, key string, loc *time.Location) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, c.Get(key), loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// setJSON and getJSON keep lists (evidence, draft steps) in the data.
func setJSON(c *Conv, key string, v any) {
	buf, _ := json.Marshal(v)
	c.Set(key, string(buf))
}

func getJSON(c *Conv, key string, v any) {
	if s := c.Get(key); s != "" {
		_ = json.Unmarshal([]byte(s), v)
	}
}

// maxEvidence bounds the files of one report or step; Telegram sends at most
// ten in one album, and more is rarely evidence of anything.
const maxEvidence = 10

func evidenceOf(c *Conv) []quickwin.Evidence {
	var ev []quickwin.Evidence
	getJSON(c, "ev", &ev)
	return ev
}
