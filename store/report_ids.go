package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// This file reads one quick win's reports through the ids it lists
// (quickwin.QuickWin.ReportIDs, kept by ApplyReport), and fills that list
// in on quick wins stored before it existed.

func init() { dataMigrations = append(dataMigrations, (*Store).FillReportIDs) }

// reportsOfQuickWin implements Reports for one quick win: its listed
// reports, filtered and limited here, newest first. An unknown quick win
// has no reports.
func (s *Store) reportsOfQuickWin(ctx context.Context, tenantID string, f quickwin.ReportFilter) ([]quickwin.Report, error) {
	c, err := s.QuickWin(ctx, tenantID, f.QuickWinID)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	all, err := s.reportsListed(ctx, c)
	if err != nil {
		return nil, err
	}
	var out []quickwin.Report
	for _, r := range all {
		if f.OPDCode != "" && r.OPDCode != f.OPDCode || f.State != "" && r.State != f.State ||
			!f.From.IsZero() && r.Date.Before(f.From) || !f.To.IsZero() && !r.Date.Before(f.To) {
			continue
		}
		out = append(out, r)
	}
	quickwin.NewestFirst(out)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// maxReportLookups is how many reports reportsListed looks up one by one;
// it reads a quick win with more with one filtered find. On the embedded
// database a look-up by _id makes SQLite (not FerretDB) read the _id of
// every report, ~25 ms for a regency's year of 10,800 on average, and the
// filtered find decodes every report, ~0.5 s.
const maxReportLookups = 16

// reportsListed reads the reports a quick win lists, in no order; a
// listed id without a report (or of another tenant or quick win) is left
// out. Up to maxReportLookups it looks each up by _id alone: the one
// filter the embedded database passes on to SQLite ({_id: {$in: ids}} is
// decoded document by document there). A real MongoDB answers either from
// an index.
func (s *Store) reportsListed(ctx context.Context, c *quickwin.QuickWin) ([]quickwin.Report, error) {
	var out []quickwin.Report
	if len(c.ReportIDs) > maxReportLookups {
		err := s.findAll(ctx, colReports, bson.D{{Key: "tenant", Value: c.TenantID}, {Key: "commitment", Value: c.ID}}, options.Find(), &out, "list reports of "+c.Code)
		return out, err
	}
	for _, id := range c.ReportIDs {
		var r quickwin.Report
		err := s.findOne(ctx, colReports, bson.D{{Key: "_id", Value: id}}, &r, "report "+id)
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		if r.TenantID == c.TenantID && r.QuickWinID == c.ID {
			out = append(out, r)
		}
	}
	return out, nil
}

// FillReportIDs lists their reports on the quick wins stored before quick
// wins did (those without a report_ids field) and returns how many it
// changed. Open runs it, so `quickwin migrate` and every start do; where
// there is nothing to fill it costs one projected read of the quick wins.
//
// Each quick win gets one write by _id that adds the ids to the set and
// bumps its version (and its reports' revision): an optimistic update of
// the same quick win in between (a report saved by another instance) then
// reads again, and nothing it listed is overwritten.
func (s *Store) FillReportIDs(ctx context.Context) (int, error) {
	start := time.Now()
	var old []struct {
		ID string `bson:"_id"`
	}
	err := s.findAll(ctx, colQuickWins, bson.D{{Key: "report_ids", Value: bson.D{{Key: "$exists", Value: false}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}), &old, "find quick wins without report ids")
	if err != nil || len(old) == 0 {
		return 0, err
	}
	var reports []quickwin.Report
	err = s.findAll(ctx, colReports, bson.D{}, options.Find().SetProjection(bson.D{
		{Key: "_id", Value: 1}, {Key: "commitment", Value: 1}, {Key: "created_at", Value: 1}}), &reports, "read report ids")
	if err != nil {
		return 0, err
	}
	lists := quickwin.ReportIDsByQuickWin(reports)
	for i, c := range old {
		ids := lists[c.ID]
		if ids == nil {
			ids = []string{}
		}
		_, err := s.c(colQuickWins).UpdateOne(ctx, bson.D{{Key: "_id", Value: c.ID}}, bson.D{
			{Key: "$addToSet", Value: bson.D{{Key: "report_ids", Value: bson.D{{Key: "$each", Value: ids}}}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}, {Key: "reports_rev", Value: 1}}}})
		if err != nil {
			return i, wrap(err, fmt.Sprintf("list the reports of quick win %s", c.ID))
		}
	}
	s.log.InfoContext(ctx, "quick wins now list their reports", "quick_wins", len(old), "reports", len(reports), "took", time.Since(start))
	return len(old), nil
}
