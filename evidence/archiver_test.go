package evidence_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/evidence"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

var ctx = context.Background()

// rig is a store, a fake Telegram with one user, and an archiver between
// them whose clock the test moves.
type rig struct {
	srv   *telegramtest.Server
	user  *telegramtest.User
	store *store.Store
	dir   evidence.Dir
	arch  *evidence.Archiver
	now   time.Time
}

func newRig(t *testing.T) *rig { return newRigTB(t) }

func newRigTB(t testing.TB) *rig { return newRigOn(t, storetest.New(t)) }

// newRigOn is a rig on the store s.
func newRigOn(t testing.TB, s *store.Store) *rig {
	t.Helper()
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: api, APIEndpoint: srv.APIEndpoint()})
	g := &rig{srv: srv, user: srv.NewUser(42, "Ani", "id"), store: s, dir: evidence.Dir{Root: t.TempDir()},
		now: time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)}
	g.store.Clock = quickwin.ClockFunc(func() time.Time { return g.now })
	g.arch = &evidence.Archiver{Records: g.store, Blobs: g.dir, Telegram: client, Owner: "test", Clock: g.store.Clock,
		Permanent: func(err error) bool { return errors.Is(err, telegram.ErrTooLarge) }}
	return g
}

// report queues a report whose files the user just sent.
func (g *rig) report(t *testing.T, id string, files ...quickwin.Evidence) {
	t.Helper()
	rep := &quickwin.Report{ID: id, TenantID: "t1", QuickWinID: "c1", OPDCode: "DINKES", ReporterID: "m1", Date: g.now, Evidence: files}
	if err := g.store.QueueEvidence(ctx, rep); err != nil {
		t.Fatal(err)
	}
}

func (g *rig) photo(data []byte, caption string) quickwin.Evidence {
	in := g.user.SendPhotoData(data, caption)
	return quickwin.Evidence{FileID: in.FileID, Kind: "photo", Caption: caption}
}

func hash(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

func countFiles(t *testing.T, root string) int {
	n := 0
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestArchiveFetchesOncePerContent(t *testing.T) {
	g := newRig(t)
	photo := telegramtest.DefaultPhoto()
	doc := []byte("%PDF-1.4 surat keputusan")
	// Two reports with the same photo (sent twice: two file ids) and a document.
	g.report(t, "r1", g.photo(photo, "pelayanan"))
	g.report(t, "r2", g.photo(photo, "lagi"), quickwin.Evidence{FileID: g.user.SendDocument("sk.pdf", doc, "").FileID, Kind: "document", FileName: "sk.pdf"})
	n, err := g.arch.ArchiveDue(ctx)
	if err != nil || n != 3 {
		t.Fatalf("ArchiveDue = %d, %v; want 3", n, err)
	}
	if got := countFiles(t, g.dir.Root); got != 2 {
		t.Errorf("%d files on disk, want 2 (the photo kept once)", got)
	}
	recs, _ := g.store.EvidenceOfReport(ctx, "t1", "r2")
	if len(recs) != 2 {
		t.Fatalf("r2 has %d records", len(recs))
	}
	want := []struct {
		sum, ctype, caption string
		size                int64
	}{{hash(photo), "image/jpeg", "lagi", int64(len(photo))}, {hash(doc), "application/pdf", "", int64(len(doc))}}
	for i, r := range recs {
		if r.State != quickwin.EvidenceArchived || r.SHA256 != want[i].sum || r.ContentType != want[i].ctype || r.Size != want[i].size || r.Caption != want[i].caption {
			t.Errorf("record %d = %+v, want %+v", i, r, want[i])
		}
	}
	files := evidence.Files{Records: g.store, Blobs: g.dir}
	if _, _, err := files.Open(ctx, "t1", quickwin.Evidence{FileID: recs[1].FileID}); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("evidence without its hash: %v, want ENOTFOUND", err)
	}
	rc, ctype, err := files.Open(ctx, "t1", recs[1].Evidence)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, doc) || ctype != "application/pdf" {
		t.Errorf("opened %q (%s), want the document", got, ctype)
	}
	if n, _ := g.arch.ArchiveDue(ctx); n != 0 {
		t.Errorf("a second pass handled %d records, want 0", n)
	}
}

