package scheduler_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

func newScheduler(f *fixture, s *store.Store, owner string) *scheduler.Scheduler {
	return scheduler.New(scheduler.Config{
		Directory: s, Work: s, Outbox: s, Publisher: &fakePublisher{}, Runs: s, Pruner: s,
		Owner: owner, Clock: f.clock, Logger: quiet,
	})
}

// TestTwoInstancesDeliverOnce: two schedulers and two dispatchers on one
// database both run the same reminders; every reminder arrives once. On
// the embedded database both share one connection (it only serialises
// writers that do); with QW_TEST_MONGODB_URI each has its own.
func TestTwoInstancesDeliverOnce(t *testing.T) {
	t.Parallel()
	cfg := storetest.Config(t)
	s1, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Close(ctx)
	s2 := s1
	if cfg.PoolSize != 1 {
		if s2, err = store.Open(ctx, cfg); err != nil {
			t.Fatal(err)
		}
		defer s2.Close(ctx)
	}
	f := newFixtureOn(t, s1)
	s2.Clock = quickwin.ClockFunc(f.clock.Now)
	at := wib(2027, 4, 14, 7, 0)
	f.clock.Set(at)
	f.commitment(t, "DINKES", "Posyandu digital", wib(2027, 4, 21, 0, 0), wib(2027, 4, 17, 0, 0), wib(2027, 4, 14, 0, 0))
	f.commitment(t, "BAPPEDA", "Satu data", wib(2027, 4, 7, 0, 0))
	// The jobs run as of at; the outbox runs on the real clock (the
	// dispatchers pace real sends).
	f.clock.Set(time.Now())
	a, b := newScheduler(f, s1, "a"), newScheduler(f, s2, "b")
	var wg sync.WaitGroup
	ran := make([]bool, 2)
	for i, sc := range []*scheduler.Scheduler{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, _, err := sc.RunScheduled(ctx, quickwin.JobReminders, f.tenant.ID, at)
			if err != nil {
				t.Error(err)
			}
			ran[i] = ok
		}()
	}
	wg.Wait()
	if ran[0] == ran[1] {
		t.Fatalf("ran on a: %v, on b: %v; want exactly one", ran[0], ran[1])
	}
	keys := f.queued(t)
	// head+staff × (quick win d7, steps d3 and d0) + head2 o7 + leader and admin escalation
	if len(keys) != 9 {
		t.Fatalf("queued %d: %v", len(keys), keys)
	}
	srv := telegramtest.New(t)
	for i, s := range []*store.Store{s1, s2} {
		runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv)}),
			Owner: []string{"a", "b"}[i], Registerer: prometheus.NewRegistry(), Poll: 20 * time.Millisecond})
	}
	awaitSends(t, srv, len(keys))
	for _, k := range keys {
		waitState(t, s1, k, quickwin.OutboxSent)
	}
	count := map[string]int{}
	for _, x := range srv.Sent() {
		count[x.Text]++
	}
	if got := len(srv.Sent()); got != len(keys) {
		t.Errorf("%d sends for %d reminders", got, len(keys))
	}
	// The lease: one holds it, the other takes over once it expires.
	okA, _ := s1.TakeLease(ctx, scheduler.LeaseName, "a", 30*time.Second)
	okB, _ := s2.TakeLease(ctx, scheduler.LeaseName, "b", 30*time.Second)
	if !okA || okB {
		t.Errorf("lease a=%v b=%v", okA, okB)
	}
	f.clock.Set(f.clock.Now().Add(31 * time.Second))
	if okB, _ = s2.TakeLease(ctx, scheduler.LeaseName, "b", 30*time.Second); !okB {
		t.Error("b did not take over the expired lease")
	}
}

