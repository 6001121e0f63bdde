package dashboard

import (
	"strings"
	"testing"

	"quickwin"
)

// TestNotStartedAndUnrankedOnTheDashboard: a quick win starting in May is
// listed apart on its OPD's page with its start date, with no capaian or
// category on its own page; an OPD with nothing under way (ARSIP, whose
// only quick win starts in May) stands on the leaderboard without a rank,
// a score or a medal.
func TestNotStartedAndUnrankedOnTheDashboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	later := quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Perpustakaan keliling", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 12, Unit: "desa", Start: day(2027, 5, 1), Deadline: day(2027, 12, 31), Status: quickwin.StatusActive}
	if err := f.s.CreateQuickWin(ctx, f.members["admin"], &later); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateOPD(ctx, f.members["admin"], quickwin.OPD{TenantID: f.tenant.ID, Code: "ARSIP", Name: "Dinas Arsip"}); err != nil {
		t.Fatal(err)
	}
	archive := later
	archive.ID, archive.Code, archive.OPDCode, archive.Title = "", "", "ARSIP", "Digitalisasi arsip"
	if err := f.s.CreateQuickWin(ctx, f.members["admin"], &archive); err != nil {
		t.Fatal(err)
	}
	c := f.signIn("leader")
	opd := f.get(c, "/app/opd/DINKES?m=2027-03")
	if !contains(opd.body, "Belum mulai", "Perpustakaan keliling", "mulai 1 Mei 2027") {
		t.Errorf("OPD page:\n%s", opd.body)
	}
	page := f.get(c, "/app/qw/"+later.ID)
	if !contains(page.body, "Belum mulai", "mulai 1 Mei 2027") || strings.Contains(page.body, "Sangat rendah") {
		t.Errorf("a quick win not started shows a category:\n%s", page.body)
	}
	board := f.get(c, "/app/leaderboard")
	start := strings.LastIndex(board.body[:strings.Index(board.body, "Dinas Arsip")], "<tr>")
	row := board.body[start:]
	row = row[:strings.Index(row, "</tr>")]
	if !contains(row, "—", "belum ada quick win berjalan") || contains(row, "🥇") || contains(row, "🥈") || contains(row, "🥉") {
		t.Errorf("leaderboard: ARSIP row %q", row)
	}
	if !contains(board.body, "🥇", "🥈", "🥉") {
		t.Errorf("the three OPDs under way lost their medals:\n%s", board.body)
	}
}
