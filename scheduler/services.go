package scheduler

import (
	"context"
	"time"

	"quickwin"
)

// The scheduler reads the domain and writes the outbox through these narrow
// interfaces; *store.Store satisfies all of them (cmd/quickwin passes it for
// each). They live here, with their user, so that the scheduler never
// imports the store.

// Directory reads tenants and who to address in them.
type Directory interface {
	Tenants(ctx context.Context) ([]quickwin.Tenant, error)
	Tenant(ctx context.Context, id string) (*quickwin.Tenant, error)
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error)
	Members(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.Member, error)
	// Groups returns the active registered groups of a tenant.
	Groups(ctx context.Context, tenantID string) ([]quickwin.Group, error)
}

// Work reads quick wins and reports.
type Work interface {
	// ReminderCandidates returns a tenant's active quick wins with their steps
	// (an indexed query on tenant, status and deadline).
	ReminderCandidates(ctx context.Context, tenantID string) ([]quickwin.QuickWin, error)
	QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error)
	Reports(ctx context.Context, tenantID string, f quickwin.ReportFilter) ([]quickwin.Report, error)
}

// Queue is the dispatcher's side of the outbox: claims and their outcome.
// Every method but ClaimOutbox acts only while owner holds the claim and
// returns an error with code ECONFLICT otherwise.
type Queue interface {
	ClaimOutbox(ctx context.Context, owner string, limit int, now time.Time, lease time.Duration) ([]quickwin.OutboxMessage, error)
	MarkSent(ctx context.Context, owner, key string) error
	MarkRetry(ctx context.Context, owner, key string, next time.Time, reason string) error
	Postpone(ctx context.Context, owner, key string, next time.Time, reason string) error
	MarkFailed(ctx context.Context, owner, key, reason string) error
	// RenewClaims extends every claim owner holds to until, and reports how
	// many it holds.
	RenewClaims(ctx context.Context, owner string, until time.Time) (int64, error)
	// ReleaseClaims gives every message owner holds back, due at now: on a
	// clean stop, and at the start of an instance with the same identity
	// (what its predecessor held is not being sent by anyone).
	ReleaseClaims(ctx context.Context, owner string, now time.Time) (int64, error)
}

// JobRuns records job runs under a unique (job, tenant, scheduled time) key.
type JobRuns interface {
	// StartJobRun reports whether owner may run the job as of scheduled:
	// false when it ran already or is running elsewhere.
	StartJobRun(ctx context.Context, job, tenantID string, scheduled time.Time, owner string) (bool, error)
	FinishJobRun(ctx context.Context, job, tenantID string, scheduled time.Time, owner string, enqueued int, runErr error) error
}

// Leases are what the Elector takes and renews (store.Store).
type Leases interface {
	TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error
}

// Pruner deletes old outbox messages and job runs; the lease holder calls
// it hourly. Optional.
type Pruner interface {
	PruneOutbox(ctx context.Context, before time.Time) (int64, error)
	PruneJobRuns(ctx context.Context, before time.Time) (int64, error)
}
