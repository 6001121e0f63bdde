package store_test

import (
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
)

func TestLeaderboardSnapshots(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tid := f.tenant.ID
	if _, _, err := f.s.LeaderboardSnapshotBefore(ctx, tid, 2027, 14); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Fatalf("no snapshot yet: err = %v, want ENOTFOUND", err)
	}
	w12 := []quickwin.Standing{{OPDCode: "A", OPDName: "Alpha", Score: 80, Rank: 1}, {OPDCode: "B", OPDName: "Beta", Score: 70.25, Rank: 2}}
	at12 := time.Date(2027, 3, 22, 1, 0, 0, 0, time.UTC)
	saved, err := f.s.SaveLeaderboardSnapshot(ctx, tid, 2027, 12, at12, w12)
	if err != nil || !saved {
		t.Fatalf("first save: %v, %v", saved, err)
	}
	// The same week again keeps the first ranking: idempotent.
	saved, err = f.s.SaveLeaderboardSnapshot(ctx, tid, 2027, 12, at12.Add(time.Hour), []quickwin.Standing{{OPDCode: "B", Rank: 1}})
	if err != nil || saved {
		t.Fatalf("second save of the week: %v, %v; want false, nil", saved, err)
	}
	// Week 14 falls back to the range query (week 13 is missing).
	at, got, err := f.s.LeaderboardSnapshotBefore(ctx, tid, 2027, 14)
	if err != nil {
		t.Fatal(err)
	}
	if !at.Equal(at12) || len(got) != 2 || got[0] != w12[0] || got[1] != w12[1] {
		t.Errorf("before week 14: %v %+v, want week 12's", at, got)
	}
	at13 := at12.AddDate(0, 0, 7)
	if _, err := f.s.SaveLeaderboardSnapshot(ctx, tid, 2027, 13, at13, w12[:1]); err != nil {
		t.Fatal(err)
	}
	if at, got, _ := f.s.LeaderboardSnapshotBefore(ctx, tid, 2027, 14); !at.Equal(at13) || len(got) != 1 {
		t.Errorf("before week 14: %v %+v, want week 13's", at, got)
	}
	if at, _, _ := f.s.LeaderboardSnapshotBefore(ctx, tid, 2027, 13); !at.Equal(at12) {
		t.Errorf("before week 13: %v, want week 12's", at)
	}
	if _, _, err := f.s.LeaderboardSnapshotBefore(ctx, "other-tenant", 2027, 14); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("other tenant: err = %v, want ENOTFOUND", err)
	}
}

func TestLeaderboardSnapshotsAcrossTheYear(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// 2026 has 53 ISO weeks; the week before 2027-W01 is 2026-W53.
	at := time.Date(2026, 12, 28, 1, 0, 0, 0, time.UTC)
	if y, w := at.ISOWeek(); y != 2026 || w != 53 {
		t.Fatalf("test premise: %d-W%d", y, w)
	}
	if _, err := f.s.SaveLeaderboardSnapshot(ctx, f.tenant.ID, 2026, 53, at, nil); err != nil {
		t.Fatal(err)
	}
	if got, _, err := f.s.LeaderboardSnapshotBefore(ctx, f.tenant.ID, 2027, 1); err != nil || !got.Equal(at) {
		t.Errorf("before 2027-W01: %v, %v", got, err)
	}
	if store.WeekKey(2027, 4) != "2027-W04" {
		t.Errorf("WeekKey = %q", store.WeekKey(2027, 4))
	}
}
