package quickwin

import "time"

// LeaderboardSnapshot is the ranking of one ISO week as it was first shown
// (the weekly job stores it): the dashboard draws each OPD's trend from a
// run of them.
type LeaderboardSnapshot struct {
	Week      string // ISO week, "2027-W14"
	TakenAt   time.Time
	Standings []Standing // ranked
}
