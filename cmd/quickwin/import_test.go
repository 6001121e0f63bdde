package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/store"
)

// openData opens the embedded database a command left in dir.
func openData(t *testing.T, dir string) (*store.Store, *quickwin.Tenant) {
	t.Helper()
	s, err := store.Open(context.Background(), store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	ts, err := s.Tenants(context.Background())
	if err != nil || len(ts) == 0 {
		t.Fatalf("tenants %v %v", ts, err)
	}
	return s, &ts[0]
}

func TestOPDImportFromWorkbookAndWindowsCSV(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	env := map[string]string{"QW_DATA_DIR": data}
	x := excelize.NewFile()
	_ = x.SetSheetName("Sheet1", "OPD")
	_ = x.SetSheetRow("OPD", "A1", &[]any{"Kode", "Nama"})
	_ = x.SetSheetRow("OPD", "A2", &[]any{"DINKES", "Dinas Kesehatan"})
	_ = x.SetSheetRow("OPD", "A4", &[]any{"dishub", "Dinas Perhubungan"}) // after an empty row
	book := filepath.Join(dir, "opd.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, env, "opd", "import", book); code != 0 || !strings.Contains(out, "2 new") {
		t.Fatalf("xlsx import: %d %q %q", code, out, errOut)
	}
	_ = x.SetSheetRow("OPD", "A5", &[]any{"1X", "Salah"})
	_ = x.SaveAs(book)
	if code, _, errOut := run(t, env, "opd", "import", book); code != exitError || !strings.Contains(errOut, "Lembar OPD, baris 5, kolom Kode: Kode OPD \"1X\" tidak valid") {
		t.Errorf("bad xlsx row: %d %q", code, errOut)
	}

	// Excel's "CSV" on Windows writes Windows-1252: "Perhubungan –" with
	// an en dash (0x96) and "é" (0xE9).
	cp1252 := filepath.Join(dir, "opd-windows.csv")
	os.WriteFile(cp1252, []byte("kode,nama\r\nDISHUB,Dinas Perhubungan \x96 Terminal\r\nDISBUD,Dinas Kebudayaan Caf\xe9\r\n"), 0o600)
	if code, out, errOut := run(t, env, "opd", "import", cp1252); code != 0 || !strings.Contains(out, "1 new, 1 updated") {
		t.Fatalf("cp1252 import: %d %q %q", code, out, errOut)
	}
	// A byte Windows-1252 does not define, or a stored replacement
	// character, is refused with its line.
	broken := filepath.Join(dir, "broken.csv")
	os.WriteFile(broken, []byte("kode,nama\nDINSOS,Dinas Sosial\nDISPAR,Dinas Pariwisata \xef\xbf\xbd\n"), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", broken); code != exitError || !strings.Contains(errOut, "line 3: a character cannot be read") {
		t.Errorf("broken csv: %d %q", code, errOut)
	}
	os.WriteFile(broken, []byte("kode,nama\nDISPAR,Dinas Pariwisata \x81\n"), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", broken); code != exitError || !strings.Contains(errOut, "line 2: a character cannot be read") {
		t.Errorf("undefined Windows-1252 byte: %d %q", code, errOut)
	}
	s, tenant := openData(t, data)
	for code, want := range map[string]string{"DISHUB": "Dinas Perhubungan – Terminal", "DISBUD": "Dinas Kebudayaan Café", "DINKES": "Dinas Kesehatan"} {
		o, err := s.OPD(context.Background(), tenant.ID, code)
		if err != nil || o.Name != want {
			t.Errorf("%s: %+v %v, want %q", code, o, err, want)
		}
	}
	if _, err := s.OPD(context.Background(), tenant.ID, "DINSOS"); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("a refused file stored DINSOS: %v", err)
	}
}

func TestImportTemplateDryRunAndImport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	env := map[string]string{"QW_DATA_DIR": data}
	csv := filepath.Join(dir, "opd.csv")
	os.WriteFile(csv, []byte("kode,nama\nDINKES,Dinas Kesehatan\nDISDIK,Dinas Pendidikan\n"), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", csv); code != 0 {
		t.Fatal(errOut)
	}
	tpl := filepath.Join(dir, "templat.xlsx")
	if code, out, errOut := run(t, env, "import", "template", "--out", tpl); code != 0 || !strings.Contains(out, "wrote "+tpl) {
		t.Fatalf("template: %d %q %q", code, out, errOut)
	}
	// The untouched template is refused: its example rows are examples.
	code, _, errOut := run(t, env, "import", tpl, "--dry-run")
	if code != exitError || !strings.Contains(errOut, "Lembar Quick win, baris 2, kolom Judul: ini baris contoh dari templat") {
		t.Errorf("untouched template: %d %q", code, errOut)
	}
	x, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.GetSheetList(); strings.Join(got, ",") != "Petunjuk,Quick win,Langkah aksi,Daftar" {
		t.Errorf("sheets %v", got)
	}
	dvs, _ := x.GetDataValidations("Quick win")
	if len(dvs) < 6 {
		t.Errorf("%d data validations on the quick-win sheet", len(dvs))
	}
	// Overwrite the examples as an official would.
	_ = x.SetSheetRow("Quick win", "A2", &[]any{"DINKES", nil, "Posyandu aktif setiap bulan", nil, nil, "Tahapan (milestone)", nil, nil, nil, nil, "02/01/2027", "30 Juni 2027"})
	_ = x.RemoveRow("Quick win", 3)
	_ = x.SetSheetRow("Langkah aksi", "A2", &[]any{nil, "Posyandu aktif setiap bulan", "DINKES", nil, "Data posyandu", "Kasi Kesga", "31/03/2027"})
	_ = x.RemoveRow("Langkah aksi", 3)
	filled := filepath.Join(dir, "isi.xlsx")
	if err := x.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	x.Close()
	code, out, errOut := run(t, env, "import", filled, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 OPD · 1 quick win baru · 0 diubah · 1 langkah aksi baru") || !strings.Contains(out, "dry run: nothing stored") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := run(t, env, "import", filled); code != 0 || !strings.Contains(out, "imported: 1 new, 0 changed") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	s, tenant := openData(t, data)
	c, err := s.QuickWinByCode(context.Background(), tenant.ID, "DINKES-01")
	if err != nil || c.Title != "Posyandu aktif setiap bulan" || len(c.Steps) != 1 || c.Steps[0].Owner != "Kasi Kesga" {
		t.Errorf("imported %+v %v", c, err)
	}
	if code, _, _ := run(t, env, "import"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
}
