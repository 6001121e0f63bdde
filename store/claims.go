package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// workQueue is a collection of work that workers claim for a while: the
// outbox (dispatchers sending messages) and the evidence queue (workers
// fetching files). A document waits in the state pending until its
// next_attempt, and is taken while in the state taken until its
// claimed_until.
type workQueue struct {
	col            string
	pending, taken any    // the states, as the queue's documents store them
	order          bson.D // the order in which due work is claimed
	what           string // what it holds, for errors: "messages", "evidence"
}

// due matches the work a worker may take at now: pending and due, or
// taken by someone whose claim expired (it died or hung).
func (q workQueue) due(now time.Time) bson.E {
	return bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: "state", Value: q.pending}, {Key: "next_attempt", Value: bson.D{{Key: "$lte", Value: now}}}},
		bson.D{{Key: "state", Value: q.taken}, {Key: "claimed_until", Value: bson.D{{Key: "$lt", Value: now}}}},
	}}
}

// claim takes up to limit due documents of q for owner until now+lease, in
// q's order, and decodes them (now taken) into out. The claim is one
// conditional multi-document update that tags the documents with a token
// of this call, so two workers never hold the same document (each
// document's update is atomic and re-checks the condition); a document
// someone else took first is simply not returned. Three queries per batch
// rather than one per document: on the embedded database every filtered
// query scans the collection, and that scan is the cost.
func (s *Store) claim(ctx context.Context, q workQueue, owner string, limit int, now time.Time, lease time.Duration, out any) error {
	if limit <= 0 {
		return nil
	}
	var cands []struct {
		ID string `bson:"_id"`
	}
	opts := options.Find().SetSort(q.order).SetLimit(int64(limit)).SetProjection(bson.D{{Key: "_id", Value: 1}})
	if err := s.findAll(ctx, q.col, bson.D{q.due(now)}, opts, &cands, "find due "+q.what); err != nil {
		return err
	}
	if len(cands) == 0 {
		return nil
	}
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
	}
	token := owner + "/" + newID()
	_, err := s.c(q.col).UpdateMany(ctx,
		bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}, q.due(now)},
		bson.D{{Key: "$set", Value: bson.D{
			{Key: "state", Value: q.taken}, {Key: "claimed_by", Value: owner},
			{Key: "claimed_until", Value: now.Add(lease)}, {Key: "claim", Value: token},
		}}})
	if err != nil {
		return wrap(err, "claim "+q.what)
	}
	return s.findAll(ctx, q.col, bson.D{{Key: "claim", Value: token}}, opts.SetProjection(nil), out, "read claimed "+q.what)
}
