package dashboard

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/evidence"
)

// TestStepEvidenceFromTheArchive: a photo sent when a step was marked done
// outside a report is shown on the quick win's page from the archive, to
// those who may see the quick win; a step finished by a report links to
// the report's file.
func TestStepEvidenceFromTheArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	blobs := evidence.Dir{Root: t.TempDir()}
	f.handler.cfg.Evidence = evidence.Files{Records: f.s, Blobs: blobs}
	stunting := f.qw["stunting"]
	c, err := f.s.UpdateQuickWin(ctx, f.members["head"], quickwin.ActEditSteps, f.tenant.ID, stunting.ID, "steps.done", "", func(q *quickwin.QuickWin) error {
		q.CompleteStep(0, f.now, []quickwin.Evidence{{FileID: "AgAC-step", Kind: "photo", Caption: "pendataan selesai"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	photo := []byte("\xff\xd8\xff\xe0 foto pendataan")
	archivePhoto(t, f, blobs, photo, func(r quickwin.EvidenceRecord) bool { return r.StepID == c.Steps[0].ID })

	head := f.signIn("head")
	stepURL := "/app/qw/" + c.ID + "/step/" + c.Steps[0].ID + "/evidence/0"
	if page := f.get(head, "/app/qw/"+c.ID); page.status != 200 || !strings.Contains(page.body, `<img src="`+stepURL+`"`) {
		t.Errorf("the quick win's page does not show the step's photo at %s (status %d)", stepURL, page.status)
	}
	got := f.get(head, stepURL)
	if got.status != 200 || got.header.Get("Content-Type") != "image/jpeg" || got.body != string(photo) {
		t.Errorf("the step's archived photo: %d %s %q", got.status, got.header.Get("Content-Type"), got.body)
	}
	for _, bad := range []string{"/evidence/1", "/evidence/-1", "/evidence/x"} {
		if got := f.get(head, strings.TrimSuffix(stepURL, "/evidence/0")+bad); got.status != 404 {
			t.Errorf("%s: %d, want 404", bad, got.status)
		}
	}
	if got := f.get(head, "/app/qw/"+c.ID+"/step/nosuch/evidence/0"); got.status != 404 {
		t.Errorf("an unknown step: %d, want 404", got.status)
	}
	if got := f.get(f.signIn("head2"), stepURL); got.status == 200 || got.body == string(photo) {
		t.Errorf("the head of another OPD got the photo: %d", got.status)
	}

	// The app's first step was finished by a report: it links to the
	// report's file, which the report's record archives.
	app := f.qw["app"]
	reps, err := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{QuickWinID: app.ID})
	if err != nil || len(reps) != 1 {
		t.Fatalf("app reports: %d, %v", len(reps), err)
	}
	admin := f.signIn("admin")
	page := f.get(admin, "/app/qw/"+app.ID)
	if !strings.Contains(page.body, `<img src="/app/evidence/`+reps[0].ID+`/0"`) || strings.Contains(page.body, "/step/") {
		t.Errorf("the step finished by a report does not link to the report's photo:\n%s", page.body)
	}
	// Its step address finds the report's archived file too.
	archivePhoto(t, f, blobs, photo, func(r quickwin.EvidenceRecord) bool { return r.ReportID == reps[0].ID && r.Seq == 0 })
	app, _ = f.s.QuickWin(ctx, f.tenant.ID, app.ID)
	if got := f.get(admin, "/app/qw/"+app.ID+"/step/"+app.Steps[0].ID+"/evidence/0"); got.status != 200 || got.body != string(photo) {
		t.Errorf("the step's address of a report's photo: %d %q", got.status, got.body)
	}
}

// archivePhoto archives data as the queued file that match picks out: its
// bytes in blobs, its record (and the report's or step's evidence) marked.
func archivePhoto(t *testing.T, f *fixture, blobs evidence.Dir, data []byte, match func(quickwin.EvidenceRecord) bool) {
	t.Helper()
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	if err := blobs.Put(ctx, sum, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	// Claimed far ahead, so every queued file is due whatever the clock,
	// and for no time, so the next call claims the others again.
	recs, err := f.s.ClaimEvidence(ctx, "test", 1000, time.Now().Add(24*time.Hour*365*5), 0)
	if err != nil {
		t.Fatal(err)
	}
	archived := false
	for _, r := range recs {
		if match(r) {
			if err := f.s.MarkEvidenceArchived(ctx, r, sum, int64(len(data)), "image/jpeg", time.Now()); err != nil {
				t.Fatal(err)
			}
			archived = true
		}
	}
	if !archived {
		t.Fatalf("the file was not queued for the archive: %d records", len(recs))
	}
}
