package store_test

import (
	"fmt"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

// BenchmarkSweepStepEvidence measures the archive worker's start-up sweep
// on a regency's year: 1,000 quick wins of four steps, two of them done
// with a photo each, and 24,000 archived report records.
//
//   - first-start: the first start after the upgrade. Of the 2,000 done
//     steps, 1,000 were finished by reports (their files are held by the
//     reports' records) and 1,000 were marked done in the plan with no
//     record: the sweep records and queues those.
//   - later-start: every start after that, with no step done since.
func BenchmarkSweepStepEvidence(b *testing.B) {
	now := time.Date(2027, 12, 31, 9, 0, 0, 0, time.UTC)
	seed := func(b *testing.B) *store.Store {
		b.Helper()
		s, insert := storetest.Seeded(b)
		s.Clock = quickwin.ClockFunc(func() time.Time { return now })
		var qws, recs []any
		for q := range 1000 {
			c := quickwin.QuickWin{ID: fmt.Sprintf("q%04d", q), TenantID: "t1", Code: fmt.Sprintf("OPD%02d-%02d", q/25, q%25), OPDCode: fmt.Sprintf("OPD%02d", q/25),
				Title: "Quick win", Kind: quickwin.KindMilestone, Status: quickwin.StatusActive, Start: now.AddDate(-1, 0, 0), Deadline: now, Version: 1}
			for k := range 4 {
				st := quickwin.Step{ID: fmt.Sprintf("s%d", k), Title: "Langkah", Due: now}
				if k < 2 {
					st.DoneAt = now.AddDate(0, -k-1, 0)
					st.Evidence = []quickwin.Evidence{{FileID: fmt.Sprintf("f-%s-%d", c.ID, k), Kind: "photo"}}
				}
				c.Steps = append(c.Steps, st)
			}
			qws = append(qws, c)
		}
		for r := range 12000 {
			for _, side := range []string{"a", "b"} {
				fid := fmt.Sprintf("f%05d-%s", r, side)
				if r < 1000 && side == "a" {
					fid = fmt.Sprintf("f-q%04d-0", r) // the file of step s0, which this report finished
				}
				rid := fmt.Sprintf("r%05d", r)
				recs = append(recs, quickwin.EvidenceRecord{ID: quickwin.EvidenceRecordID(rid, fid), TenantID: "t1", ReportID: rid, ReportDate: now,
					Evidence: quickwin.Evidence{FileID: fid, Kind: "photo", SHA256: "0123", ContentType: "image/jpeg"},
					State:    quickwin.EvidenceArchived, Size: 300 << 10, ArchivedAt: now, CreatedAt: now})
			}
		}
		insert("commitments", qws)
		insert("evidence", recs)
		return s
	}
	sweep := func(b *testing.B, s *store.Store, want int) {
		if n, err := s.SweepStepEvidence(ctx); err != nil || n != want {
			b.Fatalf("swept %d, %v; want %d", n, err, want)
		}
	}
	b.Run("first-start", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			s := seed(b)
			b.StartTimer()
			sweep(b, s, 1000)
		}
	})
	b.Run("later-start", func(b *testing.B) {
		s := seed(b)
		sweep(b, s, 1000)
		b.ResetTimer()
		for range b.N {
			sweep(b, s, 0)
		}
	})
}
