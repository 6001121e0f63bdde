package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// index describes one index. Unique indexes are only on fields every
// document has: the embedded database ignores `sparse`, and TTL and partial
// indexes exist on neither side we support, so expiry is a cleanup job.
type index struct {
	collection string
	keys       bson.D
	unique     bool
}

// indexes lists every index the code's queries rely on.
var indexes = []index{
	{colOPDs, bson.D{{Key: "tenant", Value: 1}, {Key: "code", Value: 1}}, true},
	{colMembers, bson.D{{Key: "tenant", Value: 1}, {Key: "tg_id", Value: 1}}, true},
	{colMembers, bson.D{{Key: "tg_id", Value: 1}}, false},
	{colMembers, bson.D{{Key: "tenant", Value: 1}, {Key: "opd", Value: 1}}, false},
	{colInvites, bson.D{{Key: "tenant", Value: 1}, {Key: "expires_at", Value: 1}}, false},
	{colGroups, bson.D{{Key: "tenant", Value: 1}}, false},
	{colQuickWins, bson.D{{Key: "tenant", Value: 1}, {Key: "code", Value: 1}}, true},
	{colQuickWins, bson.D{{Key: "tenant", Value: 1}, {Key: "opd", Value: 1}, {Key: "status", Value: 1}}, false},
	{colQuickWins, bson.D{{Key: "tenant", Value: 1}, {Key: "status", Value: 1}, {Key: "deadline", Value: 1}}, false},
	{colReports, bson.D{{Key: "tenant", Value: 1}, {Key: "commitment", Value: 1}, {Key: "date", Value: -1}}, false},
	{colReports, bson.D{{Key: "tenant", Value: 1}, {Key: "state", Value: 1}, {Key: "created_at", Value: 1}}, false},
	{colReports, bson.D{{Key: "tenant", Value: 1}, {Key: "date", Value: 1}}, false},
	{colQuestions, bson.D{{Key: "tenant", Value: 1}, {Key: "commitment", Value: 1}}, false},
	{colAudit, bson.D{{Key: "tenant", Value: 1}, {Key: "object", Value: 1}, {Key: "at", Value: 1}}, false},
	{colUpdates, bson.D{{Key: "at", Value: 1}}, false},
	{colConversations, bson.D{{Key: "updated_at", Value: 1}}, false},
}

// Migrate creates every collection's indexes. It is idempotent: creating an
// index that exists with the same keys does nothing. Indexes are created
// one call each: FerretDB v1 panics on a createIndexes call with several
// indexes when some of them exist already.
func (s *Store) Migrate(ctx context.Context) error {
	for _, ix := range append(append([]index{}, indexes...), extraIndexes...) {
		opts := options.Index()
		if ix.unique {
			opts.SetUnique(true)
		}
		if _, err := s.c(ix.collection).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: ix.keys, Options: opts}); err != nil {
			return wrap(err, fmt.Sprintf("create index %v on %s", ix.keys, ix.collection))
		}
	}
	return nil
}

// extraIndexes lets other files of this package (outbox, leases, ...) add
// their indexes next to the code that needs them.
var extraIndexes []index
