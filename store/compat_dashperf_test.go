package store_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin/store/storetest"
)

// TestCompatibilityDenormalised pins the query shapes behind the data the
// dashboard reads by _id instead of scanning (report ids on a quick win,
// a quick win's history document), on whichever database the tests run.
func TestCompatibilityDenormalised(t *testing.T) {
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
	col := db.Collection("h")
	at := time.Date(2027, 3, 31, 10, 0, 0, 0, time.UTC)

	t.Run("$exists false tells a missing field from a null one", func(t *testing.T) {
		if _, err := col.InsertMany(ctx, []any{
			bson.D{{Key: "_id", Value: "old"}, {Key: "tenant", Value: "t"}},
			bson.D{{Key: "_id", Value: "new"}, {Key: "tenant", Value: "t"}, {Key: "ids", Value: nil}},
			bson.D{{Key: "_id", Value: "full"}, {Key: "tenant", Value: "t"}, {Key: "ids", Value: bson.A{"r1"}}},
		}); err != nil {
			t.Fatal(err)
		}
		cur, err := col.Find(ctx, bson.D{{Key: "tenant", Value: "t"}, {Key: "ids", Value: bson.D{{Key: "$exists", Value: false}}}})
		if err != nil {
			t.Fatal(err)
		}
		var got []bson.M
		if err := cur.All(ctx, &got); err != nil || len(got) != 1 || got[0]["_id"] != "old" {
			t.Errorf("missing ids: got %v (%v), want only old", got, err)
		}
	})
	t.Run("upsert by _id with $addToSet $each of subdocuments, $setOnInsert and $set", func(t *testing.T) {
		line := func(id string) bson.D {
			return bson.D{{Key: "id", Value: id}, {Key: "at", Value: at}, {Key: "actor", Value: "m1"}, {Key: "action", Value: "commitment.report"}}
		}
		add := func(set bson.D, lines ...bson.D) {
			t.Helper()
			each := bson.A{}
			for _, l := range lines {
				each = append(each, l)
			}
			update := bson.D{{Key: "$addToSet", Value: bson.D{{Key: "lines", Value: bson.D{{Key: "$each", Value: each}}}}},
				{Key: "$setOnInsert", Value: bson.D{{Key: "tenant", Value: "t"}}}}
			if set != nil {
				update = append(update, bson.E{Key: "$set", Value: set})
			}
			if _, err := col.UpdateOne(ctx, bson.D{{Key: "_id", Value: "hist"}}, update, options.UpdateOne().SetUpsert(true)); err != nil {
				t.Fatal(err)
			}
		}
		add(nil, line("a2"))                                                // a push creates the document
		add(bson.D{{Key: "complete", Value: true}}, line("a1"), line("a2")) // a rebuild adds what was missing, once
		add(nil, line("a2"))                                                // a replayed push adds nothing
		var got struct {
			Tenant   string `bson:"tenant"`
			Complete bool   `bson:"complete"`
			Lines    []struct {
				ID string    `bson:"id"`
				At time.Time `bson:"at"`
			} `bson:"lines"`
		}
		if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: "hist"}}).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if got.Tenant != "t" || !got.Complete || len(got.Lines) != 2 || got.Lines[0].ID != "a2" || got.Lines[1].ID != "a1" || !got.Lines[1].At.Equal(at) {
			t.Errorf("history document: got %+v", got)
		}
	})
}

// TestCompatibilityAddToSetCreatesEmptyArray pins that $addToSet with an
// empty $each on a missing field leaves an empty array: the migration that
// lists each quick win's reports relies on it for quick wins without any.
func TestCompatibilityAddToSetCreatesEmptyArray(t *testing.T) {
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
	col := db.Collection("q")
	if _, err := col.InsertOne(ctx, bson.D{{Key: "_id", Value: "q1"}, {Key: "version", Value: 3}}); err != nil {
		t.Fatal(err)
	}
	_, err = col.UpdateOne(ctx, bson.D{{Key: "_id", Value: "q1"}}, bson.D{
		{Key: "$addToSet", Value: bson.D{{Key: "report_ids", Value: bson.D{{Key: "$each", Value: bson.A{}}}}}},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil {
		t.Fatal(err)
	}
	var got bson.M
	if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: "q1"}}).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if ids, ok := got["report_ids"].(bson.A); !ok || len(ids) != 0 || got["version"] != int32(4) {
		t.Errorf("got %#v, want an empty report_ids and version 4", got)
	}
}