func TestArchiveRetriesAfterFailedDownload(t *testing.T) {
	g := newRig(t)
	photo := telegramtest.DefaultPhoto()
	g.report(t, "r1", g.photo(photo, ""))
	g.srv.FailNext("getFile", 1, 502, 0)
	if n, err := g.arch.ArchiveDue(ctx); err != nil || n != 1 {
		t.Fatalf("ArchiveDue = %d, %v", n, err)
	}
	recs, _ := g.store.EvidenceOfReport(ctx, "t1", "r1")
	if r := recs[0]; r.State != quickwin.EvidencePending {
		t.Fatalf("after a failure: %+v, want pending", r)
	}
	if n, _ := g.arch.ArchiveDue(ctx); n != 0 {
		t.Errorf("retried before it was due")
	}
	g.now = g.now.Add(time.Minute)                               // EvidenceRetryDelay(1)
	due, err := g.store.ClaimEvidence(ctx, "peek", 10, g.now, 0) // a claim that lapses at once
	if err != nil || len(due) != 1 || due[0].Attempts != 1 || !strings.Contains(due[0].LastError, "Bad Gateway") {
		t.Fatalf("due after a minute: %+v, %v; want one attempt with the error", due, err)
	}
	g.now = g.now.Add(time.Second)
	if n, err := g.arch.ArchiveDue(ctx); err != nil || n != 1 {
		t.Fatalf("retry: ArchiveDue = %d, %v", n, err)
	}
	recs, _ = g.store.EvidenceOfReport(ctx, "t1", "r1")
	if r := recs[0]; r.State != quickwin.EvidenceArchived || r.SHA256 != hash(photo) || r.Attempts != 2 {
		t.Errorf("after the retry: %+v, want archived", r)
	}
}

func TestArchiveAbandonsTooLargeFile(t *testing.T) {
	g := newRig(t)
	big := make([]byte, quickwin.MaxEvidenceBytes+1)
	g.report(t, "r1", quickwin.Evidence{FileID: g.user.SendDocument("video.mp4", big, "").FileID, Kind: "document", FileName: "video.mp4"})
	if _, err := g.arch.ArchiveDue(ctx); err != nil {
		t.Fatal(err)
	}
	recs, _ := g.store.EvidenceOfReport(ctx, "t1", "r1")
	if recs[0].State != quickwin.EvidenceAbandoned {
		t.Errorf("a file over 20 MB: %+v, want abandoned", recs[0])
	}
}

func TestRunArchivesWhenWoken(t *testing.T) {
	g := newRig(t)
	g.arch.Poll = time.Hour // only Wake can make it look
	g.arch.Clock = quickwin.SystemClock{}
	g.store.Clock = quickwin.SystemClock{}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- g.arch.Run(rctx) }()
	g.report(t, "r1", g.photo(telegramtest.DefaultPhoto(), ""))
	g.arch.Wake()
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, _ := g.store.EvidenceOfReport(ctx, "t1", "r1")
		if len(recs) == 1 && recs[0].State == quickwin.EvidenceArchived {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not archived after waking the worker: %+v", recs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
}

func TestDirRefusesWrongHashAndBadNames(t *testing.T) {
	d := evidence.Dir{Root: t.TempDir()}
	if err := d.Put(ctx, hash([]byte("a")), bytes.NewReader([]byte("b"))); quickwin.ErrorCode(err) != quickwin.EINVALID {
		t.Errorf("wrong hash: %v, want EINVALID", err)
	}
	if n := countFiles(t, d.Root); n != 0 {
		t.Errorf("%d files left after a refused Put", n)
	}
	if _, err := d.Open(ctx, "../../etc/passwd"); quickwin.ErrorCode(err) != quickwin.EINVALID {
		t.Errorf("bad name: %v, want EINVALID", err)
	}
	if _, err := d.Open(ctx, hash([]byte("a"))); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("missing: %v, want ENOTFOUND", err)
	}
	sum := hash([]byte("a"))
	if err := d.Put(ctx, sum, bytes.NewReader([]byte("a"))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(d.Root, sum[:2], sum[2:4], sum)); err != nil {
		t.Errorf("content not at ab/cd/<sha256>: %v", err)
	}
}
