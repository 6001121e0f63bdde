package digest

import (
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
)

func TestRankCountsFreshReportsOnly(t *testing.T) {
	t.Parallel()
	now := digestNow
	c := func(id, opd string, v float64, state quickwin.VerifyState, reportedDaysAgo int) quickwin.QuickWin {
		at := now.AddDate(0, 0, -reportedDaysAgo)
		c := quickwin.QuickWin{ID: id, OPDCode: opd, Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter,
			Target: 100, Status: quickwin.StatusActive, LastValue: &v, LastState: state, VerifiedValue: &v, LastReportAt: at}
		if state == quickwin.VerifyVerified {
			c.LastVerifiedAt = at
		}
		return c
	}
	commitments := []quickwin.QuickWin{
		c("a1", "A", 100, quickwin.VerifyVerified, 3),
		c("b1", "B", 100, quickwin.VerifyPending, 20),  // pending too long
		c("c1", "C", 100, quickwin.VerifyVerified, 31), // too old
		c("d1", "D", 100, quickwin.VerifyReturned, 10), // returned
	}
	opds := []quickwin.OPD{{Code: "D", Name: "Delta"}, {Code: "C", Name: "Charlie"}, {Code: "B", Name: "Bravo"}, {Code: "A", Name: "Alpha"}, {Code: "E", Name: "Echo"}}
	got := rank(opds, commitments, jakarta, now)
	want := []quickwin.Standing{
		{OPDCode: "A", OPDName: "Alpha", Score: 100, Rank: 1},
		{OPDCode: "B", OPDName: "Bravo", Score: 85, Rank: 2}, // ties: alphabetical
		{OPDCode: "C", OPDName: "Charlie", Score: 85, Rank: 3},
		{OPDCode: "D", OPDName: "Delta", Score: 85, Rank: 4},
		{OPDCode: "E", OPDName: "Echo", Score: 0, Unranked: true}, // no active quick win: not ranked
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rank %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

func TestMovement(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		was, is int
		want    string
	}{{3, 1, "▲2"}, {1, 2, "▼1"}, {4, 4, "="}, {0, 3, "new"}} {
		if got := Movement(locales.EN, tt.was, tt.is); got != tt.want {
			t.Errorf("Movement(%d → %d) = %q, want %q", tt.was, tt.is, got, tt.want)
		}
	}
	if got := Movement(locales.ID, 0, 3); got != "baru" {
		t.Errorf("a newly ranked OPD reads %q in Indonesian", got)
	}
}

func TestMedal(t *testing.T) {
	t.Parallel()
	for rank, want := range map[int]string{0: "", 1: "🥇", 2: "🥈", 3: "🥉", 4: ""} {
		if got := Medal(rank); got != want {
			t.Errorf("Medal(%d) = %q, want %q", rank, got, want)
		}
	}
}

func TestSnapshotLeaderboardIsWeeklyAndIdempotent(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	d, err := p.Leaderboard(ctx, f.tenant.ID, digestNow, "id")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Parts[0], "dibanding") || strings.ContainsAny(d.Parts[0], "▲▼") {
		t.Errorf("no snapshot yet, but movement is shown:\n%s", d.Parts[0])
	}
	// Monday's job snapshots twice (two instances); a later change in the
	// same week does not replace the first ranking.
	if err := p.SnapshotLeaderboard(ctx, f.tenant.ID, digestNow); err != nil {
		t.Fatal(err)
	}
	if err := p.SnapshotLeaderboard(ctx, f.tenant.ID, digestNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Still week 14: the movement is against an earlier week, so none yet.
	d, err = p.Leaderboard(ctx, f.tenant.ID, digestNow.Add(48*time.Hour), "id")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Parts[0], "dibanding") {
		t.Errorf("week 14 compared with itself:\n%s", d.Parts[0])
	}
	// Next Monday nothing changed: everyone stays.
	next := digestNow.AddDate(0, 0, 7)
	f.at(next)
	d, err = p.Leaderboard(ctx, f.tenant.ID, next, "en")
	if err != nil {
		t.Fatal(err)
	}
	text := d.Parts[0]
	if !strings.Contains(text, "Week 15 · 12 April 2027 · ▲▼ compared with 5 April 2027") {
		t.Errorf("no comparison with week 14:\n%s", text)
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, " — ") && !strings.HasSuffix(line, " =") && !strings.Contains(line, "▲") && !strings.Contains(line, "▼") {
			t.Errorf("a line without movement: %q", line)
		}
	}
}
