package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// The evidence archive's records (quickwin.EvidenceArchive): one document
// per file of a report, keyed by report and file id, so queueing a report
// again changes nothing. Workers claim due records the way dispatchers
// claim the outbox (a find, one conditional UpdateMany tagged with a token,
// a find of the token), so two workers never fetch the same file at once
// and a worker that dies loses nothing: its claim expires. The bytes live
// elsewhere (GridFSBlobs here, or files on disk), keyed by sha256.

const colEvidence = "evidence"

func init() {
	extraIndexes = append(extraIndexes,
		index{colEvidence, bson.D{{Key: "state", Value: 1}, {Key: "next_attempt", Value: 1}}, false},
		index{colEvidence, bson.D{{Key: "tenant", Value: 1}, {Key: "report", Value: 1}, {Key: "seq", Value: 1}}, false},
		index{colEvidence, bson.D{{Key: "tenant", Value: 1}, {Key: "file_id", Value: 1}}, false},
	)
}

// QueueEvidence implements quickwin.EvidenceArchive.
func (s *Store) QueueEvidence(ctx context.Context, r *quickwin.Report) error {
	if len(r.Evidence) == 0 {
		return nil
	}
	now := s.Now()
	docs := make([]any, 0, len(r.Evidence))
	for i, e := range r.Evidence {
		docs = append(docs, quickwin.EvidenceRecord{
			ID: quickwin.EvidenceRecordID(r.ID, e.FileID), TenantID: r.TenantID, ReportID: r.ID,
			CommitmentID: r.CommitmentID, OPDCode: r.OPDCode, ReporterID: r.ReporterID, ReportDate: r.Date,
			Seq: i, Evidence: e, State: quickwin.EvidencePending, NextAttempt: now, CreatedAt: now,
		})
	}
	// Unordered: a file already queued must not stop the others.
	_, err := s.c(colEvidence).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if err == nil || !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return wrap(err, "queue evidence")
	}
	for _, we := range bwe.WriteErrors {
		if we.Code != 11000 && we.Code != 11001 {
			return wrap(err, "queue evidence")
		}
	}
	return nil
}

// evidenceClaimable matches records a worker may take at now: pending and
// due, or claimed by a worker whose claim expired.
func evidenceClaimable(now time.Time) bson.E {
	return bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: "state", Value: quickwin.EvidencePending}, {Key: "next_attempt", Value: bson.D{{Key: "$lte", Value: now}}}},
		bson.D{{Key: "state", Value: quickwin.EvidenceFetching}, {Key: "claimed_until", Value: bson.D{{Key: "$lt", Value: now}}}},
	}}
}

// ClaimEvidence implements quickwin.EvidenceArchive, oldest first.
func (s *Store) ClaimEvidence(ctx context.Context, owner string, limit int, now time.Time, lease time.Duration) ([]quickwin.EvidenceRecord, error) {
	if limit <= 0 {
		return nil, nil
	}
	var cands []struct {
		ID string `bson:"_id"`
	}
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}).
		SetLimit(int64(limit)).SetProjection(bson.D{{Key: "_id", Value: 1}})
	if err := s.findAll(ctx, colEvidence, bson.D{evidenceClaimable(now)}, opts, &cands, "find due evidence"); err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, nil
	}
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
	}
	token := owner + "/" + newID()
	_, err := s.c(colEvidence).UpdateMany(ctx,
		bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}, evidenceClaimable(now)},
		bson.D{{Key: "$set", Value: bson.D{
			{Key: "state", Value: quickwin.EvidenceFetching}, {Key: "claimed_by", Value: owner},
			{Key: "claimed_until", Value: now.Add(lease)}, {Key: "claim", Value: token},
		}}})
	if err != nil {
		return nil, wrap(err, "claim evidence")
	}
	var out []quickwin.EvidenceRecord
	err = s.findAll(ctx, colEvidence, bson.D{{Key: "claim", Value: token}}, opts.SetProjection(nil), &out, "read claimed evidence")
	return out, err
}

// MarkEvidenceArchived implements quickwin.EvidenceArchive.
func (s *Store) MarkEvidenceArchived(ctx context.Context, id, sum string, size int64, contentType string, at time.Time) error {
	_, err := s.c(colEvidence).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "state", Value: quickwin.EvidenceArchived}, {Key: "sha256", Value: sum}, {Key: "size", Value: size},
			{Key: "content_type", Value: contentType}, {Key: "archived_at", Value: at}, {Key: "last_error", Value: ""},
		}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	})
	return wrap(err, "mark evidence archived")
}

// MarkEvidenceRetry implements quickwin.EvidenceArchive.
func (s *Store) MarkEvidenceRetry(ctx context.Context, id string, next time.Time, reason string) error {
	_, err := s.c(colEvidence).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.EvidencePending}, {Key: "next_attempt", Value: next}, {Key: "last_error", Value: reason}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	})
	return wrap(err, "mark evidence retry")
}

// MarkEvidenceAbandoned implements quickwin.EvidenceArchive.
func (s *Store) MarkEvidenceAbandoned(ctx context.Context, id, reason string) error {
	_, err := s.c(colEvidence).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.EvidenceAbandoned}, {Key: "last_error", Value: reason}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	})
	return wrap(err, "mark evidence abandoned")
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
		options.Find().SetSort(bson.D{{Key: "report", Value: 1}, {Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}), &out, "read evidence of tenant")
	return out, err
}

// EvidenceByFile implements quickwin.EvidenceArchive.
func (s *Store) EvidenceByFile(ctx context.Context, tenantID, fileID string) (*quickwin.EvidenceRecord, error) {
	var out quickwin.EvidenceRecord
	err := s.findOne(ctx, colEvidence, bson.D{{Key: "tenant", Value: tenantID}, {Key: "file_id", Value: fileID}, {Key: "state", Value: quickwin.EvidenceArchived}},
		&out, "evidence "+fileID)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

var _ quickwin.EvidenceArchive = (*Store)(nil)
