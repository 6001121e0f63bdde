package digest

import (
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
)

// TestWorkbookCountsNotStartedAsItsSheetShows: DISDIK-03 starts in May.
// The OPD summary's "Quick win aktif" counts it as the quick wins sheet
// shows it (Aktif), its "Belum mulai" column says why it has no capaian,
// and the sheet gives it no capaian and no category.
func TestWorkbookCountsNotStartedAsItsSheetShows(t *testing.T) {
	t.Parallel()
	f := regency(t)
	d, err := f.at(digestNow).publisher().TenantDigest(ctx, f.tenant.ID, digestNow.AddDate(0, -1, 0), "id")
	if err != nil {
		t.Fatal(err)
	}
	b := openBook(t, d.File)
	if got := b.number("Ringkasan OPD", b.cell("Ringkasan OPD", "Quick win aktif", "DISDIK")); got != 3 {
		t.Errorf("DISDIK quick win aktif = %v, want 3 (two judged, one not started)", got)
	}
	if got := b.number("Ringkasan OPD", b.cell("Ringkasan OPD", "Belum mulai", "DISDIK")); got != 1 {
		t.Errorf("DISDIK belum mulai = %v, want 1", got)
	}
	if got := b.text("Quick win", b.cell("Quick win", "Status jadwal", "DISDIK-03")); got != "Belum mulai" {
		t.Errorf("DISDIK-03 status jadwal = %q, want Belum mulai", got)
	}
	for _, col := range []string{"Capaian (%)", "Kategori"} {
		if got := b.text("Quick win", b.cell("Quick win", col, "DISDIK-03")); got != "" {
			t.Errorf("DISDIK-03 %s = %q, want empty: it has not started", col, got)
		}
	}
	for _, col := range []string{"Sangat tinggi ≥ 91", "Tinggi 76–90", "Sedang 66–75", "Rendah 51–65", "Sangat rendah ≤ 50"} {
		b.cell("Ringkasan OPD", col, "DISDIK") // each category has its own column
	}
}

// TestNotStartedIsLeftOutOfEveryCount: a tenant whose only quick win
// starts next year. On 23 December nothing is judged: no mean, no
// category, nobody late, at risk or unreported, no best list, no rank.
func TestNotStartedIsLeftOutOfEveryCount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.create(numeric("DINKES", "Posyandu aktif", quickwin.HigherIsBetter, 0, 100, "posyandu", day(2027, 1, 1), day(2027, 12, 31)))
	now := day(2026, 12, 23).Add(9 * time.Hour)
	p := f.at(now).publisher()
	for _, lang := range []string{"id", "en"} {
		d, err := p.TenantSummary(ctx, f.tenant.ID, now, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(d.Parts, "\n")
		golden(t, "fair_not_started_summary."+lang+".golden", text)
		body, _, _ := strings.Cut(text, "<i>") // the footer states the scale
		for _, bad := range []string{"🔴", "0%", "🏅"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: %q shown for a quick win that has not started:\n%s", lang, bad, text)
			}
		}
		d, err = p.OPDDigest(ctx, f.tenant.ID, "DINKES", now, lang)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "fair_not_started_opd.DINKES."+lang+".golden", joinParts(t, d))
		l, err := p.Leaderboard(ctx, f.tenant.ID, now, lang)
		if err != nil {
			t.Fatal(err)
		}
		if board := strings.Join(l.Parts, "\n"); strings.Contains(board, "🥇") || strings.Contains(board, "— 0") {
			t.Errorf("%s: an OPD with nothing running was ranked:\n%s", lang, board)
		}
	}
	ev := EvaluateMonth(f.tenant, mustOPDs(t, f), mustQuickWins(t, f), now, now)
	if len(ev.Total.QuickWins) != 0 || ev.Total.Active != 0 || ev.Total.Unreported != 0 || ev.Total.AtRisk != 0 {
		t.Errorf("not started counted: %+v", ev.Total)
	}
}

// TestBestListHeading: "terbaik" only when no OPD of the list is in the
// lowest category.
func TestBestListHeading(t *testing.T) {
	t.Parallel()
	mk := func(means ...float64) *evaluation {
		ev := &evaluation{}
		for i, m := range means {
			o := &opdEval{OPD: quickwin.OPD{Code: string(rune('A' + i)), Name: string(rune('A' + i))}, Mean: m}
			o.QWs = []qwEval{{}}
			ev.OPDs = append(ev.OPDs, o)
		}
		return ev
	}
	for _, tt := range []struct {
		means []float64
		want  string
	}{
		{[]float64{95, 70}, "🏅 2 OPD terbaik"},
		{[]float64{95, 50}, "🏅 Capaian rata-rata tertinggi (2 OPD)"},
		{[]float64{50}, "🏅 Capaian rata-rata tertinggi (1 OPD)"},
	} {
		p := &page{lang: locales.ID}
		bestList(p, mk(tt.means...))
		if got := p.String(); !strings.Contains(got, tt.want) {
			t.Errorf("means %v:\n%s\nwant %q", tt.means, got, tt.want)
		}
	}
	p := &page{lang: locales.ID}
	bestList(p, &evaluation{})
	if p.String() != "" {
		t.Errorf("no OPD judged, yet a best list: %q", p.String())
	}
}

// TestBandsNameEveryCategory: Sangat tinggi and Tinggi are two bands with
// their words, never one green "≥ 76".
func TestBandsNameEveryCategory(t *testing.T) {
	t.Parallel()
	p := &page{lang: locales.ID}
	got := p.bands([numBands]int{2, 1, 0, 0, 3})
	if want := "🟢 Sangat tinggi 2 · 🟢 Tinggi 1 · 🔴 Sangat rendah 3"; got != want {
		t.Errorf("bands = %q, want %q", got, want)
	}
	for i, c := range quickwin.Categories {
		if bandOf(c) != i || bandCategory[i] != c {
			t.Errorf("band %d is %s, want %s", bandOf(c), bandCategory[i], c)
		}
	}
	spec := chartSpecFor(locales.ID)
	if strings.Join(spec.Legend[:], " | ") != "≥ 91 sangat tinggi | 76–90 tinggi | 66–75 sedang | 51–65 rendah | ≤ 50 sangat rendah" {
		t.Errorf("legend = %q", spec.Legend)
	}
}

func mustOPDs(t *testing.T, f *fixture) []quickwin.OPD {
	t.Helper()
	opds, err := f.s.OPDs(ctx, f.tenant.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	return opds
}

func mustQuickWins(t *testing.T, f *fixture) []quickwin.QuickWin {
	t.Helper()
	cs, err := f.s.QuickWins(ctx, f.tenant.ID, judgedFilter)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}
