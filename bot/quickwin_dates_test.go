package bot

import (
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
)

// TestExamplesAreValidAnswers: whatever today and the start, every example
// a date question shows is accepted by that question and read as a date in
// its range (the English "31/3/2027" lay outside the stated range).
func TestExamplesAreValidAnswers(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Asia/Jakarta")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	for _, tt := range []struct{ now, start, deadline time.Time }{
		{day(2026, 12, 1), day(2027, 1, 1), day(2027, 6, 30)},
		{day(2027, 3, 10), day(2027, 3, 1), day(2027, 3, 31)},
		{day(2027, 11, 20), day(2027, 11, 20), day(2027, 12, 31)},
		{day(2027, 12, 30), day(2028, 2, 10), day(2028, 2, 20)},
		{day(2028, 5, 5), day(2027, 1, 1), day(2027, 6, 30)}, // a quick win of the past
	} {
		for _, l := range []locales.Lang{locales.ID, locales.EN} {
			v := qwView{lang: l, loc: loc, now: tt.now.Add(10 * time.Hour)}
			ex := deadlineExamples(v, tt.start)
			from := laterOf(tt.start, v.today())
			words := []string{ex["Example"].(string), ex["Quarter"].(string), "akhir bulan", "end of month"}
			for _, w := range words {
				got, err := locales.ParseDateFrom(w, l, v.now, tt.start)
				if err != nil || got.Before(from) {
					t.Errorf("now %s, start %s: deadline example %q = %v, %v (before %s)", tt.now.Format(time.DateOnly), tt.start.Format(time.DateOnly), w, got, err, from.Format(time.DateOnly))
				}
			}
			qw := &quickwin.QuickWin{Start: tt.start, Deadline: tt.deadline}
			sfrom, data := stepDueExamples(v, qw)
			words = []string{data["Example"].(string)}
			if data["EndOfMonth"].(bool) {
				words = append(words, "akhir bulan", "end of month")
			}
			for _, w := range words {
				got, err := locales.ParseDateFrom(w, l, v.now, sfrom)
				if err != nil || qw.ValidateStep(quickwin.Step{Title: "Langkah", Due: got}) != nil {
					t.Errorf("now %s, %s–%s: step example %q = %v, %v", tt.now.Format(time.DateOnly), tt.start.Format(time.DateOnly), tt.deadline.Format(time.DateOnly), w, got, err)
				}
			}
		}
		if qs := deadlineQuarters(qwView{loc: loc, now: tt.now}, tt.start); len(qs) == 0 || qs[0].Before(tt.start) {
			t.Errorf("now %s, start %s: quarter buttons %v", tt.now.Format(time.DateOnly), tt.start.Format(time.DateOnly), qs)
		}
	}
}
