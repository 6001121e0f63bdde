package scheduler_test

import (
	"fmt"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// BenchmarkBroadcast1000 sends 1,000 messages to 1,000 private chats
// through the outbox and the dispatcher against telegramtest with
// Telegram's limits enforced. Reported: seconds per broadcast, its ratio to
// the 1000/30 s minimum, and the 429 answers.
//
//	go test ./scheduler -run '^$' -bench Broadcast1000 -benchtime 1x
func BenchmarkBroadcast1000(b *testing.B) { benchBroadcast(b, 0) }

// BenchmarkBroadcast1000OneChatSlow is the same broadcast where one chat
// answers 429 with retry_after 40 at its first message: the other 999 must
// go out as fast as without it (the 429 pauses only that chat). Reported:
// the time of the other 999 against their 999/30 s minimum.
//
//	go test ./scheduler -run '^$' -bench Broadcast1000OneChatSlow -benchtime 1x
func BenchmarkBroadcast1000OneChatSlow(b *testing.B) { benchBroadcast(b, 10000) }

func benchBroadcast(b *testing.B, slowChat int64) {
	for range b.N {
		b.StopTimer()
		s := storetest.New(b)
		srv := telegramtest.New(b, telegramtest.WithTimeout(120*time.Second))
		srv.EnforceRateLimits(true)
		var msgs []quickwin.OutboxMessage
		for i := range 1000 {
			msgs = append(msgs, outMsg(fmt.Sprint("m", i), int64(10000+i), fmt.Sprint("Pengingat <b>", i, "</b>")))
		}
		if _, err := s.Enqueue(ctx, msgs...); err != nil {
			b.Fatal(err)
		}
		want := 1000
		if slowChat != 0 {
			srv.FailChat(slowChat, 1, telegramtest.Fault{Code: 429, RetryAfter: 40})
			want = 999
		}
		client := telegram.NewClient(telegram.ClientConfig{API: newBot(b, srv), Log: quiet})
		b.StartTimer()
		start := time.Now()
		stop := runDispatcher(b, scheduler.DispatcherConfig{Queue: s, Sender: client, Owner: "bench"})
		for i := range 1000 {
			if chat := int64(10000 + i); chat != slowChat {
				if _, err := srv.Await(b.Context(), func(x telegramtest.Sent) bool { return x.ChatID == chat }); err != nil {
					b.Fatal(err)
				}
			}
		}
		d := time.Since(start)
		b.StopTimer()
		stop()
		b.ReportMetric(d.Seconds(), "s/broadcast")
		b.ReportMetric(d.Seconds()/(float64(want)/30), "x-minimum")
		b.ReportMetric(float64(srv.Count429()), "429s")
	}
}

// BenchmarkReminderScan10k runs the reminder job over 10,000 quick wins of
// one tenant (1,000 of them active, each with three steps), 50 OPDs.
//
//	go test ./scheduler -run '^$' -bench ReminderScan10k -benchtime 5x
func BenchmarkReminderScan10k(b *testing.B) {
	cfg := storetest.Config(b)
	s, err := store.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	f := newFixtureOn(b, s)
	client, err := mongo.Connect(options.Client().ApplyURI(cfg.URI).SetMaxPoolSize(1))
	if err != nil {
		b.Fatal(err)
	}
	defer client.Disconnect(ctx)
	col := client.Database(cfg.Database).Collection("commitments")
	now := wib(2027, 4, 14, 7, 0)
	var docs []any
	for i := range 10000 {
		status := quickwin.StatusDone
		if i%10 == 0 {
			status = quickwin.StatusActive
		}
		dl := now.AddDate(0, 0, i%60-20)
		c := quickwin.QuickWin{
			ID: fmt.Sprintf("c%05d", i), TenantID: f.tenant.ID, Code: fmt.Sprintf("OPD%02d-%04d", i%50, i), OPDCode: "DINKES",
			Title: "Quick win " + fmt.Sprint(i), Year: 2027, Kind: quickwin.KindMilestone, Status: status,
			Start: wib(2027, 1, 1, 0, 0), Deadline: dl,
		}
		for k := range 3 {
			c.Steps = append(c.Steps, quickwin.Step{ID: fmt.Sprint("s", k), Title: "Langkah", Due: dl.AddDate(0, 0, -7*k)})
		}
		docs = append(docs, c)
	}
	if _, err := col.InsertMany(ctx, docs); err != nil {
		b.Fatal(err)
	}
	j := f.jobs()
	b.ResetTimer()
	for range b.N {
		if _, err := j.Reminders(ctx, f.tenant, now); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cands, _ := s.ReminderCandidates(ctx, f.tenant.ID)
	b.ReportMetric(float64(len(cands)), "active")
}
