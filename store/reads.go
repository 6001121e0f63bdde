package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// This file holds the projected reads of package digest (digests and the
// leaderboard). Each is scoped to one tenant, and to a period where one
// applies, and names the index that serves it on a real MongoDB. On the
// embedded database every find scans its whole collection (see
// ARCHITECTURE.md), so these reads fetch as few fields as possible and the
// callers read each collection once per rendering.

func init() {
	extraIndexes = append(extraIndexes,
		// AuditLog of a period: {tenant, object, at} cannot serve a range on
		// at without an object.
		index{colAudit, bson.D{{Key: "tenant", Value: 1}, {Key: "at", Value: 1}}, false},
	)
}

// trackedFields are the fields of a quick win that its evaluation (capaian,
// category, schedule status, score) and its line in a digest need. The
// description, indicator, budget and step evidence stay in the database.
var trackedFields = bson.D{
	{Key: "_id", Value: 1}, {Key: "tenant", Value: 1}, {Key: "code", Value: 1}, {Key: "opd", Value: 1},
	{Key: "title", Value: 1}, {Key: "year", Value: 1}, {Key: "kind", Value: 1}, {Key: "baseline", Value: 1},
	{Key: "target", Value: 1}, {Key: "unit", Value: 1}, {Key: "direction", Value: 1}, {Key: "quarters", Value: 1},
	{Key: "start", Value: 1}, {Key: "deadline", Value: 1}, {Key: "status", Value: 1},
	{Key: "steps.id", Value: 1}, {Key: "steps.title", Value: 1}, {Key: "steps.owner", Value: 1},
	{Key: "steps.due", Value: 1}, {Key: "steps.done_at", Value: 1},
	{Key: "last_value", Value: 1}, {Key: "last_report_at", Value: 1}, {Key: "last_report_id", Value: 1},
	{Key: "last_state", Value: 1}, {Key: "verified_value", Value: 1},
	{Key: "last_verified_at", Value: 1}, {Key: "reported_months", Value: 1},
}

// TrackedQuickWins returns a tenant's quick wins in the given statuses
// (every status when none is given), only one OPD's when opd is set, with
// only the fields in trackedFields, in no particular order, dates in the
// tenant's time zone.
//
// Index: {tenant, opd, status} when opd is set, else {tenant, status, deadline}.
func (s *Store) TrackedQuickWins(ctx context.Context, tenantID, opd string, statuses ...quickwin.Status) ([]quickwin.QuickWin, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if opd != "" {
		filter = append(filter, bson.E{Key: "opd", Value: opd})
	}
	if len(statuses) > 0 {
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}})
	}
	return s.findQuickWins(ctx, tenantID, filter, options.Find().SetProjection(trackedFields), "list tracked quick wins")
}

// The reads below leave the order to the caller on purpose. A find with a
// sort makes the database read every match before it answers; without one
// it streams matches in batches as it finds them. On the embedded database,
// which scans the whole collection, a sorted find over a large reports
// collection is one round trip longer than the client's timeout, while the
// same find unsorted is several shorter ones.

// ReportsDated returns a tenant's whole reports dated in [from, to) (a
// zero bound is open), in no particular order: the reports a workbook lists.
//
// Index: {tenant, date}.
func (s *Store) ReportsDated(ctx context.Context, tenantID string, from, to time.Time) ([]quickwin.Report, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if dates := dateRange(from, to); len(dates) > 0 {
		filter = append(filter, bson.E{Key: "date", Value: dates})
	}
	var out []quickwin.Report
	return out, s.findAll(ctx, colReports, filter, options.Find(), &out, "list reports")
}

// dateRange is the filter of [from, to) on a date field; a zero bound is open.
func dateRange(from, to time.Time) bson.D {
	d := bson.D{}
	if !from.IsZero() {
		d = append(d, bson.E{Key: "$gte", Value: from})
	}
	if !to.IsZero() {
		d = append(d, bson.E{Key: "$lt", Value: to})
	}
	return d
}

// AuditLog returns a tenant's audit entries with at in [from, to) (a zero
// bound is open), oldest first. Before and After are plain Go values —
// map[string]any, []any, time.Time, string, numbers, bool, nil — instead of
// the driver's BSON types, so that readers outside this package can compare
// and print them without importing the driver.
//
// Index: {tenant, at}; the entries are sorted here, not by the database
// (see above).
func (s *Store) AuditLog(ctx context.Context, tenantID string, from, to time.Time) ([]quickwin.AuditEntry, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if at := dateRange(from, to); len(at) > 0 {
		filter = append(filter, bson.E{Key: "at", Value: at})
	}
	var out []quickwin.AuditEntry
	if err := s.findAll(ctx, colAudit, filter, options.Find(), &out, "read audit log"); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b quickwin.AuditEntry) int { return a.At.Compare(b.At) })
	for i := range out {
		out[i].Before, out[i].After = plainValue(out[i].Before), plainValue(out[i].After)
	}
	return out, nil
}

// plainValue turns a decoded BSON value into plain Go values.
func plainValue(v any) any {
	switch x := v.(type) {
	case bson.D:
		m := make(map[string]any, len(x))
		for _, e := range x {
			m[e.Key] = plainValue(e.Value)
		}
		return m
	case bson.M:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = plainValue(e)
		}
		return m
	case bson.A:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = plainValue(e)
		}
		return a
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = plainValue(e)
		}
		return a
	case bson.DateTime:
		return x.Time().UTC()
	case bson.ObjectID:
		return x.Hex()
	case bson.Null, bson.Undefined:
		return nil
	case bson.Decimal128:
		return x.String()
	case nil, string, bool, int32, int64, float64, time.Time:
		return x
	}
	return fmt.Sprint(v)
}
