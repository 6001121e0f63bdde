package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// location returns a tenant's time zone, cached: it never changes once the
// tenant exists.
func (s *Store) location(ctx context.Context, tenantID string) (*time.Location, error) {
	if loc, ok := s.locations.Load(tenantID); ok {
		return loc.(*time.Location), nil
	}
	t, err := s.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	loc := t.Location()
	s.locations.Store(tenantID, loc)
	return loc, nil
}

// findQuickWins reads quick wins of one tenant and puts their dates in
// the tenant's time zone (the database returns UTC; day math needs local
// days, see quickwin.QuickWin.In).
func (s *Store) findQuickWins(ctx context.Context, tenantID string, filter any, opts *options.FindOptionsBuilder, what string) ([]quickwin.QuickWin, error) {
	var out []quickwin.QuickWin
	if err := s.findAll(ctx, colQuickWins, filter, opts, &out, what); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	loc, err := s.location(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].In(loc)
	}
	return out, nil
}
