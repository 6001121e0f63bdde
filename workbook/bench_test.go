package workbook_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
)

// bigWorkbook is the Bappeda's year: 40 OPDs × 25 quick wins with four
// action steps each, dates and budgets typed as Excel values.
func bigWorkbook(b *testing.B, opds int) []byte {
	b.Helper()
	x := excelize.NewFile()
	defer x.Close()
	_ = x.SetSheetName("Sheet1", "Quick win")
	_, _ = x.NewSheet("Langkah aksi")
	qw, _ := x.NewStreamWriter("Quick win")
	_ = qw.SetRow("A1", qwHeader)
	st, _ := x.NewStreamWriter("Langkah aksi")
	_ = st.SetRow("A1", stepHeader)
	qr, sr := 2, 2
	for o := 0; o < opds; o++ {
		opd := fmt.Sprintf("OPD%02d", o)
		for i := 0; i < 25; i++ {
			title := fmt.Sprintf("Quick win %d dari %s", i+1, opd)
			cell, _ := excelize.CoordinatesToCellName(1, qr)
			_ = qw.SetRow(cell, []any{opd, nil, title, "Numerik", 10, 80, "%", "Makin tinggi makin baik",
				time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), 150e6, "APBD", 20, 40, 60, 80})
			qr++
			for s := 0; s < 4; s++ {
				cell, _ := excelize.CoordinatesToCellName(1, sr)
				_ = st.SetRow(cell, []any{nil, title, opd, fmt.Sprintf("Langkah %d", s+1), "Kabid", time.Date(2027, time.Month(3+3*s), 20, 0, 0, 0, 0, time.UTC)})
				sr++
			}
		}
	}
	_ = qw.Flush()
	_ = st.Flush()
	buf, err := x.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImport1000QuickWins4000Steps measures the preview (read, check,
// stage) and the save (commit and copy) of 1,000 new quick wins with
// 4,000 action steps on the embedded database. Run with -benchtime=1x:
// each iteration imports into a fresh tenant database.
func BenchmarkImport1000QuickWins4000Steps(b *testing.B) {
	data := bigWorkbook(b, 40)
	b.ReportMetric(float64(len(data))/1e6, "MB/file")
	var preview, save time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := newBenchFixture(b, 40)
		b.StartTimer()
		t0 := time.Now()
		p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
		if err != nil || len(p.Problems) > 0 || p.Summary.New != 1000 || p.Summary.StepsAdded != 4000 {
			b.Fatalf("preview: %v %+v %v", err, p.Summary, p.Problems)
		}
		t1 := time.Now()
		if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
			b.Fatal(err)
		}
		preview += t1.Sub(t0)
		save += time.Since(t1)
		b.StopTimer()
		if list, _ := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{}); len(list) != 1000 {
			b.Fatalf("%d quick wins stored", len(list))
		}
		b.StartTimer()
	}
	b.ReportMetric(preview.Seconds()/float64(b.N), "preview-s")
	b.ReportMetric(save.Seconds()/float64(b.N), "save-s")
}

// BenchmarkReimport1000Changed measures the round trip at full size: the
// export of 1,000 quick wins with every title edited, imported back (1,000
// replacements, each a scan of the collection on the embedded database).
func BenchmarkReimport1000Changed(b *testing.B) {
	var preview, save time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := newBenchFixture(b, 40)
		p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", bigWorkbook(b, 40))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
			b.Fatal(err)
		}
		// The stored quick wins, every title edited, as the quick-win sheet
		// of an export with its codes (steps untouched: no steps sheet).
		list, _ := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{})
		rows := [][]any{{"Kode OPD", "Kode", "Judul"}}
		for _, c := range list {
			rows = append(rows, []any{c.OPDCode, c.Code, c.Title + " (revisi)"})
		}
		x := excelize.NewFile()
		_ = x.SetSheetName("Sheet1", "Quick win")
		for r, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			_ = x.SetSheetRow("Quick win", cell, &row)
		}
		buf, _ := x.WriteToBuffer()
		x.Close()
		b.StartTimer()
		t0 := time.Now()
		p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, "id", buf.Bytes())
		if err != nil || len(p.Problems) > 0 || p.Summary.Changed != 1000 {
			b.Fatalf("preview: %v %+v %v", err, p.Summary, p.Problems)
		}
		t1 := time.Now()
		if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
			b.Fatal(err)
		}
		preview += t1.Sub(t0)
		save += time.Since(t1)
		b.StopTimer()
		after, _ := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{})
		revised := 0
		for _, c := range after {
			if strings.HasSuffix(c.Title, " (revisi)") && len(c.Steps) == 4 && c.Version == 2 {
				revised++
			}
		}
		if len(after) != 1000 || revised != 1000 {
			b.Fatalf("%d quick wins, %d revised", len(after), revised)
		}
		b.StartTimer()
	}
	b.ReportMetric(preview.Seconds()/float64(b.N), "preview-s")
	b.ReportMetric(save.Seconds()/float64(b.N), "save-s")
}
