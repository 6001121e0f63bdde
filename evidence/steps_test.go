package evidence_test

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"quickwin"
	"quickwin/evidence"
	"quickwin/store/storetest"
	"quickwin/telegramtest"
)

// plan is a tenant whose admin made a milestone quick win with two steps.
func (g *rig) plan(t *testing.T) (*quickwin.Member, *quickwin.QuickWin) {
	t.Helper()
	tenant, err := g.store.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := g.store.EnsureAdmin(ctx, tenant.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.store.CreateOPD(ctx, admin, quickwin.OPD{TenantID: tenant.ID, Code: "DINKES", Name: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	c := &quickwin.QuickWin{TenantID: tenant.ID, OPDCode: "DINKES", Title: "Posyandu digital", Kind: quickwin.KindMilestone, Status: quickwin.StatusActive,
		Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC),
		Steps: []quickwin.Step{{Title: "Pengadaan alat", Due: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}, {Title: "Peluncuran", Due: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)}}}
	if err := g.store.CreateQuickWin(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
	return admin, c
}

// openStep reads the first file of step k of the quick win from the archive.
func (g *rig) openStep(t *testing.T, c *quickwin.QuickWin, k int) []byte {
	t.Helper()
	got, err := g.store.QuickWin(ctx, c.TenantID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	rc, ctype, err := evidence.Files{Records: g.store, Blobs: g.dir}.Open(ctx, c.TenantID, got.Steps[k].Evidence[0])
	if err != nil {
		t.Fatalf("open step %d's file: %v", k+1, err)
	}
	defer rc.Close()
	data, _ := io.ReadAll(rc)
	if ctype != "image/jpeg" {
		t.Errorf("type %q, want image/jpeg", ctype)
	}
	return data
}

// TestStepPhotoOutlivesTelegram: a step marked done with a photo (the
// plan's write, as the bot makes it) is archived by the worker, once, and
// read from the archive after Telegram forgot the file.
func TestStepPhotoOutlivesTelegram(t *testing.T) {
	g := newRig(t)
	admin, c := g.plan(t)
	photo := telegramtest.DefaultPhoto()
	ev := g.photo(photo, "alat tiba")
	for range 2 { // the second press finds the step done: nothing new
		if _, err := g.store.UpdateQuickWin(ctx, admin, quickwin.ActEditSteps, c.TenantID, c.ID, "steps.done", "", func(q *quickwin.QuickWin) error {
			q.CompleteStep(0, g.now, []quickwin.Evidence{ev})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := g.arch.ArchiveDue(ctx); err != nil || n != 1 {
		t.Fatalf("ArchiveDue = %d, %v; want the step's photo", n, err)
	}
	g.srv.ForgetFile(ev.FileID)
	if got := g.openStep(t, c, 0); !bytes.Equal(got, photo) {
		t.Errorf("archived %d bytes, want the photo's %d", len(got), len(photo))
	}
	if n, _ := g.arch.ArchiveDue(ctx); n != 0 {
		t.Errorf("a second pass handled %d records, want 0", n)
	}
	if countFiles(t, g.dir.Root) != 1 {
		t.Errorf("%d files on disk, want 1", countFiles(t, g.dir.Root))
	}
}

// TestRunArchivesStepsDoneBeforeTheArchive: a database from before holds a
// step done with a photo and no record; the worker's start finds it.
func TestRunArchivesStepsDoneBeforeTheArchive(t *testing.T) {
	s, insert := storetest.Seeded(t)
	g := newRigOn(t, s)
	g.arch.Poll = time.Hour
	g.arch.Clock, g.store.Clock = quickwin.SystemClock{}, quickwin.SystemClock{}
	_, c := g.plan(t)
	photo := telegramtest.DefaultPhoto()
	c.ID = "legacy-with-photo"
	c.Code = "DINKES-99"
	c.Steps[1].DoneAt = time.Date(2027, 2, 20, 10, 0, 0, 0, time.UTC)
	c.Steps[1].Evidence = []quickwin.Evidence{g.photo(photo, "")}
	insert("commitments", []any{c})

	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- g.arch.Run(rctx) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := g.store.QuickWin(ctx, c.TenantID, c.ID)
		if err == nil && got.Steps[1].Evidence[0].SHA256 != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the old step's photo was not archived: %+v, %v", got, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	g.srv.ForgetFile(c.Steps[1].Evidence[0].FileID)
	if got := g.openStep(t, c, 1); !bytes.Equal(got, photo) {
		t.Errorf("archived %d bytes, want the photo's %d", len(got), len(photo))
	}
	if n, err := g.store.SweepStepEvidence(ctx); err != nil || n != 0 {
		t.Errorf("a second sweep = %d, %v; want 0", n, err)
	}
}
