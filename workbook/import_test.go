package workbook_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
	"quickwin/workbook"
)

// qwHeader is the quick-win sheet's header as the template writes it in
// Indonesian.
var qwHeader = []any{"Kode OPD", "Kode", "Judul", "Jenis target", "Baseline", "Target", "Satuan", "Arah", "Mulai", "Tenggat", "Anggaran (Rp)", "Sumber dana", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"}

var stepHeader = []any{"Kode quick win", "Judul quick win", "Kode OPD", "Langkah aksi", "Penanggung jawab", "Jatuh tempo"}

// TestImportNewQuickWinsWithTypedValues imports two new quick wins whose
// dates and numbers are typed as in chat, and steps that name a new quick
// win by its title.
func TestImportNewQuickWinsWithTypedValues(t *testing.T) {
	f := newFixture(t)
	data := book(t,
		sheetRows{"Quick win", [][]any{qwHeader,
			{"dinkes", nil, "Turunkan stunting", "Numerik", "24,5", 20, "%", "Makin rendah makin baik", "02/01/2027", "31 Desember 2027", "150 juta", "APBD", 23.5, 22, 21, 20},
			{}, // an empty row in the middle
			{"DISDIK", "", "Sekolah ramah anak", "Tahapan (milestone)", nil, nil, nil, nil, day(2027, 2, 1), "TW2 2027", "1,5 M", "non apbd"},
		}},
		sheetRows{"Langkah aksi", [][]any{stepHeader,
			{nil, "Sekolah ramah anak", "DISDIK", "Susun SK tim", "Kabid SD", "31/03/2027"},
			{nil, "sekolah RAMAH anak", nil, "Deklarasi sekolah", "Kadis", day(2027, 6, 1)},
		}},
	)
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) > 0 {
		t.Fatalf("problems:\n%s", rendered(locales.ID, p))
	}
	want := quickwin.ImportSummary{OPDs: 2, New: 2, StepsAdded: 2}
	if !reflect.DeepEqual(p.Summary, want) {
		t.Errorf("summary %+v, want %+v", p.Summary, want)
	}
	if got := workbook.Summary(locales.ID, p.Summary); got != "2 OPD · 2 quick win baru · 0 diubah · 2 langkah aksi baru · 0 langkah aksi dihapus · 0 galat" {
		t.Errorf("summary text %q", got)
	}
	if n := len(f.commitments()); n != 0 {
		t.Fatalf("a preview stored %d quick wins", n)
	}
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	got := f.commitments()
	st, sra := got["DINKES-01"], got["DISDIK-01"]
	if st.Title != "Turunkan stunting" || st.Baseline != 24.5 || st.Target != 20 || st.Direction != quickwin.LowerIsBetter ||
		st.Budget != 150e6 || !st.Start.Equal(day(2027, 1, 2)) || !st.Deadline.Equal(day(2027, 12, 31)) ||
		st.Status != quickwin.StatusActive || st.Quarters == nil || st.Quarters.Values != [4]float64{23.5, 22, 21, 20} {
		t.Errorf("DINKES-01 = %+v", st)
	}
	if sra.Kind != quickwin.KindMilestone || sra.Budget != 1.5e9 || sra.Source != quickwin.SourceNonAPBD ||
		!sra.Deadline.Equal(day(2027, 6, 30)) || len(sra.Steps) != 2 || sra.Steps[0].Title != "Susun SK tim" ||
		!sra.Steps[0].Due.Equal(day(2027, 3, 31)) || sra.Steps[1].Owner != "Kadis" || sra.Steps[0].ID == "" {
		t.Errorf("DISDIK-01 = %+v", sra)
	}
	audit, err := f.s.Audit(ctx, f.tenant.ID, st.ID, 0)
	if err != nil || len(audit) != 1 || audit[0].Action != "commitment.import_create" || audit[0].Reason != "diubah lewat impor" || audit[0].ActorID != f.admin.ID {
		t.Errorf("audit of an imported quick win: %+v %v", audit, err)
	}
	// The same file sent again is refused: it would double every quick win.
	again, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
	if err != nil {
		t.Fatal(err)
	}
	if text := rendered(locales.ID, again); !strings.Contains(text, "Lembar Quick win, baris 2, kolom Judul: DINKES-01 sudah punya judul ini.") {
		t.Errorf("same file again: %s", text)
	}
	// Saving twice (a double click) changes nothing more.
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Errorf("second save: %v", err)
	}
	if n := len(f.commitments()); n != 2 {
		t.Errorf("%d quick wins after a second save", n)
	}
	// A new quick win of the same OPD continues the numbering.
	c := quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Posyandu aktif", Kind: quickwin.KindMilestone, Start: day(2027, 1, 1), Deadline: day(2027, 3, 1)}
	if err := f.s.CreateQuickWin(ctx, f.admin, &c); err != nil || c.Code != "DINKES-02" {
		t.Errorf("next code %q, %v", c.Code, err)
	}
}

