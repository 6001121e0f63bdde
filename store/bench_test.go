package store_test

import (
	"fmt"
	"log/slog"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

// BenchmarkOpenEmbedded measures start-up with the embedded database: start
// FerretDB on an existing data directory, connect, ping, ensure indexes.
func BenchmarkOpenEmbedded(b *testing.B) {
	dir := b.TempDir()
	quiet := slog.New(slog.DiscardHandler)
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	_ = s.Close(ctx)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		_ = s.Close(ctx)
		b.StartTimer()
	}
}

// BenchmarkInsertOne measures single inserts (one round trip each), the
// shape of every write the bot makes.
func BenchmarkInsertOne(b *testing.B) {
	s := storetest.New(b)
	col := rawCollection(b, s, "bench_insert")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := col.InsertOne(ctx, bson.D{{Key: "_id", Value: i}, {Key: "tenant", Value: "t"}, {Key: "opd", Value: fmt.Sprintf("OPD%02d", i%40)}, {Key: "v", Value: float64(i)}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "inserts/s")
}

// BenchmarkAggregate10k runs a $match + $group ($sum) over 10,000 documents.
func BenchmarkAggregate10k(b *testing.B) {
	s := storetest.New(b)
	col := rawCollection(b, s, "bench_agg")
	docs := make([]any, 10000)
	for i := range docs {
		docs[i] = bson.D{{Key: "_id", Value: i}, {Key: "tenant", Value: "t"}, {Key: "opd", Value: fmt.Sprintf("OPD%02d", i%40)}, {Key: "v", Value: float64(i % 100)}}
	}
	if _, err := col.InsertMany(ctx, docs); err != nil {
		b.Fatal(err)
	}
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "tenant", Value: "t"}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$opd"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: "$v"}}}}}},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cur, err := col.Aggregate(ctx, pipeline)
		if err != nil {
			b.Fatal(err)
		}
		var rows []bson.M
		if err := cur.All(ctx, &rows); err != nil || len(rows) != 40 {
			b.Fatalf("rows %d err %v", len(rows), err)
		}
	}
}

// BenchmarkCreateReport measures the bot's heaviest common write: a report
// stored and applied to its quick win (read, authorize, insert, replace).
func BenchmarkCreateReport(b *testing.B) {
	s := storetest.New(b)
	t, _ := s.EnsureTenant(ctx, "T", "Asia/Jakarta", "id")
	admin, _ := s.EnsureAdmin(ctx, t.ID, 1)
	_, _ = s.CreateOPD(ctx, admin, quickwin.OPD{TenantID: t.ID, Code: "DINKES", Name: "Dinas Kesehatan"})
	c := &quickwin.QuickWin{TenantID: t.ID, OPDCode: "DINKES", Title: "Bench", Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter,
		Target: 100, Status: quickwin.StatusActive, Start: s.Now(), Deadline: s.Now().AddDate(0, 6, 0)}
	if err := s.CreateQuickWin(ctx, admin, c); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := float64(i % 100)
		if _, err := s.CreateReport(ctx, admin, &quickwin.Report{TenantID: t.ID, QuickWinID: c.ID, Value: &v}); err != nil {
			b.Fatal(err)
		}
	}
}

func rawCollection(b *testing.B, s *store.Store, name string) *mongo.Collection {
	b.Helper()
	return s.Collection(name)
}
