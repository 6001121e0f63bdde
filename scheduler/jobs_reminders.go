package scheduler

import (
	"context"
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// Reminders queues the deadline reminders of SPEC §7 for the day of now in
// the tenant's time zone: to the OPD's members (head and staff) for each
// active quick win and each open action step due in 7, 3, 1 or 0 days or
// overdue by 1, 3, 7, 14, 21, ... days; and to the leaders (and admins) once
// when a quick win is 7 days overdue.
//
// It runs on working days only. A reminder before a deadline that falls on
// a day off goes out on the working day before (Friday sends Saturday's and
// Sunday's "due tomorrow"); an overdue notice or an escalation that falls on
// a day off goes out on the next working day instead, never early (Monday
// sends Saturday's "1 day late"). Each message says how far the deadline is
// from the day it is sent. When several occasions of one item fall in one
// span (due Sunday: Saturday's "tomorrow" and Sunday's "today"), one
// message covers them.
//
// Keys: reminder/<member>/<quick win>[.<step>]/<due date>/<occasions> and
// escalation/<member>/<quick win>/<deadline>; a changed deadline is a new
// subject, so it is reminded (and escalated) again.
func (j *Jobs) Reminders(ctx context.Context, t *quickwin.Tenant, now time.Time) (int, error) {
	loc := t.Location()
	cal := NewCalendar(t)
	today := dayIn(now, loc)
	days, late := cal.covered(today), cal.coveredLate(today)
	if len(days) == 0 && len(late) == 0 {
		return 0, nil
	}
	cands, err := j.Work.ReminderCandidates(ctx, t.ID)
	if err != nil {
		return 0, err
	}
	aud, err := j.audience(ctx, t)
	if err != nil {
		return 0, err
	}
	var msgs []quickwin.OutboxMessage
	for i := range cands {
		c := &cands[i]
		if c.Status != quickwin.StatusActive {
			continue
		}
		due := dayIn(c.Deadline, loc)
		if occ := occasions(due, days, late); occ != "" {
			for _, m := range aud.byOPD[c.OPDCode] {
				lang := langOf(&m, t)
				key := "reminder/" + m.ID + "/" + c.ID + "/" + due.String() + "/" + occ
				text := reminderText(lang, "commitment", c, "", due, today, loc)
				msgs = append(msgs, toMember(t, &m, key, text, reportButton(lang, c.ID)))
			}
		}
		if escalates(due, late) {
			for _, m := range aud.leaders {
				lang := langOf(&m, t)
				key := "escalation/" + m.ID + "/" + c.ID + "/" + due.String()
				text := locales.T(lang, "scheduler.escalation", map[string]any{
					"Code": esc(c.Code), "Title": esc(c.Title), "OPD": esc(aud.opdLabel(c.OPDCode)),
					"Date": locales.FormatDate(lang, due.time(loc)), "Days": int(today - due),
				})
				msgs = append(msgs, toMember(t, &m, key, text, nil))
			}
		}
		for _, st := range c.Steps {
			if st.Done() || st.Due.IsZero() || st.ID == "" {
				continue
			}
			sdue := dayIn(st.Due, loc)
			occ := occasions(sdue, days, late)
			if occ == "" {
				continue
			}
			for _, m := range aud.byOPD[c.OPDCode] {
				lang := langOf(&m, t)
				key := "reminder/" + m.ID + "/" + c.ID + "." + st.ID + "/" + sdue.String() + "/" + occ
				text := reminderText(lang, "step", c, st.Title, sdue, today, loc)
				msgs = append(msgs, toMember(t, &m, key, text, stepDoneButton(lang, c.ID, st.ID)))
			}
		}
	}
	return j.enqueue(ctx, msgs)
}

// occasions returns the reminder occasions of an item due on due ("d7+d3",
// "o1+o3"): those before the deadline that fall on days, and the overdue
// ones that fall on late; "" when none does.
func occasions(due day, days, late []day) string {
	var tags []string
	for _, x := range days {
		if n := int(due - x); quickwin.RemindedBefore(n) {
			tags = append(tags, "d"+strconv.Itoa(n))
		}
	}
	for _, x := range late {
		if n := int(x - due); n > 0 && quickwin.RemindedOverdue(n) {
			tags = append(tags, "o"+strconv.Itoa(n))
		}
	}
	return strings.Join(tags, "+")
}

// escalates reports whether a quick win due on due reaches
// quickwin.EscalationDay days overdue on one of days (the late span: never
// before that day).
func escalates(due day, days []day) bool {
	for _, x := range days {
		if int(x-due) == quickwin.EscalationDay {
			return true
		}
	}
	return false
}

// reminderText renders a reminder of a quick win (kind "commitment") or a
// step, with the deadline told relative to today, the day it is sent.
func reminderText(lang locales.Lang, kind string, c *quickwin.QuickWin, step string, due, today day, loc *time.Location) string {
	n := int(due - today)
	var when string
	switch {
	case n > 1:
		when = locales.T(lang, "scheduler.when.in_days", map[string]any{"Days": n})
	case n == 1:
		when = locales.T(lang, "scheduler.when.tomorrow", nil)
	case n == 0:
		when = locales.T(lang, "scheduler.when.today", nil)
	default:
		when = locales.T(lang, "scheduler.when.overdue", map[string]any{"Days": -n})
	}
	key := "scheduler.reminder." + kind + "_due"
	if n < 0 {
		key = "scheduler.reminder." + kind + "_overdue"
	}
	return locales.T(lang, key, map[string]any{
		"Code": esc(c.Code), "Title": esc(c.Title), "Step": esc(step),
		"Date": locales.FormatDate(lang, due.time(loc)), "When": when,
	})
}
