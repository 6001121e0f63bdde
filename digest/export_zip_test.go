package digest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
)

// memoryBlobs is an archive's bytes in memory.
type memoryBlobs map[string][]byte

func (m memoryBlobs) OpenBlob(_ context.Context, sum string) (io.ReadCloser, error) {
	b, ok := m[sum]
	if !ok {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "no %s", sum)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// archiveAll archives every queued file of the fixture with content made
// from its file id (a quick win's reports share one photo), except the
// files of the report skip.
func archiveAll(t *testing.T, f *fixture, skip string) (memoryBlobs, map[string][]byte) {
	t.Helper()
	blobs, byRecord := memoryBlobs{}, map[string][]byte{}
	recs, err := f.s.ClaimEvidence(ctx, "test", 1000, f.now, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.ReportID == skip {
			continue
		}
		data := []byte("\xff\xd8\xff\xe0 JPEG of " + r.FileID)
		h := sha256.Sum256(data)
		sum := hex.EncodeToString(h[:])
		blobs[sum] = data
		byRecord[r.ReportID] = data
		if err := f.s.MarkEvidenceArchived(ctx, r, sum, int64(len(data)), "image/jpeg", f.now); err != nil {
			t.Fatal(err)
		}
	}
	return blobs, byRecord
}

type source struct {
	*fixture
	memoryBlobs
}

func (s source) EvidenceOfTenant(_ context.Context, tenantID string) ([]quickwin.EvidenceRecord, error) {
	return s.s.EvidenceOfTenant(ctx, tenantID)
}

func TestExportZipHoldsEvidenceLinkedFromWorkbook(t *testing.T) {
	t.Parallel()
	f := regency(t)
	march, err := f.s.ReportsDated(ctx, f.tenant.ID, day(2027, 3, 1), day(2027, 4, 1))
	if err != nil || len(march) != 6 {
		t.Fatalf("March reports: %d, %v", len(march), err)
	}
	var pupils string
	for _, r := range march {
		if r.Value != nil && *r.Value == 700 {
			pupils = r.ID
		}
	}
	blobs, content := archiveAll(t, f, pupils)
	var buf bytes.Buffer
	z := EvidenceZip{Publisher: f.publisher(), Files: source{f, blobs}}
	st, err := z.Write(ctx, &buf, f.tenant.ID, "id", day(2027, 3, 1), day(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	if st.Reports != 6 || st.Files != 5 || st.Missing != 1 {
		t.Errorf("stats %+v, want 6 reports, 5 files, 1 missing", st)
	}
	entries := unzip(t, buf.Bytes()) // export_zip_steps_test.go
	book := openBook(t, entries[st.FileName])
	sheet := "Laporan"
	rows, err := book.f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := len(rows[0]) - 1
	if rows[0][col] != "Berkas bukti (folder)" {
		t.Fatalf("last column %q", rows[0][col])
	}
	if len(rows) != 7 {
		t.Errorf("%d report rows, want the 6 of March", len(rows)-1)
	}
	link := regexp.MustCompile(`^HYPERLINK\("(bukti/[^"]+)/","[^"]+"\)$`)
	linked := 0
	for r := 2; r <= len(rows); r++ {
		ref, _ := excelize.CoordinatesToCellName(col+1, r)
		formula, _ := book.f.GetCellFormula(sheet, ref)
		if formula == "" {
			continue
		}
		m := link.FindStringSubmatch(formula)
		if m == nil {
			t.Errorf("%s: formula %q is not a relative link to a folder", ref, formula)
			continue
		}
		linked++
		var inFolder []string
		for name := range entries {
			if strings.HasPrefix(name, m[1]+"/") {
				inFolder = append(inFolder, name)
			}
		}
		if len(inFolder) != 1 || !strings.HasSuffix(inFolder[0], "/01.jpg") {
			t.Errorf("%s links to %s holding %v, want one photo", ref, m[1], inFolder)
		}
	}
	if linked != 5 {
		t.Errorf("%d rows link to files, want 5", linked)
	}
	for _, r := range march {
		if r.ID == pupils {
			continue
		}
		c, _ := f.s.QuickWin(ctx, f.tenant.ID, r.QuickWinID)
		name := "bukti/" + r.OPDCode + "/" + c.Code + "/" + r.Date.In(jakarta).Format("2006-01-02") + "_" + r.ID[:8] + "/01.jpg"
		if got, ok := entries[name]; !ok || !bytes.Equal(got, content[r.ID]) {
			t.Errorf("%s: %d bytes (present %v), want the archived %d", name, len(got), ok, len(content[r.ID]))
		}
	}
	if len(entries) != 6 {
		t.Errorf("%d entries in the ZIP, want the workbook and 5 files", len(entries))
	}
}

// countingStore counts the whole-tenant reads the ZIP export makes.
type countingStore struct {
	ReadStore
	quickWins, reports int
}

func (c *countingStore) QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error) {
	c.quickWins++
	return c.ReadStore.QuickWins(ctx, tenantID, f)
}

func (c *countingStore) ReportsDated(ctx context.Context, tenantID string, from, to time.Time) ([]quickwin.Report, error) {
	c.reports++
	return c.ReadStore.ReportsDated(ctx, tenantID, from, to)
}

// TestExportZipReadsOnce: the ZIP's folders and its workbook come from one
// reading of the quick wins and of the period's reports (each a scan of a
// whole collection on the embedded database).
func TestExportZipReadsOnce(t *testing.T) {
	t.Parallel()
	f := regency(t)
	blobs, _ := archiveAll(t, f, "")
	counting := &countingStore{ReadStore: f.s}
	z := EvidenceZip{Publisher: New(counting, quickwin.ClockFunc(func() time.Time { return f.now })), Files: source{f, blobs}}
	st, err := z.Write(ctx, io.Discard, f.tenant.ID, "id", day(2027, 3, 1), day(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	if st.Files == 0 || counting.quickWins != 1 || counting.reports != 1 {
		t.Errorf("%d files; quick wins read %d times, reports %d times, want once each", st.Files, counting.quickWins, counting.reports)
	}
}
