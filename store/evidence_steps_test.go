package store_test

import (
	"testing"
	"time"

	"quickwin"
)

// milestone is an active milestone quick win of DINKES with three steps.
func (f *fixture) milestone(t *testing.T) *quickwin.QuickWin {
	t.Helper()
	c := &quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Posyandu digital", Kind: quickwin.KindMilestone, Status: quickwin.StatusActive,
		Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}
	for _, title := range []string{"Survei lokasi", "Pengadaan alat", "Peluncuran"} {
		c.Steps = append(c.Steps, quickwin.Step{Title: title, Due: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)})
	}
	if err := f.s.CreateQuickWin(ctx, f.head, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// markDone marks step k done with files, as the bot's plan does.
func (f *fixture) markDone(t *testing.T, c *quickwin.QuickWin, k int, files ...quickwin.Evidence) *quickwin.QuickWin {
	t.Helper()
	after, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditSteps, f.tenant.ID, c.ID, "steps.done", "", func(q *quickwin.QuickWin) error {
		q.CompleteStep(k, f.now, files)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return after
}

// queued is the work due now, claimed and given back at once.
func (f *fixture) queued(t *testing.T) []quickwin.EvidenceRecord {
	t.Helper()
	recs, err := f.s.ClaimEvidence(ctx, "peek", 100, f.now, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Second) // the zero-length claims lapse
	return recs
}

func TestStepDoneWithFilesIsQueued(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.milestone(t)
	photo := quickwin.Evidence{FileID: "ph1", Kind: "photo", Caption: "alat tiba"}
	sk := quickwin.Evidence{FileID: "doc1", Kind: "document", FileName: "BAST.pdf"}
	c = f.markDone(t, c, 1, photo, sk)
	step := c.Steps[1]
	recs := f.queued(t)
	if len(recs) != 2 {
		t.Fatalf("queued %d files, want the step's 2", len(recs))
	}
	r := recs[0]
	if r.ID != quickwin.StepEvidenceRecordID(c.ID, step.ID, "ph1") || r.StepID != step.ID || r.ReportID != "" || r.QuickWinID != c.ID ||
		r.OPDCode != "DINKES" || r.ReporterID != f.head.ID || r.Caption != "alat tiba" || r.Seq != 0 || recs[1].Seq != 1 {
		t.Errorf("record %+v", r)
	}
	// Completing it again (a redelivered button) and other writes of the
	// plan queue nothing twice.
	f.markDone(t, c, 1, quickwin.Evidence{FileID: "ph2", Kind: "photo"})
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditSteps, f.tenant.ID, c.ID, "steps.move", "", func(q *quickwin.QuickWin) error {
		q.Steps[0], q.Steps[1] = q.Steps[1], q.Steps[0] // the done step moves up
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if again := f.queued(t); len(again) != 2 {
		t.Errorf("after completing again and a move: %d files queued, want the same 2", len(again))
	}
	all, _ := f.s.EvidenceOfTenant(ctx, f.tenant.ID)
	if len(all) != 2 {
		t.Errorf("%d records, want 2", len(all))
	}
	// Archived: the hash lands on the step's evidence, wherever the step
	// moved, and the quick win's version moves on.
	before, _ := f.s.QuickWin(ctx, f.tenant.ID, c.ID)
	claimed, _ := f.s.ClaimEvidence(ctx, "w", 10, f.now, time.Minute)
	for _, r := range claimed {
		if err := f.s.MarkEvidenceArchived(ctx, r, "sum-"+r.FileID, 10, "image/jpeg", f.now); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := f.s.QuickWin(ctx, f.tenant.ID, c.ID)
	k := got.StepIndex(step.ID)
	if k != 0 || len(got.Steps[k].Evidence) != 2 {
		t.Fatalf("step %d: %+v", k, got.Steps)
	}
	for _, e := range got.Steps[k].Evidence {
		if e.SHA256 != "sum-"+e.FileID || e.ContentType != "image/jpeg" {
			t.Errorf("step evidence %+v, want its hash", e)
		}
	}
	if got.Version <= before.Version {
		t.Errorf("version %d after marking, was %d: a stale replace could drop the hash", got.Version, before.Version)
	}
	if left := f.queued(t); len(left) != 0 {
		t.Errorf("%d files still queued after archiving", len(left))
	}
	if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != 0 {
		t.Errorf("SweepStepEvidence after archiving = %d, %v; want 0", n, err)
	}
}

// TestStepFinishedByReportIsNotQueuedTwice: a report that finishes a step
// carries its files to the step; the report's records fetch them, once
// (the dashboard and the export find them under the report).
func TestStepFinishedByReportIsNotQueuedTwice(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.milestone(t)
	rep := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, StepsDone: []string{c.Steps[0].ID},
		Evidence: []quickwin.Evidence{{FileID: "ph1", Kind: "photo"}}}
	if _, err := f.s.CreateReport(ctx, f.staff, rep); err != nil {
		t.Fatal(err)
	}
	recs := f.queued(t)
	if len(recs) != 1 || recs[0].ReportID != rep.ID {
		t.Fatalf("queued %+v, want the report's one file", recs)
	}
	if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != 0 {
		t.Errorf("SweepStepEvidence = %d, %v; the report's record holds the file", n, err)
	}
	claimed, _ := f.s.ClaimEvidence(ctx, "w", 10, f.now, time.Minute)
	if err := f.s.MarkEvidenceArchived(ctx, claimed[0], "sum-ph1", 10, "image/jpeg", f.now); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != 0 {
		t.Errorf("SweepStepEvidence after archiving = %d, %v", n, err)
	}
	if all, _ := f.s.EvidenceOfTenant(ctx, f.tenant.ID); len(all) != 1 {
		t.Errorf("%d records, want the report's 1", len(all))
	}
}

// TestSweepQueuesStepsDoneBeforeTheArchive: a step done with files before
// the archive kept steps' files is recorded by the sweep, once.
func TestSweepQueuesStepsDoneBeforeTheArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.milestone(t)
	c.Steps[2].DoneAt = f.now.AddDate(0, 0, -30)
	c.Steps[2].Evidence = []quickwin.Evidence{{FileID: "old1", Kind: "photo"}, {FileID: "old2", Kind: "document", FileName: "foto.zip"}}
	if err := f.s.ReplaceQuickWinForTest(ctx, c); err != nil {
		t.Fatal(err)
	}
	if recs := f.queued(t); len(recs) != 0 {
		t.Fatalf("queued before the sweep: %+v", recs)
	}
	for i, want := range []int{2, 0} {
		if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != want {
			t.Fatalf("sweep #%d = %d, %v; want %d", i+1, n, err, want)
		}
	}
	recs := f.queued(t)
	if len(recs) != 2 || recs[0].ID != quickwin.StepEvidenceRecordID(c.ID, c.Steps[2].ID, "old1") || recs[0].StepID != c.Steps[2].ID ||
		!recs[0].ReportDate.Equal(c.Steps[2].DoneAt) || recs[0].ReporterID != f.head.ID {
		t.Errorf("swept %+v", recs)
	}
	// The queue lost (a process died between the inserts): the records
	// stay, RequeueStranded queues them, and the sweep adds nothing.
	if err := f.s.DropEvidenceQueueForTest(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != 0 {
		t.Errorf("sweep with the queue lost = %d, %v; want 0", n, err)
	}
	if n, err := f.s.RequeueStranded(ctx); err != nil || n != 2 {
		t.Errorf("RequeueStranded = %d, %v; want 2", n, err)
	}
	// A later sweep looks only at steps done since the last one (less a
	// day): a step stored without its record since (its queueing failed)
	// is found; one done long before was seen by an earlier sweep.
	c.Steps[0].DoneAt, c.Steps[0].Evidence = f.now.Add(-time.Hour), []quickwin.Evidence{{FileID: "lost1", Kind: "photo"}}
	c.Steps[1].DoneAt, c.Steps[1].Evidence = f.now.AddDate(0, 0, -3), []quickwin.Evidence{{FileID: "before1", Kind: "photo"}}
	if err := f.s.ReplaceQuickWinForTest(ctx, c); err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Hour)
	if n, err := f.s.SweepStepEvidence(ctx); err != nil || n != 1 {
		t.Errorf("sweep after a lost queueing = %d, %v; want 1", n, err)
	}
	all, _ := f.s.EvidenceOfTenant(ctx, f.tenant.ID)
	for _, r := range all {
		if r.FileID == "before1" {
			t.Errorf("a step done before the last sweep was recorded: %+v", r)
		}
	}
}