// TestImportBadInput puts every kind of wrong cell in one file: all are
// reported at once, with sheet, row and column, and nothing is stored.
func TestImportBadInput(t *testing.T) {
	f := newFixture(t)
	old := f.create("DINKES", "Imunisasi lengkap", "Pendataan")
	data := book(t,
		sheetRows{"Quick win", [][]any{qwHeader,
			{"DINKES", nil, "Posyandu", "Numerik", 1, "seratus", "%", "naik", "02/01/2027", "31/02/2027"},           // row 2: text in a number, no such date
			{"DINKESX", nil, "Puskesmas keliling", "Tahapan", nil, nil, nil, nil, "02/01/2027", "31/12/2027"},       // row 3: unknown OPD
			{"DISDIK", old.Code, "Imunisasi", "Numerik", 10, 50, "%", "naik", "04/01/2027", "31/12/2027"},           // row 4: OPD code renamed
			{"DINKES", old.Code, "Imunisasi", "Numerik", 10, 50, "%", "naik", "04/01/2027", "31/12/2027"},           // row 5: fine
			{"DINKES", old.Code, "Imunisasi 2", "Numerik", 10, 50, "%", "naik", "04/01/2027", "31/12/2027"},         // row 6: duplicate code
			{"DINKES", nil, "Ambulans desa", "Cepat", nil, nil, nil, nil, "02/01/2027", "31/12/2027", "Rp 5 kilo"},  // row 7: unknown kind, bad budget
			{"DINKES", nil, "CONTOH: Turunkan prevalensi stunting", "Tahapan", nil, nil, nil, nil, "1/1/27", "TW4"}, // row 8: example row left in
			{"DPUPR", nil, "Jalan mantap", "Tahapan", nil, nil, nil, nil, "1/1/27", "TW4 2027"},                     // row 9
			{"DPUPR", nil, "jalan  MANTAP", "Tahapan", nil, nil, nil, nil, "1/1/27", "TW4 2027"},                    // row 10: the same row twice
		}},
		sheetRows{"Langkah aksi", [][]any{stepHeader,
			{"DINKES-77", nil, nil, "Rapat", "Kabid", "01/03/2027"},  // row 2: unknown quick win
			{nil, "Tidak ada", nil, "Rapat", "Kabid", "01/03/2027"},  // row 3: unknown title
			{old.Code, nil, nil, "Pendataan", "Kabid", "01/03/2028"}, // row 4: due after the deadline
		}},
	)
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
	if err != nil {
		t.Fatal(err)
	}
	text := rendered(locales.ID, p)
	t.Logf("what the admin reads:\n%s", text)
	for _, want := range []string{
		"Lembar Quick win, baris 2, kolom Target: «seratus» bukan angka.",
		"Lembar Quick win, baris 2, kolom Tenggat: 31/02/2027 bukan tanggal.",
		"Lembar Quick win, baris 3, kolom Kode OPD: OPD DINKESX tidak terdaftar.",
		"Lembar Quick win, baris 4, kolom Kode OPD: quick win DINKES-01 milik OPD DINKES, bukan DISDIK.",
		"Lembar Quick win, baris 6, kolom Kode: kode DINKES-01 sudah dipakai di baris 4.",
		"Lembar Quick win, baris 7, kolom Jenis target: «Cepat» tidak dikenal; pilih salah satu: Numerik, Tahapan (milestone).",
		"Lembar Quick win, baris 7, kolom Anggaran (Rp): «Rp 5 kilo» bukan angka.",
		"Lembar Quick win, baris 8, kolom Judul: ini baris contoh dari templat",
		"Lembar Quick win, baris 10, kolom Judul: judul yang sama untuk OPD ini sudah ada di baris 9.",
		"Lembar Langkah aksi, baris 2, kolom Kode quick win: quick win DINKES-77 tidak ada di berkas maupun di data.",
		"Lembar Langkah aksi, baris 3, kolom Judul quick win: tidak ada quick win berjudul «Tidak ada»",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if p.ID != "" || p.Summary.Problems != len(p.Problems) || len(p.Marked) == 0 {
		t.Errorf("preview id %q, %d problems counted, %d listed, marked %d bytes", p.ID, p.Summary.Problems, len(p.Problems), len(p.Marked))
	}
	if got := f.commitments(); len(got) != 1 || got[old.Code].Title != "Imunisasi lengkap" {
		t.Errorf("a bad file changed the data: %+v", got)
	}
	// The marked copy: the wrong deadline is filled and commented, and a
	// first sheet lists every problem.
	x, err := excelize.OpenReader(strings.NewReader(string(p.Marked)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if first := x.GetSheetList()[0]; first != "Galat" {
		t.Errorf("first sheet %q", first)
	}
	comments, err := x.GetComments("Quick win")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range comments {
		if c.Cell == "J2" && strings.Contains(c.Text+paragraphs(c), "31/02/2027 bukan tanggal") {
			found = true
		}
	}
	if !found {
		t.Errorf("no comment on J2: %+v", comments)
	}
	style, _ := x.GetCellStyle("Quick win", "J2")
	if s, err := x.GetStyle(style); err != nil || len(s.Fill.Color) == 0 || s.Fill.Color[0] != "FF8A80" {
		t.Errorf("J2 not filled: %+v %v", s, err)
	}
	// In English the same file is explained in English.
	p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, "en", data)
	if err != nil {
		t.Fatal(err)
	}
	if text := rendered(locales.EN, p); !strings.Contains(text, "Sheet Quick win, row 2, column Tenggat: 31/02/2027 is not a date.") {
		t.Errorf("English problems:\n%s", text)
	}
}

func paragraphs(c excelize.Comment) string {
	var b strings.Builder
	for _, p := range c.Paragraph {
		b.WriteString(p.Text)
	}
	return b.String()
}

// TestImportRefusesWrongFiles: files that are no workbook, too large, or
// lack sheets, columns, or hold merged cells or too many rows.
func TestImportRefusesWrongFiles(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		data []byte
		key  string // error key, or
		want string // rendered problem
	}{
		{"not a workbook", []byte("kode,nama\nDINKES,Dinas\n"), "import.not_workbook", ""},
		{"over 10 MB", make([]byte, quickwin.MaxImportFile+1), "import.too_large", ""},
		{"no quick-win sheet", book(t, sheetRows{"Sheet1", [][]any{{"a"}}}), "", "Lembar «Quick win» tidak ada. Lembar dalam berkas: «Sheet1»."},
		{"missing columns", book(t, sheetRows{"Quick win", [][]any{{"Kode OPD", "Judul"}, {"DINKES", "X y z"}}}),
			"", "Lembar Quick win, baris 1: kolom wajib tidak ada: Jenis target, Mulai, Tenggat."},
		{"English headers", book(t, sheetRows{"Quick wins", [][]any{{"OPD code", "Title", "Target kind", "Start"}, {"DINKES", "X y z"}}}),
			"", "Lembar Quick wins, baris 1: kolom wajib tidak ada: Tenggat."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", tc.data)
			if tc.key != "" {
				if qe, ok := err.(*quickwin.Error); !ok || qe.Key != tc.key {
					t.Fatalf("err %v, want key %s", err, tc.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if text := rendered(locales.ID, p); !strings.Contains(text, tc.want) {
				t.Errorf("problems %q, want %q", text, tc.want)
			}
		})
	}
	t.Run("merged cells", func(t *testing.T) {
		data := edit(t, book(t, sheetRows{"Quick win", [][]any{qwHeader,
			{"DINKES", nil, "Posyandu aktif", "Tahapan", nil, nil, nil, nil, "02/01/2027", "31/12/2027"},
			{nil, nil, "Posbindu aktif", "Tahapan", nil, nil, nil, nil, "02/01/2027", "31/12/2027"},
		}}), func(x *excelize.File) { _ = x.MergeCell("Quick win", "A2", "A3") })
		p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
		if err != nil {
			t.Fatal(err)
		}
		if text := rendered(locales.ID, p); !strings.Contains(text, "Lembar Quick win, baris 2: sel digabung (A2:A3).") {
			t.Errorf("problems %q", text)
		}
	})
	t.Run("10,000 rows", func(t *testing.T) {
		rows := [][]any{qwHeader}
		for i := 0; i < 10000; i++ {
			rows = append(rows, []any{"DINKES", nil, fmt.Sprintf("Quick win %d", i), "Tahapan", nil, nil, nil, nil, "02/01/2027", "31/12/2027"})
		}
		p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", book(t, sheetRows{"Quick win", rows}))
		if err != nil {
			t.Fatal(err)
		}
		if text := rendered(locales.ID, p); !strings.Contains(text, "Lembar Quick win: terlalu banyak baris; paling banyak 5.000 per impor.") {
			t.Errorf("problems %q", text)
		}
	})
	if n := len(f.commitments()); n != 0 {
		t.Errorf("%d quick wins stored from wrong files", n)
	}
}

// TestImportNeedsReasonForActiveTarget: changing the deadline of an active
// quick win needs the reason column, as in chat; with it the change is
// saved with the reason in the audit log.
func TestImportNeedsReasonForActiveTarget(t *testing.T) {
	f := newFixture(t)
	old := f.create("DINKES", "Imunisasi lengkap")
	header := append(append([]any{}, qwHeader[:10]...), "Alasan perubahan")
	row := []any{"DINKES", old.Code, "Imunisasi lengkap", "Numerik", 10, 50, "%", "Makin tinggi makin baik", day(2027, 1, 4), "30/11/2027"}
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", book(t, sheetRows{"Quick win", [][]any{header, append(row, nil)}}))
	if err != nil {
		t.Fatal(err)
	}
	if text := rendered(locales.ID, p); !strings.Contains(text, "baris 2, kolom Alasan perubahan: target atau tenggat quick win aktif DINKES-01 berubah") {
		t.Fatalf("problems %q", text)
	}
	p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, "id", book(t, sheetRows{"Quick win", [][]any{header, append(row, "Dipercepat atas arahan Bupati")}}))
	if err != nil || len(p.Problems) > 0 {
		t.Fatalf("%v %s", err, rendered(locales.ID, p))
	}
	if p.Summary.Changed != 1 || p.Summary.New != 0 {
		t.Errorf("summary %+v", p.Summary)
	}
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	got := f.commitments()[old.Code]
	if !got.Deadline.Equal(day(2027, 11, 30)) || got.Version != old.Version+1 {
		t.Errorf("after import: deadline %v version %d", got.Deadline, got.Version)
	}
	audit, _ := f.s.Audit(ctx, f.tenant.ID, old.ID, 0)
	last := audit[len(audit)-1]
	if last.Action != "commitment.import_update" || last.Reason != "diubah lewat impor: Dipercepat atas arahan Bupati" {
		t.Errorf("audit %+v", last)
	}
}

// TestSaveRefusesWhenChangedSincePreview: a quick win edited in chat
// between preview and Save fails the Save, and nothing of the import is
// stored.
func TestSaveRefusesWhenChangedSincePreview(t *testing.T) {
	f := newFixture(t)
	old := f.create("DINKES", "Imunisasi lengkap")
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", book(t, sheetRows{"Quick win", [][]any{qwHeader,
		{"DINKES", old.Code, "Imunisasi dasar lengkap", "Numerik", 10, 50, "%", "naik", day(2027, 1, 4), day(2027, 12, 31)},
		{"DISDIK", nil, "Sekolah ramah anak", "Tahapan", nil, nil, nil, nil, day(2027, 1, 4), day(2027, 12, 31)},
	}}))
	if err != nil || p.ID == "" {
		t.Fatalf("%v %+v", err, p)
	}
	if _, err := f.s.UpdateQuickWin(ctx, f.admin, quickwin.ActEditQuickWin, f.tenant.ID, old.ID, "commitment.edit", "", func(c *quickwin.QuickWin) error {
		c.Unit = "persen"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, err = f.im.Save(ctx, f.admin, f.tenant.ID, p.ID)
	if qe, ok := err.(*quickwin.Error); !ok || qe.Key != "import.changed_since" {
		t.Fatalf("save: %v", err)
	}
	got := f.commitments()
	if len(got) != 1 || got[old.Code].Title != "Imunisasi lengkap" {
		t.Errorf("after a refused save: %+v", got)
	}
	// Discard drops the stage; Save then says it is gone.
	if err := f.im.Discard(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("save after discard: %v", err)
	}
}

// TestPreviewIsForAdmins: heads cannot import.
func TestPreviewIsForAdmins(t *testing.T) {
	f := newFixture(t)
	head := &quickwin.Member{ID: "h", TenantID: f.tenant.ID, Role: quickwin.RoleHead, OPDCode: "DINKES", Active: true}
	_, err := f.im.Preview(ctx, head, f.tenant.ID, "id", book(t, sheetRows{"Quick win", [][]any{qwHeader}}))
	if quickwin.ErrorCode(err) != quickwin.EFORBIDDEN {
		t.Errorf("head previews: %v", err)
	}
}

var _ = time.Now

// TestImportReadsFormulasByCachedValue: a cell computed by a formula is
// read as the value Excel last computed, not as the formula's text; a
// percentage cell (12,5% stored as 0.125) is read as 12.5.
func TestImportReadsFormulasByCachedValue(t *testing.T) {
	f := newFixture(t)
	data := edit(t, book(t, sheetRows{"Quick win", [][]any{qwHeader,
		{"DINKES", nil, "Posyandu aktif", "Numerik", 10, 80, "%", "naik", day(2027, 1, 4), day(2027, 12, 31), 150e6, "APBD"},
	}}), func(x *excelize.File) {
		// Excel keeps the formula and its last result side by side.
		if err := x.SetCellFormula("Quick win", "K2", "=150*1000000"); err != nil {
			t.Fatal(err)
		}
		if err := x.SetCellFormula("Quick win", "F2", "=E2*8"); err != nil {
			t.Fatal(err)
		}
		// The baseline is a percentage cell: 12.5% is stored as 0.125.
		pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10})
		_ = x.SetCellValue("Quick win", "E2", 0.125)
		_ = x.SetCellStyle("Quick win", "E2", "E2", pct)
	})
	x, _ := excelize.OpenReader(strings.NewReader(string(data)))
	if v, _ := x.GetCellValue("Quick win", "K2", excelize.Options{RawCellValue: true}); v != "150000000" {
		t.Fatalf("the test workbook has no cached value in K2: %q", v)
	}
	x.Close()
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
	if err != nil || len(p.Problems) > 0 {
		t.Fatalf("%v\n%s", err, rendered(locales.ID, p))
	}
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if c := f.commitments()["DINKES-01"]; c.Budget != 150e6 || c.Target != 80 || c.Baseline != 12.5 {
		t.Errorf("budget %v target %v baseline %v", c.Budget, c.Target, c.Baseline)
	}
}

