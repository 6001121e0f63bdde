package store_test

import (
	"fmt"
	"testing"
	"time"

	"quickwin"
	"quickwin/store/storetest"
)

// BenchmarkEvidenceReadsAtAYear measures the archive's reads when the
// evidence collection holds a year of one regency (24,000 files, all
// archived): the worker's look for due files (idle) and the listing of one
// report's records. The claim reads only the work queue, which archiving
// empties; the records' reads scan the whole collection on the embedded
// database (the bot and the dashboard do not read them: a report's
// evidence carries its hash).
func BenchmarkEvidenceReadsAtAYear(b *testing.B) {
	s := storetest.New(b)
	now := time.Date(2027, 12, 31, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	var recs []quickwin.EvidenceRecord
	for r := range 12000 {
		for _, side := range []string{"a", "b"} {
			fid := fmt.Sprintf("f%05d-%s", r, side)
			rid := fmt.Sprintf("r%05d", r)
			recs = append(recs, quickwin.EvidenceRecord{ID: quickwin.EvidenceRecordID(rid, fid), TenantID: "t1", ReportID: rid, ReportDate: now,
				Evidence: quickwin.Evidence{FileID: fid, Kind: "photo", SHA256: "0123", ContentType: "image/jpeg"},
				State:    quickwin.EvidenceArchived, Size: 300 << 10, ArchivedAt: now, CreatedAt: now})
		}
	}
	if err := s.InsertEvidenceForTest(ctx, recs); err != nil {
		b.Fatal(err)
	}
	b.Run("idle-claim", func(b *testing.B) {
		for range b.N {
			if got, err := s.ClaimEvidence(ctx, "w", 8, now, time.Hour); err != nil || len(got) != 0 {
				b.Fatalf("claimed %d, %v", len(got), err)
			}
		}
	})
	seq := 0 // sub-benchmarks run more than once: each run needs new files
	b.Run("queue-claim-archive-one", func(b *testing.B) {
		for range b.N {
			seq++
			i := seq
			rep := &quickwin.Report{ID: fmt.Sprintf("new%05d", i), TenantID: "t1", Date: now, Evidence: []quickwin.Evidence{{FileID: fmt.Sprintf("n%05d", i), Kind: "photo"}}}
			if err := s.QueueEvidence(ctx, rep); err != nil {
				b.Fatal(err)
			}
			got, err := s.ClaimEvidence(ctx, "w", 8, now, time.Hour)
			if err != nil || len(got) != 1 {
				b.Fatalf("claimed %d, %v", len(got), err)
			}
			if err := s.MarkEvidenceArchived(ctx, got[0], "0123", 300<<10, "image/jpeg", now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("report-records", func(b *testing.B) {
		for i := range b.N {
			if recs, err := s.EvidenceOfReport(ctx, "t1", fmt.Sprintf("r%05d", i%12000)); err != nil || len(recs) != 2 {
				b.Fatal(len(recs), err)
			}
		}
	})
}
