package store

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// A quick win's page lists all its reports. On the embedded database
// finding them reads every report of every quick win (about half a second
// for a regency's year of 10,800), so each quick win also has a report
// book: one document, keyed by the quick win's id, holding a copy of its
// reports as of a revision of the quick win (QuickWin.ReportsRev, counted
// by ApplyReport and MirrorVerification in the same write as the change
// they apply).
//
//   - The book is current while its revision equals the quick win's; a
//     reader never uses one that is not.
//   - The writer that moved the quick win from revision n-1 to n updates a
//     book at n-1 to n with the report it changed (noteReportChange);
//     when the book is at any other revision, it leaves it alone.
//   - A reader that finds no current book reads the quick win's reports
//     and stores them as the book of the revision it read the quick win
//     at. The reports were changed before the quick win counted the
//     change, so they are at least that recent; if they are more recent,
//     the quick win's revision has moved on and the book is not current.
//     Quick wins stored before books existed get theirs this way, at their
//     first reading.
//
// What is not copied: the evidence archive's marks on a report's evidence
// (sha256, content type), which the page does not show. A report whose
// change did not reach its quick win (the mirror failed and was logged)
// shows its earlier state until the quick win's next report change, as
// the quick win's own numbers do.
const colReportBooks = "quickwin_reports"

// reportBook is a copy of one quick win's reports at a revision.
type reportBook struct {
	ID       string // the quick win's
	TenantID string
	Rev      int
	Reports  []quickwin.Report
}

// reportBookDoc is a report book as stored: the reports are one BSON value
// in a binary field. Every update on the embedded database makes SQLite
// read the _id of every document of the collection, parsing each one; a
// long string parses several times faster than the same reports as nested
// documents, and the books are as large as all the reports together.
type reportBookDoc struct {
	ID       string `bson:"_id"`
	TenantID string `bson:"tenant"`
	Rev      int    `bson:"rev"`
	Reports  []byte `bson:"reports"` // BSON of reportList
}

type reportList struct {
	Reports []quickwin.Report `bson:"r"`
}

func (b reportBook) doc() (reportBookDoc, error) {
	if b.Reports == nil {
		b.Reports = []quickwin.Report{}
	}
	raw, err := bson.Marshal(reportList{Reports: b.Reports})
	return reportBookDoc{ID: b.ID, TenantID: b.TenantID, Rev: b.Rev, Reports: raw}, err
}

// QuickWinReports returns the reports of quick win c (as just read),
// newest first, from its report book when that is current (one look-up by
// _id) and from the reports themselves otherwise, which then become the
// book. Their evidence carries no archive marks (see above); Report and
// Reports return those.
func (s *Store) QuickWinReports(ctx context.Context, c *quickwin.QuickWin) ([]quickwin.Report, error) {
	b, err := s.reportBook(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if b != nil && b.TenantID == c.TenantID && b.Rev == c.ReportsRev {
		quickwin.NewestFirst(b.Reports)
		return b.Reports, nil
	}
	reports, err := s.Reports(ctx, c.TenantID, quickwin.ReportFilter{QuickWinID: c.ID})
	if err != nil {
		return nil, err
	}
	s.storeReportBook(ctx, reportBook{ID: c.ID, TenantID: c.TenantID, Rev: c.ReportsRev, Reports: reports})
	return reports, nil
}

// reportBook reads a quick win's report book; nil when it has none or
// it cannot be read (the next writer of it replaces it whole).
func (s *Store) reportBook(ctx context.Context, id string) (*reportBook, error) {
	var d struct {
		TenantID string        `bson:"tenant"`
		Rev      int           `bson:"rev"`
		Reports  bson.RawValue `bson:"reports"`
	}
	err := s.findOne(ctx, colReportBooks, bson.D{{Key: "_id", Value: id}}, &d, "report book "+id)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list reportList
	if _, raw, ok := d.Reports.BinaryOK(); !ok {
		err = fmt.Errorf("reports stored as %s", d.Reports.Type)
	} else {
		err = bson.Unmarshal(raw, &list)
	}
	if err != nil {
		s.log.WarnContext(ctx, "report book unreadable; it will be made again", "commitment", id, "err", err)
		return nil, nil
	}
	return &reportBook{ID: id, TenantID: d.TenantID, Rev: d.Rev, Reports: list.Reports}, nil
}

// storeReportBook writes a book whole. A failure is logged: the book is a
// copy, and the next reader makes it again.
func (s *Store) storeReportBook(ctx context.Context, b reportBook) {
	d, err := b.doc()
	if err == nil {
		_, err = s.c(colReportBooks).ReplaceOne(ctx, bson.D{{Key: "_id", Value: b.ID}}, d, options.Replace().SetUpsert(true))
	}
	if err != nil && !mongo.IsDuplicateKeyError(err) { // two first writers raced on the upsert: either book will do
		s.log.WarnContext(ctx, "report book not stored", "commitment", b.ID, "err", err)
	}
}

// noteReportChange updates the report book of quick win c, which r's
// change has just moved to its revision, when the book is at the revision
// before. On any other revision it leaves the book to the next reader.
func (s *Store) noteReportChange(ctx context.Context, c *quickwin.QuickWin, r *quickwin.Report) {
	b, err := s.reportBook(ctx, c.ID)
	if err != nil || b == nil || b.TenantID != c.TenantID || b.Rev != c.ReportsRev-1 {
		return
	}
	copied := *r
	if i := slices.IndexFunc(b.Reports, func(x quickwin.Report) bool { return x.ID == r.ID }); i >= 0 {
		b.Reports[i] = copied
	} else {
		b.Reports = append(b.Reports, copied)
	}
	b.Rev = c.ReportsRev
	s.storeReportBook(ctx, *b)
}
