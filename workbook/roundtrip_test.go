package workbook_test

import (
	"bytes"
	"reflect"
	"time"

	"testing"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/digest"
	"quickwin/locales"
)

// TestRoundTripExportEditImport exports the tenant's workbook, edits a few
// cells as an official would in Excel, and imports it back: exactly what
// was edited changes, nothing else.
func TestRoundTripExportEditImport(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			f := newFixture(t)
			a := f.create("DINKES", "Imunisasi lengkap", "Pendataan sasaran", "Sweeping imunisasi")
			b := f.create("DISDIK", "Sekolah ramah anak", "Susun SK tim", "Deklarasi", "Evaluasi")
			c := f.create("DPUPR", "Jalan mantap", "Survei")
			before := f.commitments()

			doc, err := digest.New(f.s, quickwin.ClockFunc(func() time.Time { return f.now })).Export(ctx, f.tenant.ID, lang)
			if err != nil {
				t.Fatal(err)
			}
			l := locales.ParseLang(lang)
			T := func(k string) string { return locales.T(l, k, nil) }
			qwSheet, stepSheet := T("report.xlsx.sheet.commitments"), T("report.xlsx.sheet.steps")

			// Unchanged, the export imports as "nothing to change".
			p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, lang, doc.File)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Problems) > 0 || p.Summary.Changed != 0 || p.Summary.New != 0 || p.Summary.Unchanged != 3 || p.ID != "" {
				t.Fatalf("unchanged export: %+v\n%s", p.Summary, rendered(l, p))
			}

			edited := edit(t, doc.File, func(x *excelize.File) {
				// A's title; B's budget typed as words; B's second step
				// deleted; a new step for C; a new quick win for DPUPR.
				ra := findRow(t, x, qwSheet, T("report.xlsx.col.code"), a.Code)
				_ = x.SetCellValue(qwSheet, colOf(t, x, qwSheet, T("report.xlsx.col.title"))+itoa(ra), "Imunisasi dasar lengkap")
				rb := findRow(t, x, qwSheet, T("report.xlsx.col.code"), b.Code)
				budget := "300 juta"
				if lang == "en" {
					budget = "300 million"
				}
				_ = x.SetCellValue(qwSheet, colOf(t, x, qwSheet, T("report.xlsx.col.budget"))+itoa(rb), budget)
				rs := findRow(t, x, stepSheet, T("report.xlsx.col.step"), "Deklarasi")
				_ = x.RemoveRow(stepSheet, rs)
				rows, _ := x.GetRows(stepSheet)
				next := itoa(len(rows) + 1)
				_ = x.SetCellValue(stepSheet, colOf(t, x, stepSheet, T("report.xlsx.col.code"))+next, c.Code)
				_ = x.SetCellValue(stepSheet, colOf(t, x, stepSheet, T("report.xlsx.col.step"))+next, "Lelang")
				_ = x.SetCellValue(stepSheet, colOf(t, x, stepSheet, T("report.xlsx.col.due"))+next, "30/06/2027")
				qrows, _ := x.GetRows(qwSheet)
				n := itoa(len(qrows) + 1)
				set := func(key string, v any) { _ = x.SetCellValue(qwSheet, colOf(t, x, qwSheet, T(key))+n, v) }
				set("report.xlsx.col.opd_code", "DPUPR")
				set("report.xlsx.col.title", "Drainase kota")
				set("report.xlsx.col.kind", T("report.xlsx.kind.milestone"))
				set("report.xlsx.col.start", day(2027, 1, 4))
				set("report.xlsx.col.deadline", "TW3 2027")
			})
			p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, lang, edited)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Problems) > 0 {
				t.Fatalf("problems:\n%s", rendered(l, p))
			}
			want := quickwin.ImportSummary{OPDs: 4 - 1, New: 1, Changed: 3, StepsAdded: 1, StepsDeleted: 1, ChangedCodes: []string{a.Code, b.Code, c.Code}}
			if !reflect.DeepEqual(p.Summary, want) {
				t.Errorf("summary %+v, want %+v", p.Summary, want)
			}
			if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
				t.Fatal(err)
			}
			after := f.commitments()
			if len(after) != 4 {
				t.Fatalf("%d quick wins", len(after))
			}
			ga, gb, gc := after[a.Code], after[b.Code], after[c.Code]
			if ga.Title != "Imunisasi dasar lengkap" {
				t.Errorf("A's title %q", ga.Title)
			}
			wantA := before[a.Code]
			wantA.Title = ga.Title
			if !sameExceptVersion(wantA, ga) {
				t.Errorf("A changed more than its title:\n%+v\n%+v", before[a.Code], ga)
			}
			if gb.Budget != 300e6 || len(gb.Steps) != 2 || gb.Steps[0].ID != before[b.Code].Steps[0].ID || gb.Steps[1].Title != "Evaluasi" {
				t.Errorf("B: budget %v steps %+v", gb.Budget, gb.Steps)
			}
			if len(gc.Steps) != 2 || gc.Steps[0].ID != before[c.Code].Steps[0].ID || gc.Steps[1].Title != "Lelang" || !gc.Steps[1].Due.Equal(day(2027, 6, 30)) {
				t.Errorf("C's steps %+v", gc.Steps)
			}
			if d := after["DPUPR-02"]; d.Title != "Drainase kota" || !d.Deadline.Equal(day(2027, 9, 30)) || d.Kind != quickwin.KindMilestone {
				t.Errorf("new quick win %+v", d)
			}

			// A wrong date in a new export comes back marked in the export
			// itself. (The first export is stale now: it names the deleted
			// step, which an import refuses.)
			doc, err = digest.New(f.s, quickwin.ClockFunc(func() time.Time { return f.now })).Export(ctx, f.tenant.ID, lang)
			if err != nil {
				t.Fatal(err)
			}
			var deadlineCell string
			wrong := edit(t, doc.File, func(x *excelize.File) {
				deadlineCell = colOf(t, x, qwSheet, T("report.xlsx.col.deadline")) + itoa(findRow(t, x, qwSheet, T("report.xlsx.col.code"), c.Code))
				_ = x.SetCellValue(qwSheet, deadlineCell, "31/02/2027")
			})
			p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, lang, wrong)
			if err != nil || len(p.Problems) != 1 || p.Problems[0].Cell != deadlineCell || len(p.Marked) == 0 {
				t.Fatalf("wrong date: %v %+v", err, p.Problems)
			}
			x, err := excelize.OpenReader(bytes.NewReader(p.Marked))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			comments, _ := x.GetComments(qwSheet)
			if len(comments) != 1 || comments[0].Cell != deadlineCell {
				t.Errorf("comments %+v", comments)
			}
		})
	}
}

// sameExceptVersion compares what a person sees of two quick wins.
func sameExceptVersion(a, b quickwin.QuickWin) bool {
	a.Version, b.Version = 0, 0
	a.UpdatedAt = b.UpdatedAt
	if len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Steps {
		if a.Steps[i].ID != b.Steps[i].ID || a.Steps[i].Title != b.Steps[i].Title || !a.Steps[i].Due.Equal(b.Steps[i].Due) || a.Steps[i].Owner != b.Steps[i].Owner {
			return false
		}
	}
	a.Steps, b.Steps = nil, nil
	return a.Title == b.Title && a.Target == b.Target && a.Baseline == b.Baseline && a.Budget == b.Budget &&
		a.Start.Equal(b.Start) && a.Deadline.Equal(b.Deadline) && a.Kind == b.Kind && a.Direction == b.Direction &&
		a.Unit == b.Unit && a.Status == b.Status && a.Source == b.Source && a.Code == b.Code && a.OPDCode == b.OPDCode
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
