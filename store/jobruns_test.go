package store_test

import (
	"errors"
	"quickwin"
	"testing"
	"time"

	"quickwin/store"
	"quickwin/store/storetest"
)

func TestJobRunOncePerScheduledTime(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 7, 0, 5, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	at := time.Date(2027, 3, 25, 7, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	start := func(owner string) bool {
		t.Helper()
		ok, err := s.StartJobRun(ctx, "reminders", "t1", at, owner)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !start("a") {
		t.Fatal("first start refused")
	}
	if start("b") {
		t.Fatal("second instance may run a running job")
	}
	if err := s.FinishJobRun(ctx, "reminders", "t1", at, "a", 12, nil); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if start("b") {
		t.Fatal("finished run started again")
	}
	// Another scheduled time is another run.
	if ok, _ := s.StartJobRun(ctx, "reminders", "t1", at.Add(24*time.Hour), "b"); !ok {
		t.Fatal("next day's run refused")
	}
	runs, err := s.JobRuns(ctx, "t1", 0)
	if err != nil || len(runs) != 2 {
		t.Fatalf("JobRuns = %d runs, %v", len(runs), err)
	}
	if r := runs[1]; !r.Done || r.Enqueued != 12 || r.Owner != "a" || !r.Scheduled.Equal(at) {
		t.Errorf("run %+v", r)
	}
}

func TestJobRunTakeover(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 7, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	at := now
	if ok, _ := s.StartJobRun(ctx, "digest", "t1", at, "a"); !ok {
		t.Fatal("start refused")
	}
	// a dies mid-run: b takes over only once the run is stale.
	now = now.Add(store.JobRunStale - time.Second)
	if ok, _ := s.StartJobRun(ctx, "digest", "t1", at, "b"); ok {
		t.Fatal("took over a fresh run")
	}
	now = now.Add(2 * time.Second)
	if ok, _ := s.StartJobRun(ctx, "digest", "t1", at, "b"); !ok {
		t.Fatal("stale run not taken over")
	}
	// b fails: the next try runs it again.
	if err := s.FinishJobRun(ctx, "digest", "t1", at, "b", 0, errors.New("publisher down")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.StartJobRun(ctx, "digest", "t1", at, "c"); !ok {
		t.Fatal("failed run not retried")
	}
	runs, _ := s.JobRuns(ctx, "t1", 1)
	if len(runs) != 1 || runs[0].Attempts != 3 || runs[0].Owner != "c" || runs[0].Failed {
		t.Errorf("run after takeovers: %+v", runs)
	}
	now = now.Add(40 * 24 * time.Hour)
	if n, err := s.PruneJobRuns(ctx, now.Add(-30*24*time.Hour)); err != nil || n != 1 {
		t.Errorf("PruneJobRuns = %d, %v", n, err)
	}
}
