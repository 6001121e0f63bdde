package store_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"testing"
	"time"

	"quickwin"
	"quickwin/store/storetest"
)

func TestEvidenceQueueClaimAndMark(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	rep := &quickwin.Report{ID: "r1", TenantID: "t1", QuickWinID: "c1", OPDCode: "DINKES", ReporterID: "m1", Date: now,
		Evidence: []quickwin.Evidence{{FileID: "f1", Kind: "photo", Caption: "depan"}, {FileID: "f2", Kind: "document", FileName: "sk.pdf"}}}
	for range 2 { // queueing again stores nothing new
		if err := s.QueueEvidence(ctx, rep); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := s.EvidenceOfReport(ctx, "t1", "r1")
	if err != nil || len(recs) != 2 {
		t.Fatalf("EvidenceOfReport = %d, %v; want 2", len(recs), err)
	}
	if r := recs[0]; r.Caption != "depan" || r.State != quickwin.EvidencePending || r.OPDCode != "DINKES" || r.ReporterID != "m1" {
		t.Errorf("first record %+v", r)
	}
	claimed, err := s.ClaimEvidence(ctx, "w1", 10, now, time.Minute)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim = %d, %v; want 2", len(claimed), err)
	}
	if again, _ := s.ClaimEvidence(ctx, "w2", 10, now, time.Minute); len(again) != 0 {
		t.Errorf("a second worker claimed %d records held by the first", len(again))
	}
	// The first worker dies: its claims expire and another takes them.
	if late, _ := s.ClaimEvidence(ctx, "w2", 10, now.Add(2*time.Minute), time.Minute); len(late) != 2 {
		t.Errorf("after the claim expired: claimed %d, want 2", len(late))
	}
	if err := s.MarkEvidenceArchived(ctx, claimed[0], "abc", 3, "image/jpeg", now); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkEvidenceRetry(ctx, claimed[1].ID, now.Add(time.Hour), "boom"); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.ClaimEvidence(ctx, "w3", 10, now.Add(30*time.Minute), time.Minute); len(due) != 0 {
		t.Errorf("claimed %d before the retry is due", len(due))
	}
	due, _ := s.ClaimEvidence(ctx, "w3", 10, now.Add(time.Hour), time.Minute)
	if len(due) != 1 || due[0].LastError != "boom" || due[0].Attempts != 1 || due[0].FileID != "f2" {
		t.Errorf("due retry = %+v", due)
	}
	recs, _ = s.EvidenceOfReport(ctx, "t1", "r1")
	if r := recs[0]; r.State != quickwin.EvidenceArchived || r.SHA256 != "abc" || r.ContentType != "image/jpeg" || r.Size != 3 {
		t.Errorf("archived record = %+v", r)
	}
	// Queueing the report again (a correction) fetches nothing again.
	if err := s.QueueEvidence(ctx, rep); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkEvidenceAbandoned(ctx, due[0].ID, "too large"); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.ClaimEvidence(ctx, "w4", 10, now.Add(24*time.Hour), time.Minute); len(left) != 0 {
		t.Errorf("after archiving and abandoning: %d files still queued", len(left))
	}
	if n, err := s.RequeueStranded(ctx); err != nil || n != 0 {
		t.Errorf("RequeueStranded = %d, %v; nothing is stranded", n, err)
	}
}

// TestEvidenceStrandedIsRequeued: a record whose work was lost (the
// process died between the two inserts) is queued again.
func TestEvidenceStrandedIsRequeued(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	rep := &quickwin.Report{ID: "r1", TenantID: "t1", Date: now, Evidence: []quickwin.Evidence{{FileID: "f1", Kind: "photo"}}}
	if err := s.QueueEvidence(ctx, rep); err != nil {
		t.Fatal(err)
	}
	claimed, _ := s.ClaimEvidence(ctx, "w", 10, now, time.Minute)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d", len(claimed))
	}
	if err := s.DropEvidenceQueueForTest(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RequeueStranded(ctx); err != nil || n != 1 {
		t.Fatalf("RequeueStranded = %d, %v; want 1", n, err)
	}
	if again, _ := s.ClaimEvidence(ctx, "w", 10, now, time.Minute); len(again) != 1 || again[0].FileID != "f1" {
		t.Errorf("requeued work = %+v", again)
	}
}

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// TestGridFSBlobs stores a few small files in GridFS: on the embedded
// FerretDB by default, on a real MongoDB with QW_TEST_MONGODB_URI.
func TestGridFSBlobs(t *testing.T) {
	t.Parallel()
	if os.Getenv("QW_TEST_MONGODB_URI") == "" {
		t.Log("GridFS on the embedded FerretDB")
	}
	s := storetest.New(t)
	blobs := s.GridFSBlobs()
	small := []byte("foto kecil")
	big := make([]byte, 600<<10) // several 255 kB chunks
	_, _ = rand.Read(big)
	for _, data := range [][]byte{small, big} {
		for range 2 { // the same content twice: stored once
			if err := blobs.Put(ctx, sum(data), bytes.NewReader(data)); err != nil {
				t.Fatalf("Put %d bytes: %v", len(data), err)
			}
		}
		rc, err := blobs.Open(ctx, sum(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes (%v), want %d equal bytes", len(got), err, len(data))
		}
	}
	n, err := blobs.FileCount(ctx)
	if err != nil || n != 2 {
		t.Errorf("files stored = %d, %v; want 2 (each content once)", n, err)
	}
	if err := blobs.Put(ctx, sum([]byte("x")), bytes.NewReader([]byte("y"))); quickwin.ErrorCode(err) != quickwin.EINVALID {
		t.Errorf("wrong hash: got %v, want EINVALID", err)
	}
	if _, err := blobs.Open(ctx, sum([]byte("x"))); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("after a refused Put: got %v, want ENOTFOUND", err)
	}
}
