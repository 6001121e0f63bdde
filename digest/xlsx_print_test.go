package digest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"quickwin"
)

// checkSheetsPrint reads a workbook's page setup back: every sheet
// landscape on paper size (9 A4, 14 F4), fitted to one page wide, the
// tenant and the period in the page header; every table sheet repeats its
// header row on each page; the first sheet fits on one page.
func checkSheetsPrint(t *testing.T, b *book, size int, tenant, period string) {
	t.Helper()
	titles := map[string]string{}
	for _, dn := range b.f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for i, s := range b.f.GetSheetList() {
		lo, err := b.f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		tall := 0
		if i == 0 {
			tall = 1
		}
		if lo.Orientation == nil || *lo.Orientation != "landscape" || lo.Size == nil || *lo.Size != size ||
			lo.FitToWidth == nil || *lo.FitToWidth != 1 || lo.FitToHeight == nil || *lo.FitToHeight != tall {
			t.Errorf("%s: page layout %s, want landscape, size %d, 1 page wide and %d tall", s, layout(lo), size, tall)
		}
		props, err := b.f.GetSheetProps(s)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off (%v)", s, err)
		}
		hf, err := b.f.GetHeaderFooter(s)
		if err != nil || !strings.Contains(hf.OddHeader, tenant) || !strings.Contains(hf.OddHeader, period) || !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: page header %q, footer %q (%v)", s, hf.OddHeader, hf.OddFooter, err)
		}
		if want := "'" + s + "'!$1:$1"; i > 0 && titles[s] != want {
			t.Errorf("%s: print titles %q, want %q", s, titles[s], want)
		}
	}
}

func layout(lo excelize.PageLayoutOptions) string {
	v := func(p any) string {
		switch x := p.(type) {
		case *string:
			if x != nil {
				return *x
			}
		case *int:
			if x != nil {
				return fmt.Sprint(*x)
			}
		}
		return "unset"
	}
	return fmt.Sprintf("orientation %s, size %s, width %s, height %s", v(lo.Orientation), v(lo.Size), v(lo.FitToWidth), v(lo.FitToHeight))
}

