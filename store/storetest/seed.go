package storetest

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin/store"
)

// Seeded opens a store on a fresh database (with its indexes, as in
// production) and returns it with insert, which writes documents straight
// into a collection in batches: far faster than the services, for the
// large regencies of benchmarks. Both are closed when the test ends.
func Seeded(tb testing.TB) (s *store.Store, insert func(col string, docs []any)) {
	tb.Helper()
	ctx := context.Background()
	cfg := Config(tb)
	s, err := store.Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close(ctx) })
	opts := options.Client().ApplyURI(cfg.URI)
	if cfg.PoolSize > 0 {
		opts.SetMaxPoolSize(cfg.PoolSize)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = client.Disconnect(ctx) })
	db := client.Database(cfg.Database)
	return s, func(col string, docs []any) {
		for len(docs) > 0 {
			batch := docs[:min(5000, len(docs))]
			docs = docs[len(batch):]
			if _, err := db.Collection(col).InsertMany(ctx, batch, options.InsertMany().SetOrdered(false)); err != nil {
				tb.Fatalf("seed %s: %v", col, err)
			}
		}
	}
}
