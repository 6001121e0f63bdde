package scheduler

import (
	"context"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// Prompt queues the monthly prompt (on the 25th by default): to each OPD
// head, "report the realisation of <month>" with a button per active quick
// win of the OPD that has started by that month (none before its start
// month). It runs on working days only (its schedule moves a 25th
// that is a day off to the working day before). Key:
// prompt/<member>/<YYYY-MM>.
func (j *Jobs) Prompt(ctx context.Context, t *quickwin.Tenant, now time.Time) (int, error) {
	loc := t.Location()
	if !NewCalendar(t).Working(dayIn(now, loc)) {
		return 0, nil
	}
	cs, err := j.Work.QuickWins(ctx, t.ID, quickwin.QuickWinFilter{Statuses: []quickwin.Status{quickwin.StatusActive}})
	if err != nil {
		return 0, err
	}
	aud, err := j.audience(ctx, t)
	if err != nil {
		return 0, err
	}
	month := now.In(loc)
	var msgs []quickwin.OutboxMessage
	for opd, list := range promptedByOPD(cs, month, loc) {
		for _, m := range aud.heads(opd) {
			lang := langOf(&m, t)
			text := locales.T(lang, "scheduler.prompt", map[string]any{
				"Month": locales.FormatMonth(lang, month), "OPD": esc(aud.opdLabel(opd)), "Count": len(list),
			})
			key := "prompt/" + m.ID + "/" + month.Format("2006-01")
			msgs = append(msgs, toMember(t, &m, key, text, commitmentButtons(lang, list)))
		}
	}
	return j.enqueue(ctx, msgs)
}

// nudgeLookback is how far back the nudge looks for the prompt it follows.
const nudgeLookback = 45 * 24 * time.Hour

// Nudge queues the second nudge (on the 1st by default) to the heads of
// OPDs that have an active quick win (started by the prompt's month) without
// a report since the last monthly prompt: precisely, without a report dated on or after the start
// of the day the last prompt was scheduled for (the 25th, or the working
// day before it), in the tenant's time zone. One message per head lists
// them, with a button each. Key: nudge/<member>/<YYYY-MM of the prompt>.
func (j *Jobs) Nudge(ctx context.Context, t *quickwin.Tenant, now time.Time) (int, error) {
	loc := t.Location()
	cal := NewCalendar(t)
	if !cal.Working(dayIn(now, loc)) {
		return 0, nil
	}
	prompt, err := newJobSchedule(t, cal, quickwin.JobPrompt)
	if err != nil {
		// The tenant's prompt spec is broken: nudge after the default one.
		d := *t
		d.Schedules = nil
		prompt, _ = newJobSchedule(&d, cal, quickwin.JobPrompt)
	}
	last := prompt.Prev(now, nudgeLookback)
	if last.IsZero() {
		return 0, nil // no prompt went out: nothing to nudge about
	}
	since := dayIn(last, loc).time(loc)
	cs, err := j.Work.QuickWins(ctx, t.ID, quickwin.QuickWinFilter{Statuses: []quickwin.Status{quickwin.StatusActive}})
	if err != nil {
		return 0, err
	}
	reports, err := j.Work.Reports(ctx, t.ID, quickwin.ReportFilter{From: since})
	if err != nil {
		return 0, err
	}
	reported := map[string]bool{}
	for _, r := range reports {
		reported[r.QuickWinID] = true
	}
	aud, err := j.audience(ctx, t)
	if err != nil {
		return 0, err
	}
	var msgs []quickwin.OutboxMessage
	for opd, list := range promptedByOPD(cs, last, loc) {
		var missing []quickwin.QuickWin
		for _, c := range list {
			if !reported[c.ID] {
				missing = append(missing, c)
			}
		}
		if len(missing) == 0 {
			continue
		}
		for _, m := range aud.heads(opd) {
			lang := langOf(&m, t)
			var items strings.Builder
			for _, c := range missing {
				items.WriteString("• <b>" + esc(c.Code) + "</b> — " + esc(c.Title) + "\n")
			}
			text := locales.T(lang, "scheduler.nudge", map[string]any{
				"Month": locales.FormatMonth(lang, last), "OPD": esc(aud.opdLabel(opd)),
				"Since": locales.FormatDate(lang, since), "List": strings.TrimSuffix(items.String(), "\n"),
			})
			key := "nudge/" + m.ID + "/" + last.Format("2006-01")
			msgs = append(msgs, toMember(t, &m, key, text, commitmentButtons(lang, missing)))
		}
	}
	return j.enqueue(ctx, msgs)
}

// commitmentButtons is one "report" button per quick win, one per row.
func commitmentButtons(lang locales.Lang, cs []quickwin.QuickWin) [][]quickwin.Button {
	var rows [][]quickwin.Button
	for i := range cs {
		if b, ok := button(commitmentButtonText(&cs[i]), telegram.KindReport, cs[i].ID); ok {
			rows = append(rows, []quickwin.Button{b})
		}
	}
	return rows
}
