package digest

import (
	"context"
	"time"

	"quickwin"
)

// ReadStore is what the publisher reads. *store.Store satisfies it; every
// method is scoped to one tenant.
type ReadStore interface {
	Tenant(ctx context.Context, id string) (*quickwin.Tenant, error)
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error)
	OPD(ctx context.Context, tenantID, code string) (*quickwin.OPD, error)
	Members(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.Member, error)
	// QuickWins and ReportsDated return whole documents: the workbooks
	// show every field.
	QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error)
	ReportsDated(ctx context.Context, tenantID string, from, to time.Time) ([]quickwin.Report, error)
	// TrackedQuickWinsSummarised returns only the fields that
	// evaluations need, from per-OPD summaries the store keeps current
	// (no read of every quick win on the embedded database).
	TrackedQuickWinsSummarised(ctx context.Context, tenantID, opd string, statuses ...quickwin.Status) ([]quickwin.QuickWin, error)
	// AuditLog returns entries whose Before and After are plain Go values.
	AuditLog(ctx context.Context, tenantID string, from, to time.Time) ([]quickwin.AuditEntry, error)
	SaveLeaderboardSnapshot(ctx context.Context, tenantID string, isoYear, isoWeek int, takenAt time.Time, standings []quickwin.Standing) (bool, error)
	LeaderboardSnapshotBefore(ctx context.Context, tenantID string, isoYear, isoWeek int) (time.Time, []quickwin.Standing, error)
}

// Publisher renders digests, leaderboards, charts and workbooks from a
// ReadStore. It is safe for concurrent use.
type Publisher struct {
	store ReadStore
	clock quickwin.Clock
	paper Paper // of the workbooks and the PDF digest; A4 when empty
}

var _ quickwin.Publisher = (*Publisher)(nil)

// New returns a Publisher reading from store. clock is the program's clock
// (quickwin.SystemClock when nil): the digests judge schedules at its now
// ("Status per …", late, at risk), and file names and the workbooks' "made
// at" use it, so `job run --at TIME` renders everything as of TIME.
func New(store ReadStore, clock quickwin.Clock) *Publisher {
	if clock == nil {
		clock = quickwin.SystemClock{}
	}
	return &Publisher{store: store, clock: clock}
}

// now is the time on the publisher's clock.
func (p *Publisher) now() time.Time { return p.clock.Now() }

// tenant returns the tenant and its time zone.
func (p *Publisher) tenant(ctx context.Context, id string) (*quickwin.Tenant, *time.Location, error) {
	t, err := p.store.Tenant(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return t, t.Location(), nil
}

// WithPaper returns a copy of p that lays workbooks and PDFs out on paper.
func (p *Publisher) WithPaper(paper Paper) *Publisher {
	c := *p
	c.paper = paper
	return &c
}
