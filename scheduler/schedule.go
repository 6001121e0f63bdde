package scheduler

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"quickwin"
)

// specParser reads the standard five-field specs (minute hour day month
// weekday) and the @daily-style descriptors. Seconds are not accepted: the
// specs are what admins type in /jadwal.
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ValidateSpec checks a cron spec an admin typed for a job. Time zones
// (CRON_TZ=, TZ=) are refused, since every spec runs in its tenant's time
// zone, and so is @every, which has no fixed time of day.
func ValidateSpec(spec string) error {
	_, err := parseSpec(spec)
	return err
}

func parseSpec(spec string) (cron.Schedule, error) {
	s := strings.TrimSpace(spec)
	switch {
	case s == "":
		return nil, fmt.Errorf("empty schedule")
	case strings.HasPrefix(s, "CRON_TZ=") || strings.HasPrefix(s, "TZ="):
		return nil, fmt.Errorf("schedule %q: no time zone, please: it runs in the tenant's time zone", spec)
	case strings.HasPrefix(s, "@every"):
		return nil, fmt.Errorf("schedule %q: @every is not supported; use minute hour day month weekday", spec)
	}
	sched, err := specParser.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %v (want minute hour day month weekday, e.g. \"0 7 * * *\")", spec, err)
	}
	return sched, nil
}

// shiftsToWorkingDay reports whether a job's messages go out on working days
// only (SPEC §7: reminders and prompts); the digest and the leaderboard go
// out on their day, whatever it is.
func shiftsToWorkingDay(job string) bool {
	switch job {
	case quickwin.JobReminders, quickwin.JobPrompt, quickwin.JobNudge:
		return true
	}
	return false
}

// jobSchedule is when a job runs for a tenant: the cron spec in the tenant's
// time zone, and for working-day jobs each time that falls on a day off
// moved to the same hour of the working day before. For the daily
// reminders that means: no run on days off (Saturday's and Sunday's runs
// move onto Friday's own), and Friday's run covers the weekend.
type jobSchedule struct {
	job   string
	spec  string
	inner cron.Schedule
	loc   *time.Location
	cal   *Calendar // nil: no shifting
}

func newJobSchedule(t *quickwin.Tenant, cal *Calendar, job string) (*jobSchedule, error) {
	spec := t.Schedule(job)
	inner, err := parseSpec(spec)
	if err != nil {
		return nil, err
	}
	s := &jobSchedule{job: job, spec: spec, inner: inner, loc: t.Location()}
	if shiftsToWorkingDay(job) {
		s.cal = cal
	}
	return s, nil
}

// maxScan bounds the walks over occurrences (a spec of every minute over a
// month and a half is 65,000 of them).
const maxScan = 100000

func (s *jobSchedule) shift(n time.Time) time.Time {
	if s.cal == nil {
		return n
	}
	d := dayOf(n)
	w := s.cal.workingOnOrBefore(d)
	if w == d {
		return n
	}
	m := w.time(s.loc)
	return time.Date(m.Year(), m.Month(), m.Day(), n.Hour(), n.Minute(), 0, 0, s.loc)
}

// Next implements cron.Schedule: the first (shifted) time after t. Shifting
// keeps occurrences in order, so the first shifted time after t is the
// answer; several occurrences shifted onto one time fire once.
func (s *jobSchedule) Next(t time.Time) time.Time {
	t = t.In(s.loc)
	n := t
	for range maxScan {
		n = s.inner.Next(n)
		if n.IsZero() {
			return n
		}
		if sh := s.shift(n); sh.After(t) {
			return sh
		}
	}
	return time.Time{}
}

// Prev returns the latest (shifted) time at or before t and no earlier than
// t-lookback, or the zero time.
func (s *jobSchedule) Prev(t time.Time, lookback time.Duration) time.Time {
	t = t.In(s.loc)
	var best time.Time
	n := t.Add(-lookback).Add(-time.Second)
	for range maxScan {
		n = s.inner.Next(n)
		if n.IsZero() {
			break
		}
		sh := s.shift(n)
		if sh.After(t) {
			break
		}
		if !sh.Before(t.Add(-lookback)) {
			best = sh
		}
	}
	return best
}

// Upcoming is a job's schedule for `quickwin job list`.
type Upcoming struct {
	Job  string
	Spec string
	Next time.Time // in the tenant's time zone; zero when Err is set
	Err  error     // the tenant's spec is invalid: the job does not run
}

// NextRuns returns each job's spec and next run after now for a tenant,
// working-day shifting included.
func NextRuns(t *quickwin.Tenant, now time.Time) []Upcoming {
	cal := NewCalendar(t)
	out := make([]Upcoming, 0, len(quickwin.JobNames))
	for _, job := range quickwin.JobNames {
		s, err := newJobSchedule(t, cal, job)
		if err != nil {
			out = append(out, Upcoming{Job: job, Spec: t.Schedule(job), Err: err})
			continue
		}
		out = append(out, Upcoming{Job: job, Spec: s.spec, Next: s.Next(now)})
	}
	return out
}
