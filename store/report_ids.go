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

// reportsByIDInEach makes reportsOfQuickWin read a quick win's reports one
// _id at a time (the embedded database's only indexed look-up) instead of
// with one {_id: {$in}} find (indexed on a real MongoDB, a scan on the
// embedded one). Tests set it to run either shape on either database.
var reportsByIDInEach func(s *Store) bool = (*Store).Embedded

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
	all, err := s.reportsByID(ctx, c.ReportIDs)
	if err != nil {
		return nil, err
	}
	var out []quickwin.Report
	for _, r := range all {
		if r.TenantID != tenantID || r.QuickWinID != c.ID ||
			f.OPDCode != "" && r.OPDCode != f.OPDCode || f.State != "" && r.State != f.State ||
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

// reportsByID reads the reports with the given ids, in no order; ids
// without a report are left out.
func (s *Store) reportsByID(ctx context.Context, ids []string) ([]quickwin.Report, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []quickwin.Report
	if !reportsByIDInEach(s) {
		return out, s.findAll(ctx, colReports, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}, options.Find(), &out, "list reports by id")
	}
	for _, id := range ids {
		var r quickwin.Report
		err := s.findOne(ctx, colReports, bson.D{{Key: "_id", Value: id}}, &r, "report "+id)
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// FillReportIDs lists their reports on the quick wins stored before quick
// wins did (those without a report_ids field) and returns how many it
// changed. Open runs it, so `quickwin migrate` and every start do; where
// there is nothing to fill it costs one projected read of the quick wins.
//
// Each quick win gets one write by _id that adds the ids to the set and
// bumps its version: an optimistic update of the same quick win in
// between (a report saved by another instance) then reads again, and
// nothing it listed is overwritten.
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
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
		if err != nil {
			return i, wrap(err, fmt.Sprintf("list the reports of quick win %s", c.ID))
		}
	}
	s.log.InfoContext(ctx, "quick wins now list their reports", "quick_wins", len(old), "reports", len(reports), "took", time.Since(start))
	return len(old), nil
}
