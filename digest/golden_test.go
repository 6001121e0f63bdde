package digest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quickwin"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test ./report -update and review the diff):\n%s", name, got)
	}
}

// joinParts shows a document's parts as Telegram would send them.
func joinParts(t *testing.T, d *quickwin.Document) string {
	t.Helper()
	var b strings.Builder
	for i, p := range d.Parts {
		if n := utf16Len(p); n > TelegramLimit {
			t.Errorf("part %d: %d UTF-16 units", i+1, n)
		}
		if err := balanced(p); err != nil {
			t.Errorf("part %d: %v", i+1, err)
		}
		fmt.Fprintf(&b, "===== part %d of %d =====\n%s\n", i+1, len(d.Parts), p)
	}
	return b.String()
}

func TestGoldenDigestsAndLeaderboard(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	// Last week's ranking, as the weekly job stored it on 29 March: DPUPR
	// was not on the board yet ("new"), the others move or stay.
	last := []quickwin.Standing{
		{OPDCode: "DINKES", OPDName: "Dinas Kesehatan", Score: 70, Rank: 1},
		{OPDCode: "DISKOMINFO", OPDName: "Dinas Komunikasi dan Informatika", Score: 65, Rank: 2},
		{OPDCode: "DISDIK", OPDName: "Dinas Pendidikan", Score: 50, Rank: 3},
		{OPDCode: "BAPPEDA", OPDName: "Bappeda", Score: 45, Rank: 4},
		{OPDCode: "INSPEKTORAT", OPDName: "Inspektorat", Score: 0, Rank: 6},
	}
	if _, err := f.s.SaveLeaderboardSnapshot(ctx, f.tenant.ID, 2027, 13, time.Date(2027, 3, 29, 8, 0, 0, 0, jakarta), last); err != nil {
		t.Fatal(err)
	}
	march := time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, lang := range []string{"id", "en"} {
		d, err := p.TenantDigest(ctx, f.tenant.ID, march, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "tenant_digest."+lang+".golden", joinParts(t, d))
		if len(d.Chart) == 0 || len(d.File) == 0 || !strings.HasSuffix(d.FileName, "-2027-03.xlsx") {
			t.Errorf("%s: chart %d bytes, file %d bytes named %q", lang, len(d.Chart), len(d.File), d.FileName)
		}

		d, err = p.OPDDigest(ctx, f.tenant.ID, "DINKES", march, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "opd_digest.DINKES."+lang+".golden", joinParts(t, d))
		d, err = p.OPDDigest(ctx, f.tenant.ID, "INSPEKTORAT", march, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "opd_digest.INSPEKTORAT."+lang+".golden", joinParts(t, d))
		// DISDIK's "Perpustakaan keliling" starts on 1 May: not started,
		// listed apart with its start date, counted nowhere.
		d, err = p.OPDDigest(ctx, f.tenant.ID, "DISDIK", march, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "opd_digest.DISDIK."+lang+".golden", joinParts(t, d))

		d, err = p.Leaderboard(ctx, f.tenant.ID, digestNow, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "leaderboard."+lang+".golden", joinParts(t, d))
		if len(d.Chart) == 0 || d.File != nil {
			t.Errorf("%s leaderboard: chart %d bytes, file %d bytes", lang, len(d.Chart), len(d.File))
		}
	}
}

func TestOPDDigestOfUnknownOPD(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.publisher().OPDDigest(ctx, f.tenant.ID, "NOPE", digestNow, "id")
	if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("err = %v, want ENOTFOUND", err)
	}
}

func TestEmptyTenant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.publisher()
	d, err := p.TenantDigest(ctx, f.tenant.ID, digestNow, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Parts) != 1 || !strings.Contains(d.Parts[0], "Belum ada quick win") || len(d.Chart) == 0 || len(d.File) == 0 {
		t.Errorf("empty tenant digest: %q, chart %d, file %d", d.Parts, len(d.Chart), len(d.File))
	}
	l, err := p.Leaderboard(ctx, f.tenant.ID, digestNow, "en")
	if err != nil {
		t.Fatal(err)
	}
	// No OPD has a quick win under way: nobody is ranked, nobody gets a
	// medal; every OPD is listed apart, in alphabetical order.
	if strings.Contains(l.Parts[0], "🥇") || !strings.Contains(l.Parts[0], "not ranked") || !strings.Contains(l.Parts[0], "• Bappeda") {
		t.Errorf("empty leaderboard:\n%s", l.Parts[0])
	}
}

// TestTenantSummaryIsTheDigestWithoutWorkbook: /ringkasan shows the same
// text and chart as the monthly digest, made without reading reports.
func TestTenantSummaryIsTheDigestWithoutWorkbook(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	for _, month := range []time.Time{time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC), digestNow} {
		d, err := p.TenantDigest(ctx, f.tenant.ID, month, "id")
		if err != nil {
			t.Fatal(err)
		}
		s, err := p.TenantSummary(ctx, f.tenant.ID, month, "id")
		if err != nil {
			t.Fatal(err)
		}
		summary := strings.Replace(strings.Join(s.Parts, "\n"), "Grafik terlampir; data lengkap dalam Excel: /ekspor; untuk dicetak: /ringkasan pdf.", "Grafik, berkas XLSX, dan PDF untuk dicetak terlampir.", 1)
		if summary != strings.Join(d.Parts, "\n") || len(s.Chart) == 0 || s.File != nil {
			t.Errorf("%s: summary differs from the digest:\n%s\n---\n%s", month.Format("2006-01"), strings.Join(s.Parts, "\n"), strings.Join(d.Parts, "\n"))
		}
	}
}
