package digest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quickwin"
)

// yearStore is one regency's year in memory, for the export benchmark:
// 40 OPDs, 1,000 quick wins, one report a month on each (12,000), two
// photos per report (24,000). Reading from memory leaves the ZIP's own
// cost: the workbook, and copying the photos into the archive file.
type yearStore struct {
	ReadStore // methods the export does not call stay nil
	tenant    quickwin.Tenant
	opds      []quickwin.OPD
	qws       []quickwin.QuickWin
	reports   []quickwin.Report
}

func (y *yearStore) Tenant(context.Context, string) (*quickwin.Tenant, error) { return &y.tenant, nil }
func (y *yearStore) OPDs(context.Context, string, bool) ([]quickwin.OPD, error) {
	return y.opds, nil
}
func (y *yearStore) Members(context.Context, string, bool) ([]quickwin.Member, error) {
	return nil, nil
}
func (y *yearStore) QuickWins(context.Context, string, quickwin.QuickWinFilter) ([]quickwin.QuickWin, error) {
	return append([]quickwin.QuickWin(nil), y.qws...), nil
}
func (y *yearStore) ReportsDated(_ context.Context, _ string, from, to time.Time) ([]quickwin.Report, error) {
	var out []quickwin.Report
	for _, r := range y.reports {
		if (from.IsZero() || !r.Date.Before(from)) && (to.IsZero() || r.Date.Before(to)) {
			out = append(out, r)
		}
	}
	return out, nil
}
func (y *yearStore) AuditLog(context.Context, string, time.Time, time.Time) ([]quickwin.AuditEntry, error) {
	return nil, nil
}

// yearBlobs serves 24 distinct photos of photoBytes each, in memory.
type yearBlobs struct {
	recs  []quickwin.EvidenceRecord
	blobs map[string][]byte
}

func (y *yearBlobs) EvidenceOfTenant(context.Context, string) ([]quickwin.EvidenceRecord, error) {
	return y.recs, nil
}
func (y *yearBlobs) OpenBlob(_ context.Context, sum string) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(y.blobs[sum])), nil
}

// photoBytes is the mean photo size measured by evidence's
// BenchmarkPhotoSizes (docs/BENCHMARKS-evidence.md).
const photoBytes = 317 << 10

func newYear(b *testing.B) (*yearStore, *yearBlobs) {
	y := &yearStore{tenant: quickwin.Tenant{ID: "t1", Name: "Kabupaten Contoh", TimeZone: "Asia/Jakarta", Lang: "id"}}
	ev := &yearBlobs{blobs: map[string][]byte{}}
	for i := range 24 {
		data := make([]byte, photoBytes)
		_, _ = rand.Read(data)
		ev.blobs[fmt.Sprintf("%064d", i)] = data
	}
	for o := range 40 {
		y.opds = append(y.opds, quickwin.OPD{TenantID: "t1", Code: fmt.Sprintf("OPD%02d", o), Name: fmt.Sprintf("Dinas nomor %d", o)})
	}
	n := 0
	for q := range 1000 {
		opd := y.opds[q%40].Code
		c := quickwin.QuickWin{ID: fmt.Sprintf("c%04d", q), TenantID: "t1", OPDCode: opd, Code: fmt.Sprintf("%s-%02d", opd, q/40+1),
			Title: "Quick win nomor " + fmt.Sprint(q), Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter, Target: 100, Unit: "%",
			Start: day(2027, 1, 1), Deadline: day(2027, 12, 31), Status: quickwin.StatusActive}
		y.qws = append(y.qws, c)
		for m := range 12 {
			v := float64(m * 8)
			r := quickwin.Report{ID: fmt.Sprintf("r%04d%02d", q, m), TenantID: "t1", QuickWinID: c.ID, OPDCode: opd,
				Date: day(2027, time.Month(m+1), 25), Value: &v, State: quickwin.VerifyVerified, CreatedAt: day(2027, time.Month(m+1), 25)}
			for k := range 2 {
				sum := fmt.Sprintf("%064d", n%24)
				n++
				e := quickwin.Evidence{FileID: fmt.Sprintf("f%d", n), Kind: "photo", SHA256: sum, ContentType: "image/jpeg"}
				r.Evidence = append(r.Evidence, e)
				ev.recs = append(ev.recs, quickwin.EvidenceRecord{ID: r.ID + "/" + e.FileID, TenantID: "t1", ReportID: r.ID, Seq: k,
					Evidence: e, State: quickwin.EvidenceArchived, Size: photoBytes})
			}
			y.reports = append(y.reports, r)
		}
	}
	return y, ev
}

// BenchmarkZipExportYear writes the export with evidence of a year (the
// workbook and 24,000 photos, about 7.3 GB) to a file on disk.
func BenchmarkZipExportYear(b *testing.B) {
	y, ev := newYear(b)
	z := EvidenceZip{Publisher: New(y, quickwin.ClockFunc(func() time.Time { return day(2028, 1, 2) })), Files: ev}
	out := filepath.Join(b.TempDir(), "year.zip")
	b.ResetTimer()
	for range b.N {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		st, err := z.Write(context.Background(), f, "t1", "id", day(2027, 1, 1), day(2028, 1, 1))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil || st.Files != 24000 || st.Reports != 12000 {
			b.Fatalf("%+v, %v", st, err)
		}
		info, _ := os.Stat(out)
		b.ReportMetric(float64(info.Size())/(1<<30), "GB")
		_ = os.Remove(out)
	}
}
