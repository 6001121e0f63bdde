package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// A lease lets one of several instances do something alone (run the
// schedules): a document {_id: name, owner, until} that its owner renews
// well before until. Another instance takes it only once until has passed,
// so when the holder dies the others take over within one TTL plus one
// renewal period. Leases need no clock agreement beyond the TTL: every
// instance compares until with its own clock.
//
// On the embedded database a lease is only exclusive among writers that
// share one connection (ARCHITECTURE.md): several instances need a real
// MongoDB, which is what several instances use anyway.

const colLeases = "leases"

// Lease is the state of a named lease.
type Lease struct {
	Name  string    `bson:"_id"`
	Owner string    `bson:"owner"`
	Until time.Time `bson:"until"`
}

// TakeLease takes the lease name for owner until now+ttl, or renews it if
// owner holds it, and reports whether owner holds it now. It is one
// conditional upsert: it matches when owner holds the lease or the lease
// expired; when someone else holds it, the upsert collides with the
// existing _id and that duplicate key means "not yours". Two instances
// racing for a lease that does not exist yet: one inserts it, the other
// gets the duplicate key.
func (s *Store) TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	now := s.Now()
	filter := bson.D{{Key: "_id", Value: name}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "owner", Value: owner}},
		bson.D{{Key: "until", Value: bson.D{{Key: "$lt", Value: now}}}},
	}}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "owner", Value: owner}, {Key: "until", Value: now.Add(ttl)}}}}
	var l Lease
	err := s.c(colLeases).FindOneAndUpdate(ctx, filter, update,
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&l)
	if err != nil {
		if quickwin.ErrorCode(wrap(err, "")) == quickwin.ECONFLICT {
			return false, nil
		}
		return false, wrap(err, "take lease "+name)
	}
	return l.Owner == owner, nil
}

// ReleaseLease gives the lease up if owner holds it, so that another
// instance takes over at its next try instead of after the TTL.
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error {
	_, err := s.c(colLeases).UpdateOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "owner", Value: owner}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "until", Value: time.Unix(0, 0).UTC()}}}})
	return wrap(err, "release lease "+name)
}

// LeaseHolder returns the lease (for health pages and `job list`). ENOTFOUND
// when nobody ever took it.
func (s *Store) LeaseHolder(ctx context.Context, name string) (*Lease, error) {
	var l Lease
	if err := s.findOne(ctx, colLeases, bson.D{{Key: "_id", Value: name}}, &l, "lease "+name); err != nil {
		return nil, err
	}
	return &l, nil
}
