package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"quickwin"
)

// Jobs are the scheduled jobs of SPEC §7. Each takes the tenant and the
// time it runs as of (the scheduled time, also when it is caught up later)
// and queues messages in the outbox; it returns how many were new. Keys
// are job/recipient/subject/period, so running a job again for the same
// period queues nothing twice.
type Jobs struct {
	Directory Directory
	Work      Work
	Outbox    quickwin.Outbox
	// Publisher renders the digest and the leaderboard (package digest).
	Publisher quickwin.Publisher
	Log       *slog.Logger
	// DashboardURL is the Mini App's address ending in "/"; empty: no button.
	DashboardURL string
}

// Run runs the job named name (one of quickwin.JobNames).
func (j *Jobs) Run(ctx context.Context, name string, t *quickwin.Tenant, now time.Time) (int, error) {
	switch name {
	case quickwin.JobReminders:
		return j.Reminders(ctx, t, now)
	case quickwin.JobPrompt:
		return j.Prompt(ctx, t, now)
	case quickwin.JobNudge:
		return j.Nudge(ctx, t, now)
	case quickwin.JobDigest:
		return j.Digest(ctx, t, now)
	case quickwin.JobLeaderboard:
		return j.Leaderboard(ctx, t, now)
	}
	return 0, quickwin.Errorf(quickwin.EINVALID, "unknown job %q (known: %v)", name, quickwin.JobNames)
}

// enqueue queues msgs in one call, which keeps their order.
func (j *Jobs) enqueue(ctx context.Context, msgs []quickwin.OutboxMessage) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	n, err := j.Outbox.Enqueue(ctx, msgs...)
	if err != nil {
		return n, fmt.Errorf("queue %d messages: %w", len(msgs), err)
	}
	return n, nil
}

// audience is who a job of one tenant addresses, read once per run.
type audience struct {
	byOPD   map[string][]quickwin.Member // heads and staff of each OPD
	leaders []quickwin.Member            // leaders and admins
	opdName map[string]string
}

func (j *Jobs) audience(ctx context.Context, t *quickwin.Tenant) (*audience, error) {
	ms, err := j.Directory.Members(ctx, t.ID, true)
	if err != nil {
		return nil, err
	}
	opds, err := j.Directory.OPDs(ctx, t.ID, false)
	if err != nil {
		return nil, err
	}
	a := &audience{byOPD: map[string][]quickwin.Member{}, opdName: map[string]string{}}
	for _, o := range opds {
		a.opdName[o.Code] = o.Name
	}
	for _, m := range ms {
		if m.TelegramID == 0 || !m.Active {
			continue
		}
		switch {
		case m.Role.NeedsOPD() && m.OPDCode != "":
			a.byOPD[m.OPDCode] = append(a.byOPD[m.OPDCode], m)
		case m.Role == quickwin.RoleLeader || m.Role == quickwin.RoleAdmin:
			// Where the spec says "leaders" (escalations, the digest) the
			// admins get it too: they prepare the evaluation meetings.
			a.leaders = append(a.leaders, m)
		}
	}
	return a, nil
}

// heads returns the heads of an OPD.
func (a *audience) heads(opd string) []quickwin.Member {
	var out []quickwin.Member
	for _, m := range a.byOPD[opd] {
		if m.Role == quickwin.RoleHead {
			out = append(out, m)
		}
	}
	return out
}

// opdLabel names an OPD in a message: its name, or its code.
func (a *audience) opdLabel(code string) string {
	if n := a.opdName[code]; n != "" {
		return n
	}
	return code
}

// promptedByOPD groups by OPD, in code order, the quick wins the monthly
// prompt of month asks about (quickwin.QuickWin.PromptedFor: active,
// and started by that month; one starting next year is not asked about
// this December). Dates are read in loc, the tenant's zone.
func promptedByOPD(cs []quickwin.QuickWin, month time.Time, loc *time.Location) map[string][]quickwin.QuickWin {
	out := map[string][]quickwin.QuickWin{}
	for _, c := range cs {
		c.In(loc)
		if c.PromptedFor(month) {
			out[c.OPDCode] = append(out[c.OPDCode], c)
		}
	}
	return out
}
