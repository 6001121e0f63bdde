package dashboard

import (
	"testing"

	"quickwin"
	"quickwin/evidence"
)

// TestThumbnailsFromTheEvidenceArchive plugs the real archive (files on
// disk, as cmd/quickwin does on the embedded database) into the seam: a
// report's archived photo is served with its bytes and type; a file not
// archived yet answers 404.
func TestThumbnailsFromTheEvidenceArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	blobs := evidence.Dir{Root: t.TempDir()}
	f.handler.cfg.Evidence = evidence.Files{Records: f.s, Blobs: blobs}
	reps, err := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{QuickWinID: f.qw["stunting"].ID})
	if err != nil || len(reps) == 0 {
		t.Fatal(err)
	}
	photo := []byte("\xff\xd8\xff\xe0 foto posyandu")
	archivePhoto(t, f, blobs, photo, func(r quickwin.EvidenceRecord) bool { return r.ReportID == reps[0].ID && r.Seq == 0 }) // evidence_step_test.go
	head := f.signIn("head")
	got := f.get(head, "/app/evidence/"+reps[0].ID+"/0")
	if got.status != 200 || got.header.Get("Content-Type") != "image/jpeg" || got.body != string(photo) {
		t.Errorf("archived photo: %d %s %q", got.status, got.header.Get("Content-Type"), got.body)
	}
	if got := f.get(head, "/app/evidence/"+reps[0].ID+"/1"); got.status != 404 {
		t.Errorf("a document not archived yet: %d, want 404", got.status)
	}
}
