package store

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// FillCopies makes the report books (report_book.go) and histories
// (history.go) that quick wins stored before them lack, and returns how
// many of each it made. Readers make a missing one at its first reading,
// which costs one scan of every report or audit entry (about half a second
// each for a regency's year on the embedded database); this makes all of
// them with one scan of each, so that no first reading pays. `quickwin
// migrate` runs it; it is idempotent.
//
// Each copy is inserted, never replaced: where a writer or a reader made
// one meanwhile, the insert fails and theirs stays. The copies follow the
// same rules as a reader's: a book holds the reports read after the quick
// win's revision, and a history the audit entries read before any entry
// written later adds its own line.
func (s *Store) FillCopies(ctx context.Context) (books, histories int, err error) {
	haveBooks, err := s.copyIDs(ctx, colReportBooks)
	if err != nil {
		return 0, 0, err
	}
	haveHistories, err := s.copyIDs(ctx, colHistory)
	if err != nil {
		return 0, 0, err
	}
	// The quick wins (and their revisions) before their reports and audit
	// entries: see above.
	qws, err := s.quickWinRevs(ctx)
	if err != nil {
		return 0, 0, err
	}
	if books, err = s.fillReportBooks(ctx, qws, haveBooks); err != nil {
		return books, 0, err
	}
	histories, err = s.fillHistories(ctx, qws, haveHistories)
	return books, histories, err
}

// quickWinRevs lists every quick win with its tenant and reports' revision.
func (s *Store) quickWinRevs(ctx context.Context) ([]quickWinRev, error) {
	var qws []quickWinRev
	err := s.findAll(ctx, colQuickWins, bson.D{}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "tenant", Value: 1}, {Key: "reports_rev", Value: 1}}), &qws, "list quick wins")
	return qws, err
}

type quickWinRev struct {
	ID         string `bson:"_id"`
	TenantID   string `bson:"tenant"`
	ReportsRev int    `bson:"reports_rev"`
}

// fillReportBooks makes the report books of the quick wins qws that have
// none in have.
func (s *Store) fillReportBooks(ctx context.Context, qws []quickWinRev, have map[string]bool) (int, error) {
	if !slices.ContainsFunc(qws, func(c quickWinRev) bool { return !have[c.ID] }) {
		return 0, nil
	}
	var reports []quickwin.Report
	if err := s.findAll(ctx, colReports, bson.D{}, options.Find(), &reports, "read reports"); err != nil {
		return 0, err
	}
	byQW := map[string][]quickwin.Report{}
	for _, r := range reports {
		byQW[r.QuickWinID] = append(byQW[r.QuickWinID], r)
	}
	var docs []any
	for _, c := range qws {
		if have[c.ID] {
			continue
		}
		rs := byQW[c.ID]
		quickwin.NewestFirst(rs)
		d, err := reportBook{ID: c.ID, TenantID: c.TenantID, Rev: c.ReportsRev, Reports: rs}.doc()
		if err != nil {
			return 0, fmt.Errorf("report book of %s: %w", c.ID, err)
		}
		docs = append(docs, d)
	}
	return s.insertCopies(ctx, colReportBooks, docs)
}

// fillHistories makes the histories of the quick wins qws that have none
// in have.
func (s *Store) fillHistories(ctx context.Context, qws []quickWinRev, have map[string]bool) (int, error) {
	if !slices.ContainsFunc(qws, func(c quickWinRev) bool { return !have[c.ID] }) {
		return 0, nil
	}
	var entries []quickwin.AuditEntry
	err := s.findAll(ctx, colAudit, bson.D{{Key: "kind", Value: "commitment"}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "tenant", Value: 1}, {Key: "at", Value: 1}, {Key: "actor", Value: 1},
			{Key: "action", Value: 1}, {Key: "kind", Value: 1}, {Key: "object", Value: 1}, {Key: "reason", Value: 1}}), &entries, "read audit log")
	if err != nil {
		return 0, err
	}
	byQW := map[string][]string{}
	for _, e := range entries {
		byQW[e.ObjectID] = append(byQW[e.ObjectID], lineOf(e).String())
	}
	var docs []any
	for _, c := range qws {
		if have[c.ID] {
			continue
		}
		lines := byQW[c.ID]
		if lines == nil {
			lines = []string{}
		}
		docs = append(docs, historyDoc{ID: c.ID, TenantID: c.TenantID, Complete: true, Lines: lines})
	}
	return s.insertCopies(ctx, colHistory, docs)
}

// copyIDs returns the ids of the documents in a collection of copies.
func (s *Store) copyIDs(ctx context.Context, col string) (map[string]bool, error) {
	var ids []struct {
		ID string `bson:"_id"`
	}
	if err := s.findAll(ctx, col, bson.D{}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}), &ids, "list "+col); err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, d := range ids {
		out[d.ID] = true
	}
	return out, nil
}

// insertCopies inserts copies in batches, leaving out those whose _id
// exists by now, and returns how many it inserted.
func (s *Store) insertCopies(ctx context.Context, col string, docs []any) (int, error) {
	n := 0
	for from := 0; from < len(docs); from += importBatch {
		fresh, err := s.insertNew(ctx, col, docs[from:min(from+importBatch, len(docs))], "fill "+col)
		n += len(fresh)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
