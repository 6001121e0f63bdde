package store

import "context"

// DropEvidenceQueueForTest loses the archive's work queue, as a process
// that died between recording and queueing files would.
func (s *Store) DropEvidenceQueueForTest(ctx context.Context) error {
	return s.c(colEvidenceQueue).Drop(ctx)
}
