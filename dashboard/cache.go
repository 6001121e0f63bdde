package dashboard

import (
	"context"
	"slices"
	"sync"
	"time"

	"quickwin"
	"quickwin/digest"
)

// DefaultCacheTTL is how long what a tenant's pages read in bulk — its
// judged quick wins — once read, serves the pages of every member of that
// tenant on this instance. A Rakor meeting opens forty slides in a row; a page at most a minute old is what a read-only
// dashboard can afford. The chat stays exact.
const DefaultCacheTTL = time.Minute

// tenantCache keeps one value per tenant for a while. It measures age on
// the system's monotonic clock, not on Config.Now: the program's clock may
// stand still in tests or jump in `job run`. Expired entries are dropped
// whenever a value is stored, so a tenant nobody looks at costs nothing.
type tenantCache[T any] struct {
	ttl     time.Duration // ≤ 0: no caching
	mu      sync.Mutex
	entries map[string]cached[T]
}

type cached[T any] struct {
	at time.Time
	v  T
}

// get returns the tenant's value, loading it when absent or expired.
// Callers must not change what it returns.
func (c *tenantCache[T]) get(tenantID string, load func() (T, error)) (T, error) {
	c.mu.Lock()
	e, ok := c.entries[tenantID]
	c.mu.Unlock()
	if ok && c.ttl > 0 && time.Since(e.at) <= c.ttl {
		return e.v, nil
	}
	v, err := load()
	if err != nil || c.ttl <= 0 {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]cached[T]{}
	}
	for id, old := range c.entries {
		if time.Since(old.at) > c.ttl {
			delete(c.entries, id)
		}
	}
	c.entries[tenantID] = cached[T]{at: time.Now(), v: v}
	return v, nil
}

// tracked returns the tenant's judged quick wins (active and done,
// evaluation fields only; one OPD's when opd is set), a copy the caller
// may change (EvaluateMonth moves their dates into the tenant's zone).
func (h *Handler) tracked(ctx context.Context, tenantID, opd string) ([]quickwin.QuickWin, error) {
	all, err := h.trackedCache.get(tenantID, func() ([]quickwin.QuickWin, error) {
		return h.cfg.Store.TrackedQuickWinsSummarised(ctx, tenantID, "", digest.JudgedStatuses...)
	})
	if err != nil {
		return nil, err
	}
	out := make([]quickwin.QuickWin, 0, len(all))
	for _, x := range all {
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
func activeOnly(cs []quickwin.QuickWin) []quickwin.QuickWin {
	return slices.DeleteFunc(cs, func(c quickwin.QuickWin) bool { return c.Status != quickwin.StatusActive })
}
