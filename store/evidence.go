package store

import (
	"context"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// The evidence archive's records (quickwin.EvidenceArchive): one document
// per file of a report in "evidence", keyed by report and file id, so
// queueing a report again changes nothing; they are kept for good. The
// work — files still to fetch — is a copy of each new record in
// "evidence_queue", removed once the file is archived or abandoned, so the
// workers' claims read a small collection: on the embedded database every
// filtered read scans its collection, and a year of records (24,000 for a
// regency) made a claim take six seconds there. Workers claim as
// dispatchers claim the outbox (claims.go: a find, one conditional
// UpdateMany tagged with a token, a find of the token), so two workers
// never fetch the same file at once and a worker that dies loses nothing:
// its claim expires.
// Once archived, the file's hash is also written on the report's evidence,
// where the bot and the dashboard find it without reading the archive's
// records. The bytes live elsewhere (GridFSBlobs here, or files on disk).

const (
	colEvidence      = "evidence"
	colEvidenceQueue = "evidence_queue"
)

func init() {
	extraIndexes = append(extraIndexes,
		index{colEvidenceQueue, bson.D{{Key: "state", Value: 1}, {Key: "next_attempt", Value: 1}}, false},
		index{colEvidence, bson.D{{Key: "tenant", Value: 1}, {Key: "report", Value: 1}, {Key: "seq", Value: 1}}, false},
	)
}

// QueueEvidence implements quickwin.EvidenceArchive.
func (s *Store) QueueEvidence(ctx context.Context, r *quickwin.Report) error {
	if len(r.Evidence) == 0 {
		return nil
	}
	now := s.Now()
	recs := make([]any, len(r.Evidence))
	for i := range r.Evidence {
		recs[i] = quickwin.ReportEvidenceRecord(r, i, now)
	}
	_, err := s.recordAndQueue(ctx, recs)
	return err
}

// recordAndQueue inserts the records not recorded yet, queues those and
// says how many they were. Only files recorded just now are fetched: one
// recorded before is archived, or queued already.
func (s *Store) recordAndQueue(ctx context.Context, recs []any) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	fresh, err := s.insertNew(ctx, colEvidence, recs, "record evidence")
	if err != nil || len(fresh) == 0 {
		return 0, err
	}
	_, err = s.insertNew(ctx, colEvidenceQueue, fresh, "queue evidence")
	return len(fresh), err
}

// RequeueStranded implements quickwin.EvidenceArchive. It reads the whole
// archive once, so the worker calls it when it starts, not on every look.
func (s *Store) RequeueStranded(ctx context.Context) (int, error) {
	var pending []quickwin.EvidenceRecord
	if err := s.findAll(ctx, colEvidence, bson.D{{Key: "state", Value: quickwin.EvidencePending}}, options.Find(), &pending, "find pending evidence"); err != nil {
		return 0, err
	}
	if len(pending) == 0 {
		return 0, nil
	}
	docs := make([]any, len(pending))
	for i, r := range pending {
		docs[i] = r
	}
	fresh, err := s.insertNew(ctx, colEvidenceQueue, docs, "requeue evidence")
	return len(fresh), err
}

// evidenceQueue is the work of the archive's workers, claimed oldest
// first.
var evidenceQueue = workQueue{col: colEvidenceQueue, pending: quickwin.EvidencePending, taken: quickwin.EvidenceFetching,
	order: bson.D{{Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}, what: "evidence"}

// ClaimEvidence implements quickwin.EvidenceArchive, oldest first: see
// claim.
func (s *Store) ClaimEvidence(ctx context.Context, owner string, limit int, now time.Time, lease time.Duration) ([]quickwin.EvidenceRecord, error) {
	var out []quickwin.EvidenceRecord
	err := s.claim(ctx, evidenceQueue, owner, limit, now, lease, &out)
	return out, err
}

// MarkEvidenceArchived implements quickwin.EvidenceArchive: the record,
// then the report's evidence (by its position, which never changes: a
// correction only appends) or the step's, then the work is removed. A
// failure part-way leaves the file queued, and fetching it again changes
// nothing.
func (s *Store) MarkEvidenceArchived(ctx context.Context, r quickwin.EvidenceRecord, sum string, size int64, contentType string, at time.Time) error {
	_, err := s.c(colEvidence).UpdateOne(ctx, bson.D{{Key: "_id", Value: r.ID}}, bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "state", Value: quickwin.EvidenceArchived}, {Key: "sha256", Value: sum}, {Key: "size", Value: size},
			{Key: "content_type", Value: contentType}, {Key: "archived_at", Value: at}, {Key: "attempts", Value: r.Attempts + 1},
		}},
	})
	if err != nil {
		return wrap(err, "mark evidence archived")
	}
	if r.StepID != "" {
		err = s.markStepEvidence(ctx, r.TenantID, r.QuickWinID, r.StepID, r.FileID, sum, contentType) // evidence_steps.go
	} else {
		err = s.markReportEvidence(ctx, r, sum, contentType)
	}
	if err != nil {
		return err
	}
	_, err = s.c(colEvidenceQueue).DeleteOne(ctx, bson.D{{Key: "_id", Value: r.ID}})
	return wrap(err, "end evidence work")
}

// markReportEvidence writes an archived file's hash and type on its
// report's evidence.
func (s *Store) markReportEvidence(ctx context.Context, r quickwin.EvidenceRecord, sum, contentType string) error {
	where := "evidence." + strconv.Itoa(r.Seq) + "."
	_, err := s.c(colReports).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: r.ReportID}, {Key: where + "file_id", Value: r.FileID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: where + "sha256", Value: sum}, {Key: where + "content_type", Value: contentType}}}})
	return wrap(err, "mark report evidence archived")
}

// MarkEvidenceRetry implements quickwin.EvidenceArchive.
func (s *Store) MarkEvidenceRetry(ctx context.Context, id string, next time.Time, reason string) error {
	_, err := s.c(colEvidenceQueue).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.EvidencePending}, {Key: "next_attempt", Value: next}, {Key: "last_error", Value: reason}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	})
	return wrap(err, "mark evidence retry")
}

// MarkEvidenceAbandoned implements quickwin.EvidenceArchive.
func (s *Store) MarkEvidenceAbandoned(ctx context.Context, id, reason string) error {
	_, err := s.c(colEvidence).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.EvidenceAbandoned}, {Key: "last_error", Value: reason}}},
	})
	if err != nil {
		return wrap(err, "mark evidence abandoned")
	}
	_, err = s.c(colEvidenceQueue).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return wrap(err, "end evidence work")
}

// EvidenceOfReport implements quickwin.EvidenceArchive.
func (s *Store) EvidenceOfReport(ctx context.Context, tenantID, reportID string) ([]quickwin.EvidenceRecord, error) {
	var out []quickwin.EvidenceRecord
	err := s.findAll(ctx, colEvidence, bson.D{{Key: "tenant", Value: tenantID}, {Key: "report", Value: reportID}},
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}), &out, "read evidence of report")
	return out, err
}

// EvidenceOfTenant implements quickwin.EvidenceArchive.
func (s *Store) EvidenceOfTenant(ctx context.Context, tenantID string) ([]quickwin.EvidenceRecord, error) {
	var out []quickwin.EvidenceRecord
	err := s.findAll(ctx, colEvidence, bson.D{{Key: "tenant", Value: tenantID}},
		options.Find().SetSort(bson.D{{Key: "report", Value: 1}, {Key: "seq", Value: 1}}), &out, "read evidence of tenant")
	return out, err
}

var _ quickwin.EvidenceArchive = (*Store)(nil)
