package scheduler

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin/store/storetest"
)

func TestZZExp(t *testing.T) {
	ctx := context.Background()
	uri, _ := storetest.URI(t)
	conn := func() *mongo.Client {
		c, err := mongo.Connect(options.Client().ApplyURI(uri).SetMaxPoolSize(1))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1, c2 := conn(), conn()
	name := storetest.DatabaseName(t)
	col1 := c1.Database(name).Collection("outbox")
	col2 := c2.Database(name).Collection("outbox")
	defer c1.Database(name).Drop(ctx)
	_, _ = col1.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "state", Value: 1}, {Key: "next_attempt", Value: 1}}})
	now := time.Now()
	for _, n := range []int{200, 1000, 5000} {
		var docs []any
		for i := 0; i < n; i++ {
			docs = append(docs, bson.D{{Key: "_id", Value: fmt.Sprintf("k%d-%06d", n, i)}, {Key: "state", Value: "pending"}, {Key: "next_attempt", Value: now}, {Key: "priority", Value: 10}, {Key: "created_at", Value: now}, {Key: "text", Value: "hello world some text of a reminder message that is about 200 bytes long ................................................................."}})
		}
		t0 := time.Now()
		if _, err := col1.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false)); err != nil {
			t.Fatal(err)
		}
		t.Logf("n=%d insertMany %v", n, time.Since(t0))
		claim := func(col *mongo.Collection, owner string) (string, error) {
			var d bson.M
			err := col.FindOneAndUpdate(ctx, bson.D{{Key: "$or", Value: bson.A{
				bson.D{{Key: "state", Value: "pending"}, {Key: "next_attempt", Value: bson.D{{Key: "$lte", Value: time.Now()}}}},
				bson.D{{Key: "state", Value: "sending"}, {Key: "claimed_until", Value: bson.D{{Key: "$lt", Value: time.Now()}}}},
			}}}, bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: "sending"}, {Key: "claimed_by", Value: owner}, {Key: "claimed_until", Value: time.Now().Add(time.Minute)}}}, {Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}}},
				options.FindOneAndUpdate().SetSort(bson.D{{Key: "priority", Value: 1}, {Key: "created_at", Value: 1}}).SetReturnDocument(options.After)).Decode(&d)
			if err != nil {
				return "", err
			}
			return d["_id"].(string), nil
		}
		t0 = time.Now()
		for i := 0; i < 20; i++ {
			if _, err := claim(col1, "a"); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("n=%d claim FOAU avg %v", n, time.Since(t0)/20)
		t0 = time.Now()
		for b := 0; b < 5; b++ {
			var cands []struct{ ID string `bson:"_id"` }
			cur, err := col1.Find(ctx, bson.D{{Key: "$or", Value: bson.A{
				bson.D{{Key: "state", Value: "pending"}, {Key: "next_attempt", Value: bson.D{{Key: "$lte", Value: time.Now()}}}},
				bson.D{{Key: "state", Value: "sending"}, {Key: "claimed_until", Value: bson.D{{Key: "$lt", Value: time.Now()}}}},
			}}}, options.Find().SetSort(bson.D{{Key: "priority", Value: 1}, {Key: "created_at", Value: 1}}).SetLimit(30).SetProjection(bson.D{{Key: "_id", Value: 1}}))
			if err != nil { t.Fatal(err) }
			cur.All(ctx, &cands)
			ids := bson.A{}
			for _, c := range cands { ids = append(ids, c.ID) }
			tok := fmt.Sprint("tok", b, n)
			res, err := col1.UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}, {Key: "$or", Value: bson.A{
				bson.D{{Key: "state", Value: "pending"}, {Key: "next_attempt", Value: bson.D{{Key: "$lte", Value: time.Now()}}}},
				bson.D{{Key: "state", Value: "sending"}, {Key: "claimed_until", Value: bson.D{{Key: "$lt", Value: time.Now()}}}},
			}}}, bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: "sending"}, {Key: "claim", Value: tok}, {Key: "claimed_until", Value: time.Now().Add(time.Minute)}}}, {Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}}})
			if err != nil { t.Fatal(err) }
			var got []bson.M
			cur, err = col1.Find(ctx, bson.D{{Key: "claim", Value: tok}, {Key: "state", Value: "sending"}})
			if err != nil { t.Fatal(err) }
			cur.All(ctx, &got)
			if b == 0 { t.Logf("batch: %d cands, %d modified, %d got", len(cands), res.ModifiedCount, len(got)) }
		}
		t.Logf("n=%d batch claim of 30 avg %v", n, time.Since(t0)/5)
		t0 = time.Now()
		for i := 0; i < 20; i++ {
			col1.UpdateOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("k%d-%06d", n, i)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: "sent"}}}})
		}
		t.Logf("n=%d updateOne by _id avg %v", n, time.Since(t0)/20)
		t0 = time.Now()
		for i := 0; i < 20; i++ {
			col1.InsertOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("k%d-%06d", n, i)}})
		}
		t.Logf("n=%d dup insertOne avg %v", n, time.Since(t0)/20)
		if n == 200 {
			// concurrency: two connections claim concurrently
			var mu sync.Mutex
			got := map[string]int{}
			var wg sync.WaitGroup
			for _, c := range []*mongo.Collection{col1, col2, col1, col2} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						id, err := claim(c, "x")
						if err != nil {
							return
						}
						mu.Lock()
						got[id]++
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			dups := 0
			for _, v := range got {
				if v > 1 {
					dups++
				}
			}
			t.Logf("concurrent claims: %d ids, %d double-claimed", len(got), dups)
		}
		col1.DeleteMany(ctx, bson.D{})
	}
}