// checkNoInviteToken fails when any cell of the workbook holds an invite
// token (any part of it beyond its first four characters).
func checkNoInviteToken(t *testing.T, f *fixture, b *book) {
	t.Helper()
	entries, err := f.s.AuditLog(ctx, f.tenant.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for _, e := range entries {
		if e.Kind == "invite" {
			tokens = append(tokens, e.ObjectID)
		}
	}
	if len(tokens) == 0 {
		t.Fatal("the fixture made no invites")
	}
	for _, s := range b.f.GetSheetList() {
		rows, _ := b.f.GetRows(s)
		for r, row := range rows {
			for c, cell := range row {
				for _, tok := range tokens {
					if strings.Contains(cell, tok[4:]) {
						t.Errorf("%s row %d col %d holds an invite token: %q", s, r+1, c+1, cell)
					}
				}
			}
		}
	}
}

// TestAuditSheetGolden: the audit log in words, in both languages, with
// no action codes, ids, raw dumps or tokens.
func TestAuditSheetGolden(t *testing.T) {
	t.Parallel()
	f := regency(t)
	// A deadline moved with a reason, and steps edited, as the bot does.
	c, err := f.s.QuickWins(ctx, f.tenant.ID, judgedFilter)
	if err != nil {
		t.Fatal(err)
	}
	var app, posyandu string
	for _, q := range c {
		switch q.Code {
		case "DINKES-03":
			app = q.ID
		case "DINKES-02":
			posyandu = q.ID
		}
	}
	f.at(digestNow.Add(time.Hour))
	if _, err := f.s.UpdateQuickWin(ctx, f.heads["DINKES"], quickwin.ActEditQuickWin, f.tenant.ID, posyandu, "commitment.deadline", "menunggu dana BOK",
		func(q *quickwin.QuickWin) error { q.Deadline = day(2027, 4, 30); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UpdateQuickWin(ctx, f.heads["DINKES"], quickwin.ActEditSteps, f.tenant.ID, app, "steps.edit", "",
		func(q *quickwin.QuickWin) error {
			q.Steps[2].Due = day(2027, 4, 27)
			q.Steps[3].Owner = "Kepala Dinas"
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	p := f.publisher()
	for _, lang := range []string{"id", "en"} {
		d, err := p.Export(ctx, f.tenant.ID, lang)
		if err != nil {
			t.Fatal(err)
		}
		b := openBook(t, d.File)
		sheet := b.f.GetSheetList()[5]
		rows, err := b.f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		for _, row := range rows {
			out.WriteString(strings.ReplaceAll(strings.Join(row, " | "), "\n", "\n    ") + "\n")
		}
		text := out.String()
		golden(t, "audit."+lang+".golden", text)
		for _, raw := range []string{"commitment.", "member.join", "report.verify", "steps.", "id=", "{", "[", "_id"} {
			if strings.Contains(text, raw) {
				t.Errorf("%s: the audit sheet shows %q", lang, raw)
			}
		}
		for _, e := range []string{f.admin.ID, f.heads["DINKES"].ID, f.tenant.ID, posyandu} {
			if strings.Contains(text, e) {
				t.Errorf("%s: the audit sheet shows the id %q", lang, e)
			}
		}
	}
}

// TestWorkbookColumnsFitTheirLabels: a column is at least as wide as its
// longest short text and its header's longest word, in both languages.
func TestWorkbookColumnsFitTheirLabels(t *testing.T) {
	t.Parallel()
	f := regency(t)
	for _, lang := range []string{"id", "en"} {
		d, err := f.publisher().Export(ctx, f.tenant.ID, lang)
		if err != nil {
			t.Fatal(err)
		}
		b := openBook(t, d.File)
		want := map[string][]string{"id": {"Tahapan (milestone)", "Menunggu verifikasi"}, "en": {"Milestone", "Pending verification"}}[lang]
		seen := map[string]bool{}
		for _, s := range b.f.GetSheetList()[1:] {
			rows, _ := b.f.GetRows(s)
			for c := range rows[0] {
				name, _ := excelize.ColumnNumberToName(c + 1)
				width, err := b.f.GetColWidth(s, name)
				if err != nil {
					t.Fatal(err)
				}
				for _, word := range strings.Fields(rows[0][c]) {
					if float64(utf8.RuneCountInString(word)) > width {
						t.Errorf("%s %s: header word %q wider than the column (%.1f)", s, name, word, width)
					}
				}
				for _, row := range rows[1:] {
					if c < len(row) && slices.Contains(want, row[c]) {
						seen[row[c]] = true
						if float64(utf8.RuneCountInString(row[c])) > width {
							t.Errorf("%s %s: %q is cut (width %.1f)", s, name, row[c], width)
						}
					}
				}
			}
		}
		for _, w := range want {
			if !seen[w] {
				t.Errorf("%s: no cell reads %q; is the fixture still the same?", lang, w)
			}
		}
	}
}

// TestWorkbookOnF4 lays the workbook out on F4 when asked, and the first
// sheet carries the period, the headline numbers and the chart.
func TestWorkbookOnF4(t *testing.T) {
	t.Parallel()
	f := regency(t)
	d, err := f.publisher().WithPaper(PaperF4).TenantDigest(ctx, f.tenant.ID, time.Date(2027, 3, 1, 0, 0, 0, 0, jakarta), "en")
	if err != nil {
		t.Fatal(err)
	}
	b := openBook(t, d.File)
	checkSheetsPrint(t, b, 14, "Kabupaten Sumedang", "March 2027")
	front := b.f.GetSheetList()[0]
	if front != "Summary" {
		t.Fatalf("first sheet %q", front)
	}
	rows, _ := b.f.GetRows(front)
	got := map[string]string{}
	for _, row := range rows {
		if len(row) >= 2 {
			got[row[0]] = row[1]
		}
	}
	for label, want := range map[string]string{"Period": "March 2027", "Quick wins judged": "9", "Late": "1", "Mean capaian (%)": "64.4"} {
		if got[label] != want {
			t.Errorf("front sheet %q = %q, want %q (rows %q)", label, got[label], want, rows)
		}
	}
	pics, err := b.f.GetPictures(front, "D1")
	if err != nil || len(pics) != 1 || !strings.HasPrefix(string(pics[0].File), "\x89PNG") {
		t.Errorf("no chart on the front sheet: %d pictures, %v", len(pics), err)
	}
	if _, err := ParsePaper("A5"); err == nil {
		t.Error("ParsePaper accepted A5")
	}
	if p, err := ParsePaper(" F4 "); err != nil || p != PaperF4 {
		t.Errorf("ParsePaper(F4) = %q, %v", p, err)
	}
}
