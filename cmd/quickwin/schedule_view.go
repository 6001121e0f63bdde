package main

import (
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/scheduler"
)

// upcomingRun is one line of `job list`.
type upcomingRun struct {
	job, spec, next string
	err             error
}

// scheduleOf lists a tenant's jobs with their next run in the tenant's
// local time (e.g. 2027-03-25 09:00 WIB).
func scheduleOf(t *quickwin.Tenant, now time.Time) []upcomingRun {
	var out []upcomingRun
	for _, u := range scheduler.NextRuns(t, now) {
		out = append(out, upcomingRun{job: u.Job, spec: u.Spec, err: u.Err,
			next: u.Next.Format("2006-01-02 15:04 ") + locales.ZoneAbbrev(u.Next.Location(), u.Next)})
	}
	return out
}
