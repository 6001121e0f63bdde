package digest

import (
	"html"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// page builds a Telegram HTML message line by line in one language. Every
// text that goes in is escaped here, translations included (their data are
// raw user input such as quick win titles); markup is added by the
// renderers only, and only within one line, so that Split may cut between
// any two lines.
type page struct {
	lang  locales.Lang
	lines []string
}

// t is the escaped translation of key.
func (p *page) t(key string, data map[string]any) string {
	return html.EscapeString(locales.T(p.lang, key, data))
}

// tn is the escaped plural-aware translation of key for count n.
func (p *page) tn(key string, n int, data map[string]any) string {
	return html.EscapeString(locales.TPlural(p.lang, key, n, data))
}

// line adds one line made of already escaped pieces.
func (p *page) line(pieces ...string) { p.lines = append(p.lines, strings.Join(pieces, "")) }

// gap adds a blank line between sections (never two, never first).
func (p *page) gap() {
	if n := len(p.lines); n > 0 && p.lines[n-1] != "" {
		p.lines = append(p.lines, "")
	}
}

func (p *page) String() string { return strings.TrimSpace(strings.Join(p.lines, "\n")) }

func (p *page) num(v float64) string     { return locales.FormatNumber(p.lang, v) }
func (p *page) pct(v float64) string     { return locales.FormatPercent(p.lang, v) }
func (p *page) date(t time.Time) string  { return locales.FormatDate(p.lang, t) }
func (p *page) short(t time.Time) string { return locales.FormatDateShort(p.lang, t) }
func (p *page) month(t time.Time) string { return locales.FormatMonth(p.lang, t) }

// category is the category's name, from the core messages.
func (p *page) category(c quickwin.Category) string { return p.t("category."+string(c), nil) }

// status is the schedule status's name, with the days for a late one.
func (p *page) status(q qwEval) string {
	if q.Status == quickwin.Late {
		return p.tn("report.status.late_days", q.DaysLate, nil)
	}
	return p.t("status."+string(q.Status), nil)
}

func esc(s string) string  { return telegram.Escape(s) }
func bold(s string) string { return "<b>" + s + "</b>" }

// italic wraps an escaped text in <i>; the text must hold no tag.
func italic(s string) string { return "<i>" + s + "</i>" }

// count formats a count with thousands separators: "1.000".
func (p *page) count(n int) string { return locales.FormatNumber(p.lang, float64(n)) }

// bands renders the categories that hold quick wins, each with its word
// (the two greens look alike): "🟢 Tinggi 3 · 🟡 Sedang 5 · 🔴 Sangat rendah 7".
func (p *page) bands(b [numBands]int) string {
	var s []string
	for i, n := range b {
		if n > 0 {
			s = append(s, bandCategory[i].Emoji()+" "+p.category(bandCategory[i])+" "+p.count(n))
		}
	}
	return strings.Join(s, " · ")
}

// opdLabel is "Dinas Kesehatan (DINKES)", escaped.
func opdLabel(o quickwin.OPD) string {
	if o.Name == "" || o.Name == o.Code {
		return esc(o.Code)
	}
	return esc(o.Name) + " (" + esc(o.Code) + ")"
}
