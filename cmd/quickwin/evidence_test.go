package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/store"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// TestEvidenceArchiveAndZipExport goes the whole way on the embedded
// database: two reports carry the same photo (sent twice) and a document;
// the archive's worker, wired as serve wires it, fetches them from the fake
// Telegram — the first download fails and is retried — and keeps the photo
// once under QW_DATA_DIR/evidence; `quickwin export --evidence` then
// writes a ZIP whose files have the archived bytes and are linked from the
// workbook's report rows.
func TestEvidenceArchiveAndZipExport(t *testing.T) {
	dir := t.TempDir()
	wib, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2027, 3, 24, 7, 0, 0, 0, wib)
	seed(t, dir, now)
	ctx := context.Background()
	srv := telegramtest.New(t)
	user := srv.NewUser(2, "Dewi", "id")
	photo := telegramtest.DefaultPhoto()
	doc := []byte("%PDF-1.4 berita acara")

	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	tenants, _ := s.Tenants(ctx)
	head, _ := s.MemberByTelegramID(ctx, 2)
	qws, _ := s.QuickWins(ctx, tenants[0].ID, quickwin.QuickWinFilter{})
	for i, ev := range [][]quickwin.Evidence{
		{{FileID: user.SendPhotoData(photo, "balai desa").FileID, Kind: "photo", Caption: "balai desa"}},
		{{FileID: user.SendPhotoData(photo, "").FileID, Kind: "photo"}, {FileID: user.SendDocument("BA serah terima.pdf", doc, "").FileID, Kind: "document", FileName: "BA serah terima.pdf"}},
	} {
		v := float64(10 * (i + 1))
		if _, err := s.CreateReport(ctx, head, &quickwin.Report{TenantID: tenants[0].ID, QuickWinID: qws[0].ID, Value: &v, Evidence: ev}); err != nil {
			t.Fatal(err)
		}
	}

	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: api, APIEndpoint: srv.APIEndpoint()})
	arch := newArchiver(&Config{DataDir: dir}, s, client, "test", s.Clock, slog.New(slog.DiscardHandler))
	srv.FailNext("getFile", 1, 500, 0)
	if n, err := arch.ArchiveDue(ctx); err != nil || n != 3 {
		t.Fatalf("ArchiveDue = %d, %v", n, err)
	}
	now = now.Add(time.Minute) // the failed one is due again
	if n, err := arch.ArchiveDue(ctx); err != nil || n != 1 {
		t.Fatalf("retry: ArchiveDue = %d, %v", n, err)
	}
	recs, _ := s.EvidenceOfTenant(ctx, tenants[0].ID)
	for _, r := range recs {
		if r.State != quickwin.EvidenceArchived {
			t.Errorf("record %s is %s", r.ID, r.State)
		}
	}
	_ = s.Close(ctx)
	var stored int
	_ = filepath.WalkDir(filepath.Join(dir, "evidence"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			stored++
		}
		return nil
	})
	if stored != 2 {
		t.Errorf("%d files under QW_DATA_DIR/evidence, want 2 (the photo once, the document)", stored)
	}

	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error"}
	out := filepath.Join(t.TempDir(), "bukti.zip")
	code, stdout, stderr := run(t, env, "export", "--out", out, "--evidence", "--from", "2027-03-01", "--to", "2027-03-31")
	if code != 0 || !strings.Contains(stdout, "2 reports, 3 evidence files") {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	var book string
	for _, f := range zr.File {
		rc, _ := f.Open()
		entries[f.Name], _ = io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, ".xlsx") {
			book = f.Name
		}
	}
	var photos, docs int
	for name, data := range entries {
		switch {
		case strings.HasSuffix(name, "/01.jpg") && bytes.Equal(data, photo):
			photos++
		case strings.HasSuffix(name, "/02_BA serah terima.pdf") && bytes.Equal(data, doc):
			docs++
		}
	}
	if photos != 2 || docs != 1 {
		t.Errorf("ZIP holds %d photos and %d documents with the archived bytes, want 2 and 1: %v", photos, docs, keys(entries))
	}
	f, err := excelize.OpenReader(bytes.NewReader(entries[book]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Laporan")
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), 3)
	formula, _ := f.GetCellFormula("Laporan", last)
	if !strings.HasPrefix(formula, `HYPERLINK("bukti/DINKES/`) {
		t.Fatalf("report row links with %q", formula)
	}
	folder := strings.TrimPrefix(formula, `HYPERLINK("`)
	folder = folder[:strings.Index(folder, `"`)]
	if _, ok := entries[folder+"01.jpg"]; !ok {
		t.Errorf("link %q leads to no file: %v", folder, keys(entries))
	}

	if code, _, stderr := run(t, env, "export", "--out", out, "--evidence", "--from", "1 Maret"); code != exitUsage || !strings.Contains(stderr, "2027-03-31") {
		t.Errorf("bad --from: %d %q", code, stderr)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