func TestCatchUpWithinGrace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.commitment(t, "DINKES", "Posyandu digital", wib(2027, 4, 21, 0, 0))
	sc := newScheduler(f, f.s, "a")
	// Wednesday 10:00: the 07:00 reminders were missed 3 h ago.
	f.clock.Set(wib(2027, 4, 14, 10, 0))
	n, err := sc.CatchUp(ctx)
	if err != nil || n != 1 {
		t.Fatalf("CatchUp = %d, %v; want 1 run", n, err)
	}
	runs, _ := f.s.JobRuns(ctx, f.tenant.ID, 0)
	if len(runs) != 1 || runs[0].Job != quickwin.JobReminders || !runs[0].Scheduled.Equal(wib(2027, 4, 14, 7, 0)) || runs[0].Enqueued != 2 {
		t.Fatalf("runs %+v", runs)
	}
	// Made up once only, also by a restarted instance.
	if n, _ := newScheduler(f, f.s, "b").CatchUp(ctx); n != 0 {
		t.Errorf("second catch-up made %d runs", n)
	}
	// Thursday 20:00: 07:00 was 13 h ago, beyond the 12 h grace.
	f.clock.Set(wib(2027, 4, 15, 20, 0))
	if n, _ := sc.CatchUp(ctx); n != 0 {
		t.Errorf("catch-up 13 h late made %d runs", n)
	}
	if runs, _ := f.s.JobRuns(ctx, f.tenant.ID, 0); len(runs) != 1 {
		t.Errorf("runs %+v", runs)
	}
}

func TestScheduleSpecsAndNextRuns(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "CRON_TZ=Asia/Jakarta 0 7 * * *", "@every 1h", "0 7 * *", "61 7 * * *"} {
		if scheduler.ValidateSpec(bad) == nil {
			t.Errorf("ValidateSpec(%q) accepted", bad)
		}
	}
	if err := scheduler.ValidateSpec("30 6 * * 1-5"); err != nil {
		t.Error(err)
	}
	tn := &quickwin.Tenant{ID: "t", TimeZone: "Asia/Makassar"}
	// Friday 16 April 2027 at 12:00 WITA; the 25th is a Sunday.
	now := time.Date(2027, 4, 16, 12, 0, 0, 0, mustLoc("Asia/Makassar"))
	next := map[string]string{}
	for _, u := range scheduler.NextRuns(tn, now) {
		next[u.Job] = u.Next.Format("Mon 2006-01-02 15:04")
	}
	want := map[string]string{
		quickwin.JobReminders:   "Mon 2027-04-19 07:00", // not on the weekend
		quickwin.JobPrompt:      "Fri 2027-04-23 09:00", // the 25th is a Sunday
		quickwin.JobNudge:       "Fri 2027-04-30 09:00", // 1 May is Labour Day (a Saturday too)
		quickwin.JobDigest:      "Wed 2027-05-05 08:00",
		quickwin.JobLeaderboard: "Mon 2027-04-19 08:00",
	}
	for job, w := range want {
		if next[job] != w {
			t.Errorf("%s next %s, want %s", job, next[job], w)
		}
	}
}

func TestSchedulerRunReloadsAndStops(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.clock.Set(time.Now())
	sc := newScheduler(f, f.s, "a")
	c, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	e := &scheduler.Elector{Leases: f.s, Name: scheduler.LeaseName, Owner: "a", TTL: 30 * time.Second, Renew: time.Second, Log: quiet}
	go func() { done <- e.Run(c, sc.Run) }()
	deadline := time.Now().Add(10 * time.Second)
	for !sc.Leader() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !sc.Leader() {
		t.Fatal("the only instance did not become leader")
	}
	if err := f.s.SetSchedules(ctx, f.admin, f.tenant.ID, map[string]string{quickwin.JobReminders: "15 6 * * *"}); err != nil {
		t.Fatal(err)
	}
	if err := sc.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if l, _ := f.s.LeaseHolder(ctx, scheduler.LeaseName); l.Until.After(time.Now()) {
		t.Errorf("lease not released: %+v", l)
	}
}
