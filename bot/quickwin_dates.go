package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// This file reads the dates and budgets typed into the quick-win wizards
// (issue 11, items 9 and 10): quarters and month ends are read from the
// quick win's start, every date read from text is echoed ("TW2 → 30 Juni
// 2027") so that nobody has to guess which one was taken, the examples a
// question shows are valid answers to it, and budgets may be said in words
// ("150 juta", "1,5 M").

// typedDateFrom parses a typed date that cannot come before from (zero:
// today), see locales.ParseDateFrom, and reads a typed one back.
func (b *Bot) typedDateFrom(r *Request, in Input, from time.Time) (time.Time, error) {
	v := b.viewOf(r)
	t, err := locales.ParseDateFrom(in.Answer(), r.Lang, v.now, from)
	// A pressed button shows its date already, and "30 Juni 2027 → 30 Juni
	// 2027" would tell nothing.
	if shown := v.date(t); err == nil && in.Value == "" && !strings.EqualFold(strings.Join(strings.Fields(in.Answer()), " "), shown) {
		r.readBack = r.T("fair.echo.date", map[string]any{"Input": esc(in.Answer()), "Value": shown})
	}
	return t, err
}

// withReadBack puts how the request's typed answer was read above text:
// the next question, or the correction when the answer was refused
// ("📅 TW2 → 30 Juni 2026" above "the deadline is before the start" says
// which date was refused). One message, not two; shown once.
func withReadBack(r *Request, text string) string {
	if r.readBack == "" {
		return text
	}
	text, r.readBack = r.readBack+"\n"+text, ""
	return text
}

// laterOf is the later of two days.
func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// deadlineExamples are answers the deadline question shows for a quick
// win starting on start: the end of the quarter after the first possible
// day (on or after start and today), typed as a date and as a quarter
// ("30/6/2027", "TW2"); both are read as that day.
func deadlineExamples(v qwView, start time.Time) map[string]any {
	from := laterOf(start, v.today())
	next := quickwin.QuarterEnd(from.Year(), quickwin.Quarter(from), v.loc).AddDate(0, 0, 1) // the next quarter's first day
	return map[string]any{
		"Example": typedExample(quickwin.QuarterEnd(next.Year(), quickwin.Quarter(next), v.loc)),
		"Quarter": v.T("qw.quarter", map[string]any{"N": quickwin.Quarter(next)}),
	}
}

// stepDueExamples are answers the step-due question shows: a day in the
// quick win's period (the end of the first month with a possible day, or
// the deadline), and whether "akhir bulan" is one.
func stepDueExamples(v qwView, qw *quickwin.QuickWin) (from time.Time, data map[string]any) {
	from = laterOf(qw.Start, v.today())
	if from.After(qw.Deadline) {
		from = qw.Start // a past quick win: its own period
	}
	monthEnd := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, v.loc) }
	example := monthEnd(from)
	if example.After(qw.Deadline) {
		example = qw.Deadline
	}
	// "akhir bulan" is read from today at the earliest (locales.ParseDateFrom).
	eom := monthEnd(laterOf(from, v.today()))
	return from, map[string]any{"Example": typedExample(example), "EndOfMonth": !eom.After(qw.Deadline)}
}

// typedExample writes a day as people type it: "30/6/2027".
func typedExample(t time.Time) string {
	return strconv.Itoa(t.Day()) + "/" + strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

// deadlineQuarters are the quarters the deadline question offers as
// buttons: those of the start's year that end on or after the start and
// today (the quick win of 2027 asked for in December 2026 gets 2027's).
func deadlineQuarters(v qwView, start time.Time) []time.Time {
	from := laterOf(start, v.today())
	var out []time.Time
	for q := 1; q <= 4; q++ {
		if end := quickwin.QuarterEnd(from.Year(), q, v.loc); !end.Before(from) {
			out = append(out, end)
		}
	}
	return out
}

// typedBudget reads a budget in Rupiah, with the words people use
// ("150 juta", "1,5 M", "2m"), and echoes one said in words. A wrong
// answer gets a budget's examples, not a number's ("1.250,5 atau 60%").
func typedBudget(r *Request, in Input) (float64, error) {
	x, err := locales.ParseRupiah(in.Answer(), r.Lang)
	var pe *locales.ParseError
	if errors.As(err, &pe) && (pe.Key == locales.KeyNumberFormat || pe.Key == locales.KeyNumberEmpty) {
		return 0, invalidAnswer("fair.invalid.budget", nil)
	}
	if err != nil {
		return 0, err
	}
	if x < 0 {
		return 0, invalidAnswer("commitment.invalid.budget", nil)
	}
	if _, plain := locales.ParseNumber(in.Answer(), r.Lang); plain != nil && x > 0 {
		r.readBack = r.T("fair.echo.budget", map[string]any{"Input": esc(in.Answer()), "Value": locales.FormatRupiah(r.Lang, x)})
	}
	return x, nil
}
