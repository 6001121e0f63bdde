package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin/store/storetest"
)

// TestCompatibility pins every query shape and operator the store relies on,
// on whichever database the tests run (the embedded FerretDB by default, a
// real MongoDB with QW_TEST_MONGODB_URI). If a database upgrade breaks one,
// this test says which.
func TestCompatibility(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := compatDB(t)
	col := db.Collection("c")

	day := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	t.Run("unique compound index and duplicate key", func(t *testing.T) {
		_, err := col.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "tenant", Value: 1}, {Key: "code", Value: 1}}, Options: options.Index().SetUnique(true)})
		if err != nil {
			t.Fatal(err)
		}
		// Creating it again is a no-op (Migrate is idempotent).
		if _, err := col.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "tenant", Value: 1}, {Key: "code", Value: 1}}, Options: options.Index().SetUnique(true)}); err != nil {
			t.Fatalf("index again: %v", err)
		}
		doc := bson.D{{Key: "_id", Value: "a"}, {Key: "tenant", Value: "t"}, {Key: "code", Value: "X-01"}, {Key: "deadline", Value: day},
			{Key: "version", Value: 1}, {Key: "steps", Value: bson.A{bson.D{{Key: "id", Value: "s1"}, {Key: "due", Value: day}}}}}
		if _, err := col.InsertOne(ctx, doc); err != nil {
			t.Fatal(err)
		}
		_, err = col.InsertOne(ctx, bson.D{{Key: "_id", Value: "b"}, {Key: "tenant", Value: "t"}, {Key: "code", Value: "X-01"}})
		if !mongo.IsDuplicateKeyError(err) {
			t.Fatalf("duplicate code: got %v, want a duplicate key error", err)
		}
	})
	t.Run("nested arrays and dates round-trip; range, $in, sort, limit", func(t *testing.T) {
		var got struct {
			Deadline time.Time `bson:"deadline"`
			Steps    []struct {
				ID  string    `bson:"id"`
				Due time.Time `bson:"due"`
			} `bson:"steps"`
		}
		err := col.FindOne(ctx, bson.D{{Key: "tenant", Value: "t"}, {Key: "code", Value: bson.D{{Key: "$in", Value: bson.A{"X-01", "X-02"}}}},
			{Key: "deadline", Value: bson.D{{Key: "$gte", Value: day}, {Key: "$lt", Value: day.Add(time.Hour)}}}},
			options.FindOne().SetSort(bson.D{{Key: "code", Value: 1}})).Decode(&got)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Deadline.Equal(day) || len(got.Steps) != 1 || !got.Steps[0].Due.Equal(day) {
			t.Errorf("round trip: got %+v", got)
		}
		cur, err := col.Find(ctx, bson.D{}, options.Find().SetLimit(1).SetSort(bson.D{{Key: "_id", Value: -1}}))
		if err != nil {
			t.Fatal(err)
		}
		var all []bson.M
		if err := cur.All(ctx, &all); err != nil || len(all) != 1 {
			t.Errorf("limit: got %d docs, err %v", len(all), err)
		}
	})
	t.Run("conditional replace on version (optimistic update)", func(t *testing.T) {
		res, err := col.ReplaceOne(ctx, bson.D{{Key: "_id", Value: "a"}, {Key: "version", Value: 1}}, bson.D{{Key: "tenant", Value: "t"}, {Key: "code", Value: "X-01"}, {Key: "version", Value: 2}})
		if err != nil || res.MatchedCount != 1 {
			t.Fatalf("replace v1: %v, matched %d", err, res.MatchedCount)
		}
		res, err = col.ReplaceOne(ctx, bson.D{{Key: "_id", Value: "a"}, {Key: "version", Value: 1}}, bson.D{{Key: "version", Value: 3}})
		if err != nil || res.MatchedCount != 0 {
			t.Fatalf("stale replace matched: %v, matched %d", err, res.MatchedCount)
		}
	})
	t.Run("findOneAndUpdate: upsert, $inc, $setOnInsert, $exists, $unset", func(t *testing.T) {
		var c struct {
			N int `bson:"n"`
		}
		for want := 1; want <= 2; want++ {
			err := col.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: "seq"}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}, {Key: "$setOnInsert", Value: bson.D{{Key: "tenant", Value: "seq"}, {Key: "code", Value: "seq"}}}},
				options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&c)
			if err != nil || c.N != want {
				t.Fatalf("counter: got %d (%v), want %d", c.N, err, want)
			}
		}
		claim := func() error {
			return col.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: "seq"}, {Key: "used", Value: bson.D{{Key: "$exists", Value: false}}}},
				bson.D{{Key: "$set", Value: bson.D{{Key: "used", Value: 1}}}}).Err()
		}
		if err := claim(); err != nil {
			t.Fatalf("first claim: %v", err)
		}
		if err := claim(); err != mongo.ErrNoDocuments {
			t.Fatalf("second claim: got %v, want no documents", err)
		}
		if _, err := col.UpdateOne(ctx, bson.D{{Key: "_id", Value: "seq"}}, bson.D{{Key: "$unset", Value: bson.D{{Key: "used", Value: ""}}}}); err != nil {
			t.Fatal(err)
		}
		if err := claim(); err != nil {
			t.Fatalf("claim after $unset: %v", err)
		}
	})
	t.Run("bulk upserts and deleteMany", func(t *testing.T) {
		models := []mongo.WriteModel{
			mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "tenant", Value: "bulk"}, {Key: "code", Value: "A"}}).SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: "a"}}}, {Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: "bulkA"}}}}).SetUpsert(true),
			mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "tenant", Value: "bulk"}, {Key: "code", Value: "B"}}).SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: "b"}}}, {Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: "bulkB"}}}}).SetUpsert(true),
		}
		res, err := col.BulkWrite(ctx, models)
		if err != nil || res.UpsertedCount != 2 {
			t.Fatalf("bulk: %v, upserted %d", err, res.UpsertedCount)
		}
		del, err := col.DeleteMany(ctx, bson.D{{Key: "tenant", Value: "bulk"}})
		if err != nil || del.DeletedCount != 2 {
			t.Fatalf("deleteMany: %v, deleted %d", err, del.DeletedCount)
		}
	})
	t.Run("aggregate $match + $group with one $sum", func(t *testing.T) {
		for i, opd := range []string{"A", "A", "B"} {
			if _, err := db.Collection("agg").InsertOne(ctx, bson.D{{Key: "_id", Value: i}, {Key: "opd", Value: opd}, {Key: "tenant", Value: "t"}}); err != nil {
				t.Fatal(err)
			}
		}
		cur, err := db.Collection("agg").Aggregate(ctx, mongo.Pipeline{
			{{Key: "$match", Value: bson.D{{Key: "tenant", Value: "t"}}}},
			{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$opd"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
			{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			ID string `bson:"_id"`
			N  int    `bson:"n"`
		}
		if err := cur.All(ctx, &rows); err != nil || len(rows) != 2 || rows[0].N != 2 || rows[1].N != 1 {
			t.Errorf("group: %+v %v", rows, err)
		}
	})
	t.Run("concurrent $inc on one document loses nothing", func(t *testing.T) {
		// The embedded database loses concurrent writes over several
		// connections; with the pool size the store uses, none are lost.
		if _, err := col.InsertOne(ctx, bson.D{{Key: "_id", Value: "hot"}, {Key: "tenant", Value: "hot"}, {Key: "code", Value: "hot"}, {Key: "n", Value: 0}}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = col.UpdateOne(ctx, bson.D{{Key: "_id", Value: "hot"}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}})
			}()
		}
		wg.Wait()
		var got struct {
			N int `bson:"n"`
		}
		if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: "hot"}}).Decode(&got); err != nil || got.N != 20 {
			t.Errorf("n = %d (%v), want 20", got.N, err)
		}
	})
}

// compatDB is a database of its own for a compatibility test, through a
// bare client (not the store), dropped when the test ends.
func compatDB(t *testing.T) *mongo.Database {
	ctx := context.Background()
	uri, pool := storetest.URI(t)
	opts := options.Client().ApplyURI(uri)
	if pool > 0 {
		opts.SetMaxPoolSize(pool)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		t.Fatal(err)
	}
	db := client.Database(storetest.DatabaseName(t))
	t.Cleanup(func() { _ = db.Drop(ctx); _ = client.Disconnect(ctx) })
	return db
}
