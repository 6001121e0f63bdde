package store_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// TestCompatibilityDenormalised pins the query shapes behind the copies
// the dashboard reads by _id instead of scanning (a quick win's history
// and report book), on whichever database the tests run.
func TestCompatibilityDenormalised(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := compatDB(t)
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
	t.Run("binary value, update conditioned on a revision with $inc, upsert marking stale", func(t *testing.T) {
		blob, err := bson.Marshal(bson.D{{Key: "q", Value: bson.A{bson.D{{Key: "_id", Value: "c1"}, {Key: "deadline", Value: at}}}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := col.InsertOne(ctx, bson.D{{Key: "_id", Value: "t/OPD"}, {Key: "tenant", Value: "t"}, {Key: "rev", Value: 0}, {Key: "stale", Value: false}, {Key: "blob", Value: blob}}); err != nil {
			t.Fatal(err)
		}
		apply := func(rev int) int64 {
			t.Helper()
			res, err := col.UpdateOne(ctx, bson.D{{Key: "_id", Value: "t/OPD"}, {Key: "rev", Value: rev}},
				bson.D{{Key: "$set", Value: bson.D{{Key: "blob", Value: blob}}}, {Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}})
			if err != nil {
				t.Fatal(err)
			}
			return res.MatchedCount
		}
		if apply(0) != 1 || apply(0) != 0 {
			t.Error("an update conditioned on a revision matched twice")
		}
		for _, id := range []string{"t/OPD", "t/NEW"} {
			_, err := col.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "stale", Value: true}}},
				{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}, {Key: "$setOnInsert", Value: bson.D{{Key: "tenant", Value: "t"}}}}, options.UpdateOne().SetUpsert(true))
			if err != nil {
				t.Fatal(err)
			}
		}
		cur, err := col.Find(ctx, bson.D{{Key: "tenant", Value: "t"}, {Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{"t/OPD", "t/NEW"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		var got []struct {
			ID    string `bson:"_id"`
			Rev   int    `bson:"rev"`
			Stale bool   `bson:"stale"`
			Blob  []byte `bson:"blob"`
		}
		if err := cur.All(ctx, &got); err != nil || len(got) != 2 {
			t.Fatalf("got %+v (%v)", got, err)
		}
		for _, d := range got {
			want := map[string]int{"t/OPD": 2, "t/NEW": 1}[d.ID]
			if d.Rev != want || !d.Stale {
				t.Errorf("%s: rev %d stale %v, want rev %d and stale", d.ID, d.Rev, d.Stale, want)
			}
		}
		var body struct {
			Q []struct {
				ID       string    `bson:"_id"`
				Deadline time.Time `bson:"deadline"`
			} `bson:"q"`
		}
		for _, d := range got {
			if d.ID == "t/OPD" {
				if err := bson.Unmarshal(d.Blob, &body); err != nil || len(body.Q) != 1 || !body.Q[0].Deadline.Equal(at) {
					t.Errorf("binary round trip: %+v (%v)", body, err)
				}
			}
		}
	})
}
