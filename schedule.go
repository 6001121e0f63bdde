package quickwin

import "slices"

// Names of the scheduled jobs (SPEC §7); admins change their cron specs per
// tenant with /jadwal. The names are a contract: `quickwin job run NAME`.
const (
	JobReminders   = "reminders"      // deadline reminders, daily
	JobPrompt      = "monthly_prompt" // "report the realisation of <month>", on the 25th
	JobNudge       = "monthly_nudge"  // second nudge on the 1st to who did not report
	JobDigest      = "digest"         // monthly evaluation digest, on the 5th
	JobLeaderboard = "leaderboard"    // weekly leaderboard to groups, Monday
)

// DefaultSchedules are the cron specs (minute hour day month weekday) in the
// tenant's local time.
var DefaultSchedules = map[string]string{
	JobReminders:   "0 7 * * *",
	JobPrompt:      "0 9 25 * *",
	JobNudge:       "0 9 1 * *",
	JobDigest:      "0 8 5 * *",
	JobLeaderboard: "0 8 * * 1",
}

// JobNames lists the jobs in the order they are shown.
var JobNames = []string{JobReminders, JobPrompt, JobNudge, JobDigest, JobLeaderboard}

// IsJob reports whether name is one of JobNames.
func IsJob(name string) bool { return slices.Contains(JobNames, name) }

// Schedule returns the tenant's cron spec for a job, or the default.
func (t *Tenant) Schedule(job string) string {
	if s, ok := t.Schedules[job]; ok && s != "" {
		return s
	}
	return DefaultSchedules[job]
}
