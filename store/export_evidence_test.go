package store

import (
	"context"

	"quickwin"
)

// DropEvidenceQueueForTest loses the archive's work queue, as a process
// that died between recording and queueing files would.
func (s *Store) DropEvidenceQueueForTest(ctx context.Context) error {
	return s.c(colEvidenceQueue).Drop(ctx)
}

// InsertEvidenceForTest stores archived records as they are, in bulk, for
// benchmarks that need a year of them.
func (s *Store) InsertEvidenceForTest(ctx context.Context, recs []quickwin.EvidenceRecord) error {
	docs := make([]any, len(recs))
	for i, r := range recs {
		docs[i] = r
	}
	_, err := s.c(colEvidence).InsertMany(ctx, docs)
	return err
}
