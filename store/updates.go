package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
)

// processedUpdate records that a Telegram update was taken by one instance.
type processedUpdate struct {
	ID    int64     `bson:"_id"`
	Done  bool      `bson:"done"`
	At    time.Time `bson:"at"`
	Owner string    `bson:"owner"`
}

// UpdateRetryAfter is how long an update claimed by an instance that never
// finished it (it crashed) stays blocked before another may take it.
const UpdateRetryAfter = 2 * time.Minute

// ClaimUpdate records that this instance handles update id. It returns false
// when the update was handled already, or is being handled by someone else
// who started less than UpdateRetryAfter ago: then the caller does nothing.
func (s *Store) ClaimUpdate(ctx context.Context, id int64, owner string) (bool, error) {
	now := s.Now()
	_, err := s.c(colUpdates).InsertOne(ctx, processedUpdate{ID: id, At: now, Owner: owner})
	if err == nil {
		return true, nil
	}
	if quickwin.ErrorCode(wrap(err, "")) != quickwin.ECONFLICT {
		return false, wrap(err, "claim update")
	}
	// Seen before: take it over only if its handler died mid-way.
	res, err := s.c(colUpdates).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "done", Value: false}, {Key: "at", Value: bson.D{{Key: "$lt", Value: now.Add(-UpdateRetryAfter)}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "at", Value: now}, {Key: "owner", Value: owner}}}})
	if err != nil {
		return false, wrap(err, "claim update")
	}
	return res.ModifiedCount == 1, nil
}

// FinishUpdate marks a claimed update handled.
func (s *Store) FinishUpdate(ctx context.Context, id int64) error {
	_, err := s.c(colUpdates).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "done", Value: true}}}})
	return wrap(err, "finish update")
}

// ReleaseUpdate forgets a claim whose handling failed for a passing reason
// (database down), so that the redelivered update is handled.
func (s *Store) ReleaseUpdate(ctx context.Context, id int64) error {
	_, err := s.c(colUpdates).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return wrap(err, "release update")
}

// PruneUpdates deletes processed-update records older than before (24 h in
// production): Telegram never redelivers older ones, and the collection
// stays small.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.c(colUpdates).DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}})
	if err != nil {
		return 0, wrap(err, "prune updates")
	}
	return res.DeletedCount, nil
}
