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
	for r := range 12000 {
		rep := &quickwin.Report{ID: fmt.Sprintf("r%05d", r), TenantID: "t1", Date: now, Evidence: []quickwin.Evidence{
			{FileID: fmt.Sprintf("f%05d-a", r), Kind: "photo"}, {FileID: fmt.Sprintf("f%05d-b", r), Kind: "photo"}}}
		if err := s.QueueEvidence(ctx, rep); err != nil {
			b.Fatal(err)
		}
	}
	for archived := 0; archived < 24000; {
		recs, err := s.ClaimEvidence(ctx, "w", 500, now, time.Hour)
		if err != nil || len(recs) == 0 {
			b.Fatalf("claimed %d, %v", len(recs), err)
		}
		for _, r := range recs {
			if err := s.MarkEvidenceArchived(ctx, r, "0123", 300<<10, "image/jpeg", now); err != nil {
				b.Fatal(err)
			}
		}
		archived += len(recs)
	}
	b.Run("idle-claim", func(b *testing.B) {
		for range b.N {
			if got, err := s.ClaimEvidence(ctx, "w", 8, now, time.Hour); err != nil || len(got) != 0 {
				b.Fatalf("claimed %d, %v", len(got), err)
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