// TestImportFindsHeaderBelowTitle: an official sheet starts with a merged
// title and a blank row; the header is found below them and problems
// keep the sheet's own row numbers.
func TestImportFindsHeaderBelowTitle(t *testing.T) {
	f := newFixture(t)
	data := edit(t, book(t, sheetRows{"Quick win", [][]any{
		{"DAFTAR QUICK WIN KABUPATEN SUMEDANG TAHUN 2027"},
		{},
		qwHeader,
		{"DINKES", nil, "Posyandu aktif", "Tahapan", nil, nil, nil, nil, day(2027, 1, 4), "31/12/2027"},
		{"DISDIK", nil, "Sekolah ramah anak", "Tahapan", nil, nil, nil, nil, day(2027, 1, 4), "kemarin"},
	}}), func(x *excelize.File) { _ = x.MergeCell("Quick win", "A1", "P1") })
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", data)
	if err != nil {
		t.Fatal(err)
	}
	if text := rendered(locales.ID, p); text != "Lembar Quick win, baris 5, kolom Tenggat: kemarin bukan tanggal. Contoh: 31/03/2027, 31 Maret 2027, TW2 2027.\n" {
		t.Errorf("problems %q", text)
	}
}

// TestImportKeepsDoneSteps: a steps sheet that leaves out a finished step
// is refused (the step carries evidence); one that leaves out an open
// step deletes it, also for a quick win named only on the steps sheet.
func TestImportKeepsDoneSteps(t *testing.T) {
	f := newFixture(t)
	c := f.create("DINKES", "Imunisasi lengkap", "Pendataan sasaran", "Sweeping")
	if _, err := f.s.UpdateQuickWin(ctx, f.admin, quickwin.ActEditSteps, f.tenant.ID, c.ID, "step.done", "", func(x *quickwin.QuickWin) error {
		x.CompleteStep(0, f.now, nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	onlySecond := book(t,
		sheetRows{"Quick win", [][]any{{"Kode", "Judul"}}},
		sheetRows{"Langkah aksi", [][]any{stepHeader, {c.Code, nil, nil, "Sweeping", "Kabid", "31/05/2027"}}})
	p, err := f.im.Preview(ctx, f.admin, f.tenant.ID, "id", onlySecond)
	if err != nil {
		t.Fatal(err)
	}
	if text := rendered(locales.ID, p); !strings.Contains(text, "Lembar Langkah aksi: langkah «Pendataan sasaran» dari DINKES-01 sudah selesai dan tidak bisa dihapus lewat impor") {
		t.Errorf("problems %q", text)
	}
	onlyFirst := book(t,
		sheetRows{"Quick win", [][]any{{"Kode", "Judul"}}},
		sheetRows{"Langkah aksi", [][]any{stepHeader, {c.Code, nil, nil, "Pendataan sasaran", "Kabid Kesmas", "28/03/2027"}}})
	p, err = f.im.Preview(ctx, f.admin, f.tenant.ID, "id", onlyFirst)
	if err != nil || len(p.Problems) > 0 {
		t.Fatalf("%v %v", err, p.Lines)
	}
	if p.Summary.Changed != 1 || p.Summary.StepsDeleted != 1 || p.Summary.StepsChanged != 1 {
		t.Errorf("summary %+v", p.Summary)
	}
	if _, err := f.im.Save(ctx, f.admin, f.tenant.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	got := f.commitments()[c.Code]
	if len(got.Steps) != 1 || got.Steps[0].ID != c.Steps[0].ID || !got.Steps[0].Done() || got.Steps[0].Owner != "Kabid Kesmas" || got.Title != c.Title {
		t.Errorf("steps after import %+v", got.Steps)
	}
}
