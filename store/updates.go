package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// processedUpdate records that a Telegram update was taken by one instance,
// under its key (telegram.Key: a message by chat and message id, a button
// press by callback id, else the update id), so that the same message
// delivered again under another update id is recognised too;
// a document with the same id in colFinished says it was handled. The two
// are separate collections so that the hot path (one claim, one batch of
// finishes) is inserts only: the embedded database answers a filtered
// update by scanning the collection, an insert by its unique index.
type processedUpdate struct {
	ID    string    `bson:"_id"`
	At    time.Time `bson:"at"`
	Owner string    `bson:"owner,omitempty"`
}

const colFinished = "finished_updates"

func init() {
	extraIndexes = append(extraIndexes, index{colFinished, bson.D{{Key: "at", Value: 1}}, false})
}

// UpdateRetryAfter is how long an update claimed by an instance that never
// finished it (it crashed) stays blocked before another may take it.
const UpdateRetryAfter = 2 * time.Minute

// ClaimUpdate records that this instance handles the update with key. It returns false
// when the update was handled already, or is being handled by someone else
// who started less than UpdateRetryAfter ago: then the caller does nothing.
func (s *Store) ClaimUpdate(ctx context.Context, id string, owner string) (bool, error) {
	now := s.Now()
	_, err := s.c(colUpdates).InsertOne(ctx, processedUpdate{ID: id, At: now, Owner: owner})
	if err == nil {
		return true, nil
	}
	if quickwin.ErrorCode(wrap(err, "")) != quickwin.ECONFLICT {
		return false, wrap(err, "claim update")
	}
	// Seen before (rare): take it over only if its handler died mid-way.
	n, err := s.c(colFinished).CountDocuments(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil || n > 0 {
		return false, wrap(err, "claim update")
	}
	res, err := s.c(colUpdates).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "at", Value: bson.D{{Key: "$lt", Value: now.Add(-UpdateRetryAfter)}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "at", Value: now}, {Key: "owner", Value: owner}}}})
	if err != nil {
		return false, wrap(err, "claim update")
	}
	return res.ModifiedCount == 1, nil
}

// FinishUpdates marks claimed updates handled, in one unordered insert;
// an update finished twice (two instances) is not an error.
func (s *Store) FinishUpdates(ctx context.Context, ids []string) error {
	now := s.Now()
	docs := make([]any, len(ids))
	for i, id := range ids {
		docs[i] = processedUpdate{ID: id, At: now}
	}
	_, err := s.c(colFinished).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return wrap(err, "finish updates")
	}
	return nil
}

// ReleaseUpdate forgets a claim whose handling failed for a passing reason
// (database down), so that the redelivered update is handled.
func (s *Store) ReleaseUpdate(ctx context.Context, id string) error {
	_, err := s.c(colUpdates).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return wrap(err, "release update")
}

// PruneUpdates deletes processed-update records older than before (24 h in
// production): Telegram never redelivers older ones, and the collection
// stays small.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) (int64, error) {
	old := bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}}
	res, err := s.c(colUpdates).DeleteMany(ctx, old)
	if err != nil {
		return 0, wrap(err, "prune updates")
	}
	if _, err := s.c(colFinished).DeleteMany(ctx, old); err != nil {
		return 0, wrap(err, "prune updates")
	}
	return res.DeletedCount, nil
}
