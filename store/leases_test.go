package store_test

import (
	"quickwin"
	"sync"
	"testing"
	"time"

	"quickwin/store/storetest"
)

func TestLeaseTakeRenewExpireRelease(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	take := func(owner string) bool {
		t.Helper()
		ok, err := s.TakeLease(ctx, "scheduler", owner, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !take("a") {
		t.Fatal("a could not take a free lease")
	}
	if take("b") {
		t.Fatal("b took a's lease")
	}
	now = now.Add(20 * time.Second)
	if !take("a") {
		t.Fatal("a could not renew")
	}
	now = now.Add(29 * time.Second) // 49 s: a renewed at 20 s, so held until 50 s
	if take("b") {
		t.Fatal("b took a renewed lease")
	}
	now = now.Add(2 * time.Second) // a died: expired
	if !take("b") {
		t.Fatal("b could not take an expired lease")
	}
	if take("a") {
		t.Fatal("a took b's lease back")
	}
	if err := s.ReleaseLease(ctx, "scheduler", "a"); err != nil { // not a's: no effect
		t.Fatal(err)
	}
	if l, _ := s.LeaseHolder(ctx, "scheduler"); l.Owner != "b" {
		t.Fatalf("holder %+v, want b", l)
	}
	if err := s.ReleaseLease(ctx, "scheduler", "b"); err != nil {
		t.Fatal(err)
	}
	if !take("a") {
		t.Fatal("a could not take a released lease")
	}
}

func TestLeaseFirstTakeRace(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	winners := 0
	for _, owner := range []string{"a", "b", "c", "d"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.TakeLease(ctx, "race", owner, time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				winners++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if winners != 1 {
		t.Errorf("%d owners hold the lease, want 1", winners)
	}
}
