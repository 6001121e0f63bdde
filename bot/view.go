package bot

import (
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// qwView renders quick wins for one reader: their language, the tenant's time
// zone and the time now. Messages to the sender use the request's view;
// notifications use the recipient's, so each person reads their own
// language.
type qwView struct {
	lang locales.Lang
	loc  *time.Location
	now  time.Time
}

// viewOf is the sender's view.
func (b *Bot) viewOf(r *Request) qwView {
	loc := r.Tenant.Location()
	return qwView{lang: r.Lang, loc: loc, now: b.Now().In(loc)}
}

// viewFor is the view of another member of the request's tenant.
func (v qwView) viewFor(m *quickwin.Member) qwView {
	v.lang = locales.ParseLang(m.Lang)
	return v
}

func (v qwView) T(key string, data map[string]any) string { return locales.T(v.lang, key, data) }

// TN renders a message whose words depend on a count ({{.Count}}).
func (v qwView) TN(key string, n int, data map[string]any) string {
	return locales.TPlural(v.lang, key, n, data)
}

// date is a day in the tenant's time zone: "31 Maret 2027".
func (v qwView) date(t time.Time) string { return locales.FormatDate(v.lang, t.In(v.loc)) }

// dateShort is "31 Mar 2027".
func (v qwView) dateShort(t time.Time) string { return locales.FormatDateShort(v.lang, t.In(v.loc)) }

func (v qwView) num(x float64) string { return locales.FormatNumber(v.lang, x) }

func (v qwView) pct(x float64) string { return locales.FormatPercent(v.lang, x) }

// amount is a value with its unit: "1.250 orang", "40%".
func (v qwView) amount(x float64, unit string) string {
	switch {
	case unit == "":
		return v.num(x)
	case unit == "%":
		return v.num(x) + "%"
	}
	return v.num(x) + " " + esc(unit)
}

// bar is the progress bar with its percentage: "▓▓▓▓▓▓░░░░ 60%".
func (v qwView) bar(pct float64) string { return quickwin.ProgressBar(pct) + " " + v.pct(pct) }

// category is the colour and name of an achievement's band: "🟡 Sedang".
func (v qwView) category(pct float64) string {
	c := quickwin.CategoryOf(pct)
	return c.Emoji() + " " + v.T("category."+string(c), nil)
}

// progress is the line every message about a quick win shows: bar,
// percentage, category colour and schedule status.
func (v qwView) progress(c *quickwin.QuickWin) string {
	if c.StatusAt(v.now) == quickwin.NotStarted {
		return "⏳ " + v.notStarted(c)
	}
	pct := c.Capaian()
	return v.bar(pct) + " · " + v.category(pct) + " · " + v.T("status."+string(c.StatusAt(v.now)), nil)
}

// notStarted is the progress line of a quick win before its start date:
// "Belum mulai · mulai 1 Januari 2027", without bar or colour, since it
// is not failing (SPEC §5).
func (v qwView) notStarted(c *quickwin.QuickWin) string {
	return v.T("status.not_started", nil) + " · " + v.T("fair.starts_on", map[string]any{"Date": v.date(c.Start)})
}

// headline is "<b>DINKES-01</b> · Title", or the bold title of a quick win
// not stored yet (the store gives the code).
func (v qwView) headline(c *quickwin.QuickWin) string {
	if c.Code == "" {
		return "<b>" + esc(c.Title) + "</b>"
	}
	return "<b>" + esc(c.Code) + "</b> · " + esc(c.Title)
}

// target describes a quick win's target: "90% (makin tinggi makin baik),
// baseline 60%" or "semua langkah aksi selesai".
func (v qwView) target(c *quickwin.QuickWin) string {
	if c.Kind == quickwin.KindMilestone {
		return v.T("qw.target.milestone", nil)
	}
	return v.T("qw.target.numeric", map[string]any{
		"Target":    v.amount(c.Target, c.Unit),
		"Baseline":  v.amount(c.Baseline, c.Unit),
		"Direction": v.T("qw.direction."+string(c.Direction), nil),
	})
}

// quarters describes quarterly targets: "TW I 25 · TW II 50 · … (kumulatif)".
func (v qwView) quarters(q *quickwin.QuarterTargets, unit string) string {
	parts := make([]string, 4)
	for i, x := range q.Values {
		parts[i] = quarterNames[i] + " " + v.amount(x, unit)
	}
	kind := "qw.quarters.separate"
	if q.Cumulative {
		kind = "qw.quarters.cumulative"
	}
	return strings.Join(parts, " · ") + " (" + v.T(kind, nil) + ")"
}

var quarterNames = [4]string{"TW I", "TW II", "TW III", "TW IV"}

// card is what a quick win is: target, period, budget, mission, indicator
// and its progress, one fact a line.
func (v qwView) card(c *quickwin.QuickWin, opdName string) string {
	var sb strings.Builder
	sb.WriteString(v.headline(c))
	if opdName != "" {
		sb.WriteString("\n" + esc(opdName) + " (" + esc(c.OPDCode) + ") · " + v.T("qw.status."+string(c.Status), nil))
	}
	if c.Status == quickwin.StatusActive || c.Status == quickwin.StatusDone {
		sb.WriteString("\n" + v.progress(c))
	}
	if c.Indicator != "" {
		sb.WriteString("\n" + v.T("qw.card.indicator", map[string]any{"Indicator": esc(c.Indicator)}))
	}
	sb.WriteString("\n" + v.T("qw.card.target", map[string]any{"Target": v.target(c)}))
	if c.Quarters != nil {
		sb.WriteString("\n" + v.T("qw.card.quarters", map[string]any{"Quarters": v.quarters(c.Quarters, c.Unit)}))
	}
	if c.Kind == quickwin.KindNumeric && c.LastValue != nil {
		sb.WriteString("\n" + v.T("qw.card.last_value", map[string]any{
			"Value": v.amount(*c.LastValue, c.Unit), "Date": v.dateShort(c.LastReportAt),
			"State": v.T("qw.state."+string(c.LastState), nil),
		}))
	}
	sb.WriteString("\n" + v.T("qw.card.period", map[string]any{"Start": v.date(c.Start), "Deadline": v.date(c.Deadline)}))
	if c.Budget > 0 {
		sb.WriteString("\n" + v.T("qw.card.budget", map[string]any{"Budget": locales.FormatRupiah(v.lang, c.Budget), "Source": esc(string(c.Source))}))
	}
	if c.Mission > 0 {
		sb.WriteString("\n" + v.T("qw.card.mission", map[string]any{"N": c.Mission}))
	}
	return sb.String()
}

// stepLine is one action step: "✅ 1. Title — Owner · 31 Mar 2027".
func (v qwView) stepLine(i int, s quickwin.Step) string {
	mark := "⬜"
	if s.Done() {
		mark = "✅"
	} else if quickwin.DaysBetween(s.Due.In(v.loc), v.now) > 0 {
		mark = "⏰"
	}
	line := mark + " " + strconv.Itoa(i+1) + ". " + esc(truncate(s.Title, 80))
	if s.Owner != "" {
		line += " — " + esc(truncate(s.Owner, 40))
	}
	line += " · " + v.dateShort(s.Due)
	if n := len(s.Evidence); n > 0 {
		line += " · 📎" + strconv.Itoa(n)
	}
	return line
}

// planSteps bounds the steps listed where the steps are the subject (the
// plan, the wizards), so that the message stays within Telegram's limit.
const planSteps = 25

// steps lists action steps under a heading with how many are done; empty
// when there are none.
func (v qwView) steps(c *quickwin.QuickWin, limit int) string {
	if len(c.Steps) == 0 {
		return ""
	}
	done := 0
	for _, s := range c.Steps {
		if s.Done() {
			done++
		}
	}
	var sb strings.Builder
	sb.WriteString("<b>" + v.T("qw.plan.heading", map[string]any{"Done": done, "All": len(c.Steps)}) + "</b>")
	for i, s := range c.Steps {
		if i == limit {
			sb.WriteString("\n" + v.T("qw.more", map[string]any{"N": len(c.Steps) - limit}))
			break
		}
		sb.WriteString("\n" + v.stepLine(i, s))
	}
	return sb.String()
}

// fitSections joins message sections and drops the last ones (saying so) when the
// message would exceed Telegram's limit.
func fitSections(v qwView, sections []string) string {
	const limit = 4000
	var out []string
	n := 0
	for i, s := range sections {
		if s == "" {
			continue
		}
		if n+len(s)+2 > limit {
			out = append(out, v.T("qw.truncated", map[string]any{"N": len(sections) - i}))
			break
		}
		out = append(out, s)
		n += len(s) + 2
	}
	return strings.Join(out, "\n\n")
}
