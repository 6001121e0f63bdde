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

// TestCompatibilityDenormalised pins the query shapes behind the copies
// the dashboard reads by _id instead of scanning (a quick win's history
// and report book), on whichever database the tests run.
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
