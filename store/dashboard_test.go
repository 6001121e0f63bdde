package store_test

import (
	"sync"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
)

func TestLeaderboardSnapshotRun(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other, err := f.s.CreateTenant(ctx, quickwin.Tenant{Name: "Siak", TimeZone: "Asia/Jakarta", Lang: "id"})
	if err != nil {
		t.Fatal(err)
	}
	for w := 10; w <= 14; w++ {
		st := []quickwin.Standing{{OPDCode: "A", OPDName: "Alpha", Score: float64(w), Rank: 1}}
		if _, err := f.s.SaveLeaderboardSnapshot(ctx, f.tenant.ID, 2027, w, time.Date(2027, 3, w, 1, 0, 0, 0, time.UTC), st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.SaveLeaderboardSnapshot(ctx, other.ID, 2027, 15, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.LeaderboardSnapshots(ctx, f.tenant.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Week != store.WeekKey(2027, 12) || got[2].Week != store.WeekKey(2027, 14) || got[2].Standings[0].Score != 14 {
		t.Errorf("latest three, oldest first: %+v", got)
	}
}

func TestUseOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	now := time.Date(2027, 4, 5, 8, 0, 0, 0, time.UTC)
	// Two instances racing on one credential: exactly one wins.
	var wg sync.WaitGroup
	wins := make(chan bool, 8)
	for range 8 {
		wg.Go(func() {
			first, err := f.s.UseOnce(ctx, "initdata:abc", now.Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			wins <- first
		})
	}
	wg.Wait()
	close(wins)
	n := 0
	for w := range wins {
		if w {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d first uses of one credential, want 1", n)
	}
	if _, err := f.s.UseOnce(ctx, "link:old", now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	pruned, err := f.s.PruneUsedOnce(ctx, now)
	if err != nil || pruned != 1 {
		t.Errorf("pruned %d, %v; want the expired one", pruned, err)
	}
	if first, _ := f.s.UseOnce(ctx, "initdata:abc", now.Add(time.Hour)); first {
		t.Error("a live record was pruned")
	}
}
