package dashboard

import (
	"context"
	"slices"
	"sync"
	"time"

	"quickwin"
	"quickwin/report"
)

// DefaultCacheTTL is how long a tenant's quick wins, once read, serve the
// pages of every member of that tenant on this instance. On the embedded
// database reading a regency's thousand quick wins takes about 0.3 s, and
// a Rakor meeting opens forty slides in a row; a page at most a minute
// old is what a read-only dashboard can afford. The chat stays exact.
const DefaultCacheTTL = time.Minute

// trackedCache keeps each tenant's judged quick wins (active and done,
// evaluation fields only) for a while. It measures age on the system's
// monotonic clock, not on Config.Now: the program's clock may stand still
// in tests or jump in `job run`.
type trackedCache struct {
	ttl     time.Duration // ≤ 0: no caching
	mu      sync.Mutex
	entries map[string]trackedEntry
}

type trackedEntry struct {
	at time.Time
	cs []quickwin.Commitment
}

// tracked returns the tenant's judged quick wins (one OPD's when opd is
// set), a copy the caller may change (EvaluateMonth moves their dates
// into the tenant's zone).
func (h *Handler) tracked(ctx context.Context, tenantID, opd string) ([]quickwin.Commitment, error) {
	c := &h.cache
	c.mu.Lock()
	e, ok := c.entries[tenantID]
	c.mu.Unlock()
	if !ok || c.ttl <= 0 || time.Since(e.at) > c.ttl {
		cs, err := h.cfg.Store.TrackedCommitments(ctx, tenantID, "", report.JudgedStatuses...)
		if err != nil {
			return nil, err
		}
		e = trackedEntry{at: time.Now(), cs: cs}
		if c.ttl > 0 {
			c.mu.Lock()
			if c.entries == nil {
				c.entries = map[string]trackedEntry{}
			}
			c.entries[tenantID] = e
			c.mu.Unlock()
		}
	}
	out := make([]quickwin.Commitment, 0, len(e.cs))
	for _, x := range e.cs {
		if opd != "" && x.OPDCode != opd {
			continue
		}
		x.Steps = slices.Clone(x.Steps)
		x.ReportedMonths = slices.Clone(x.ReportedMonths)
		out = append(out, x)
	}
	return out, nil
}

// activeOnly keeps the active quick wins (the leaderboard ranks those).
func activeOnly(cs []quickwin.Commitment) []quickwin.Commitment {
	return slices.DeleteFunc(cs, func(c quickwin.Commitment) bool { return c.Status != quickwin.StatusActive })
}
