package digest

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
)

// markStepDone marks the step titled title of c done at `at` with a photo,
// as the plan's "mark done" does.
func (f *fixture) markStepDone(t *testing.T, c *quickwin.QuickWin, title string, at time.Time) (stepID string) {
	t.Helper()
	f.at(at)
	_, err := f.s.UpdateQuickWin(ctx, f.heads[c.OPDCode], quickwin.ActEditSteps, f.tenant.ID, c.ID, "steps.done", "", func(q *quickwin.QuickWin) error {
		for i, s := range q.Steps {
			if s.Title == title {
				q.CompleteStep(i, at, []quickwin.Evidence{{FileID: "step-photo-" + s.ID, Kind: "photo"}})
				stepID = s.ID
			}
		}
		return nil
	})
	if err != nil || stepID == "" {
		t.Fatalf("mark %q done: %v", title, err)
	}
	return stepID
}

// unzip reads every entry of a ZIP.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	entries := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		entries[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return entries
}

// stepLink is the formula of the files column in the step's row of the
// steps sheet.
func stepLink(t *testing.T, b *book, stepID string) string {
	t.Helper()
	const sheet = "Langkah aksi"
	rows, err := b.f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	files, id := slices.Index(rows[0], "Berkas bukti (folder)"), slices.Index(rows[0], "ID langkah")
	if files < 0 || id < 0 {
		t.Fatalf("steps sheet headers %q", rows[0])
	}
	for r, row := range rows[1:] {
		if len(row) > id && row[id] == stepID {
			ref, _ := excelize.CoordinatesToCellName(files+1, r+2)
			formula, _ := b.f.GetCellFormula(sheet, ref)
			return formula
		}
	}
	t.Fatalf("no row for step %s", stepID)
	return ""
}

// TestExportZipHoldsStepEvidence: a step marked done with a photo in March
// has a folder in March's ZIP with the archived bytes, and its row of the
// steps sheet links to it; a step finished by a March report links to
// that report's folder; a step done in April is not in March's ZIP.
func TestExportZipHoldsStepEvidence(t *testing.T) {
	t.Parallel()
	f := regency(t)
	app, err := f.s.QuickWinByCode(ctx, f.tenant.ID, "DINKES-03")
	if err != nil || app.Title != "Aplikasi antrean puskesmas" {
		t.Fatalf("DINKES-03 = %+v, %v", app, err)
	}
	trial := f.markStepDone(t, app, "Uji coba di 5 puskesmas", day(2027, 3, 30).Add(15*time.Hour))
	launch := f.markStepDone(t, app, "Peluncuran", day(2027, 4, 2).Add(9*time.Hour))
	f.at(digestNow)
	blobs, _ := archiveAll(t, f, "no report skipped")
	var buf bytes.Buffer
	z := EvidenceZip{Publisher: f.publisher(), Files: source{f, blobs}}
	st, err := z.Write(ctx, &buf, f.tenant.ID, "id", day(2027, 3, 1), day(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	if st.Steps != 1 || st.Files != 7 || st.Missing != 0 {
		t.Errorf("stats %+v, want 1 step and 7 files (6 reports' and the step's)", st)
	}
	entries := unzip(t, buf.Bytes())
	folder := "bukti/DINKES/DINKES-03/langkah-03_Uji coba di 5 puskesmas"
	want := []byte("\xff\xd8\xff\xe0 JPEG of step-photo-" + trial)
	if got, ok := entries[folder+"/01.jpg"]; !ok || !bytes.Equal(got, want) {
		t.Errorf("%s/01.jpg: %q (present %v), want the archived photo", folder, got, ok)
	}
	for name := range entries {
		if strings.Contains(name, "langkah-04") {
			t.Errorf("%s: a step done in April is in March's ZIP", name)
		}
	}
	book := openBook(t, entries[st.FileName])
	if got, want := stepLink(t, book, trial), `HYPERLINK("`+folder+`/","`+folder+`/ (1)")`; got != want {
		t.Errorf("the step's link = %s, want %s", got, want)
	}
	// "Pengadaan server" was finished by the report of 5 March.
	server := app.Steps[slices.IndexFunc(app.Steps, func(s quickwin.Step) bool { return s.Title == "Pengadaan server" })].ID
	if got := stepLink(t, book, server); !strings.HasPrefix(got, `HYPERLINK("bukti/DINKES/DINKES-03/2027-03-05_`) {
		t.Errorf("the step finished by a report links %q, want that report's folder", got)
	}
	if got := stepLink(t, book, launch); got != "" {
		t.Errorf("a step done in April links %q in March's workbook", got)
	}

	// Without a period both of the app's reports are in the ZIP, with the
	// same photo: each finished step links to the report that finished it.
	buf.Reset()
	if st, err = z.Write(ctx, &buf, f.tenant.ID, "id", time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	entries = unzip(t, buf.Bytes())
	book = openBook(t, entries[st.FileName])
	first := app.Steps[0].ID
	for id, date := range map[string]string{first: "2027-01-10_", server: "2027-03-05_"} {
		if got := stepLink(t, book, id); !strings.HasPrefix(got, `HYPERLINK("bukti/DINKES/DINKES-03/`+date) {
			t.Errorf("step %s links %q, want the report of %s", id, got, date)
		}
	}
	if got := stepLink(t, book, launch); !strings.Contains(got, "langkah-04_Peluncuran/") {
		t.Errorf("the step done in April links %q, want its own folder", got)
	}
}
