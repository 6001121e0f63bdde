package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

// importWorld is a tenant on a database that a test can "restart": open
// again with the same configuration, as the next start of a killed
// process would.
type importWorld struct {
	t      *testing.T
	cfg    store.Config
	s      *store.Store
	tenant *quickwin.Tenant
	now    time.Time
}

func newImportWorld(t *testing.T) *importWorld {
	t.Helper()
	w := &importWorld{t: t, cfg: storetest.Config(t), now: time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)}
	w.open()
	var err error
	if w.tenant, err = w.s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.s.ImportOPDs(ctx, w.tenant.ID, []quickwin.OPD{{Code: "DINKES", Name: "Dinas Kesehatan"}, {Code: "DISDIK", Name: "Dinas Pendidikan"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.SetImportFault(nil); _ = w.s.Close(context.Background()) })
	return w
}

func (w *importWorld) open() {
	w.t.Helper()
	s, err := store.Open(ctx, w.cfg)
	if err != nil {
		w.t.Fatal(err)
	}
	s.Clock = quickwin.ClockFunc(func() time.Time { return w.now })
	w.s = s
}

// restart closes the store without any cleanup and opens it again; Open
// recovers interrupted imports.
func (w *importWorld) restart() {
	w.t.Helper()
	store.SetImportFault(nil)
	_ = w.s.Close(context.Background())
	w.open()
	// Open ran RecoverImports with the real clock; run it on the test's
	// clock too, as the first start after the kill would.
	if _, _, err := w.s.RecoverImports(ctx); err != nil {
		w.t.Fatal(err)
	}
}

func (w *importWorld) count(col string, filter bson.D) int {
	w.t.Helper()
	if filter == nil {
		filter = bson.D{}
	}
	n, err := w.s.Collection(col).CountDocuments(ctx, filter)
	if err != nil {
		w.t.Fatal(err)
	}
	return int(n)
}

// changes makes n new quick wins with four steps each.
func (w *importWorld) changes(n int) []quickwin.ImportChange {
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, time.UTC) }
	out := make([]quickwin.ImportChange, n)
	for i := range out {
		c := quickwin.QuickWin{OPDCode: []string{"DINKES", "DISDIK"}[i%2], Title: fmt.Sprintf("Quick win nomor %d", i),
			Kind: quickwin.KindMilestone, Start: day(1, 4), Deadline: day(12, 31), Status: quickwin.StatusActive}
		for j := 0; j < 4; j++ {
			c.Steps = append(c.Steps, quickwin.Step{Title: fmt.Sprintf("Langkah %d", j+1), Due: day(time.Month(3+j*3), 1)})
		}
		out[i] = quickwin.ImportChange{After: c, Reason: "diubah lewat impor"}
	}
	return out
}

var errKilled = errors.New("killed")

// TestImportKilledBeforeCommitLeavesNothing: a process killed after it
// staged an import (before Save) leaves nothing visible, and the next
// start removes the stage once it expired.
func TestImportKilledBeforeCommitLeavesNothing(t *testing.T) {
	w := newImportWorld(t)
	store.SetImportFault(func(point string) error {
		if point == "staged" {
			return errKilled
		}
		return nil
	})
	_, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, w.changes(300), quickwin.ImportSummary{New: 300}, time.Hour)
	if !errors.Is(err, errKilled) {
		t.Fatalf("stage: %v", err)
	}
	if n := w.count("commitments", nil); n != 0 {
		t.Fatalf("%d quick wins visible after a failed stage", n)
	}
	if n := w.count("import_stage", nil); n == 0 {
		t.Fatal("the stage was not written: the test kills nothing")
	}
	// The next start, within the hour: a stage that may still be someone's
	// preview stays, invisible.
	w.restart()
	if n := w.count("commitments", nil); n != 0 {
		t.Fatalf("%d quick wins visible after restart", n)
	}
	// A stage still "staging" after ten minutes was killed: it goes.
	w.now = w.now.Add(11 * time.Minute)
	w.restart()
	if n := w.count("import_stage", nil) + w.count("imports", bson.D{{Key: "state", Value: bson.D{{Key: "$ne", Value: "done"}}}}); n != 0 {
		t.Errorf("%d stage documents or open imports left behind", n)
	}
	if n := w.count("commitments", nil); n != 0 {
		t.Errorf("%d quick wins visible", n)
	}
}

// TestImportKilledMidCopyIsFinishedAtNextStart: a process killed after the
// commit point, with only the first batch copied, has its import finished
// by the next start: every quick win and audit entry, once, and no stage.
func TestImportKilledMidCopyIsFinishedAtNextStart(t *testing.T) {
	for _, how := range []string{"kill", "cancelled context"} {
		t.Run(how, func(t *testing.T) {
			w := newImportWorld(t)
			store.SetImportBatch(t, 100) // 200 quick wins, their steps and audit entries: several batches
			id, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, w.changes(200), quickwin.ImportSummary{New: 200}, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if n := w.count("commitments", nil); n != 0 {
				t.Fatalf("%d quick wins visible before Save", n)
			}
			saveCtx, cancel := context.WithCancel(ctx)
			defer cancel()
			store.SetImportFault(func(point string) error {
				if point != "copy" {
					return nil
				}
				if how == "kill" {
					return errKilled
				}
				cancel() // the database call after this one fails
				return nil
			})
			if _, err := w.s.SaveQuickWinImport(saveCtx, nil, w.tenant.ID, id); err == nil {
				t.Fatal("save went through: the test kills nothing")
			}
			partial := w.count("commitments", nil)
			if partial == 0 || partial >= 200 {
				t.Fatalf("%d of 200 visible after the kill: want part of them", partial)
			}
			w.restart()
			if n := w.count("commitments", nil); n != 200 {
				t.Errorf("%d quick wins after the next start, want 200", n)
			}
			if n := w.count("audit", bson.D{{Key: "action", Value: "commitment.import_create"}}); n != 200 {
				t.Errorf("%d audit entries, want 200", n)
			}
			if n := w.count("import_stage", nil); n != 0 {
				t.Errorf("%d stage documents left behind", n)
			}
			list, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{OPDCode: "DISDIK"})
			codes := map[string]bool{}
			for _, c := range list {
				codes[c.Code] = len(c.Steps) == 4
			}
			for i := 1; i <= 100; i++ {
				if code := quickwin.QuickWinCode("DISDIK", i); !codes[code] {
					t.Errorf("DISDIK: %s missing or without its 4 steps (%d quick wins, %v)", code, len(list), err)
					break
				}
			}
			// Save again (the admin presses the button once more): nothing doubles.
			if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
				t.Errorf("save after recovery: %v", err)
			}
			if n := w.count("commitments", nil); n != 200 {
				t.Errorf("%d quick wins after a second save", n)
			}
		})
	}
}

// TestOPDImportAllOrNothing: thousands of OPDs (four copy batches) are
// imported in full, and an import killed half-way through the copy is
// completed by the next start (the old import of 10,000 left 765 behind;
// BenchmarkImportOPDs10000 runs the full 10,000).
func TestOPDImportAllOrNothing(t *testing.T) {
	w := newImportWorld(t)
	opds := make([]quickwin.OPD, 2000)
	for i := range opds {
		opds[i] = quickwin.OPD{Code: fmt.Sprintf("OPD%05d", i), Name: fmt.Sprintf("Unit kerja %d", i)}
	}
	opds[0] = quickwin.OPD{Code: "DINKES", Name: "Dinas Kesehatan Kabupaten"} // a rename
	store.SetImportFault(func(point string) error {
		if point == "copy" {
			return errKilled
		}
		return nil
	})
	if _, _, err := w.s.ImportOPDs(ctx, w.tenant.ID, opds); !errors.Is(err, errKilled) {
		t.Fatalf("import: %v", err)
	}
	w.restart()
	all, err := w.s.OPDs(ctx, w.tenant.ID, false)
	if err != nil || len(all) != len(opds)+1 {
		t.Fatalf("%d OPDs after the next start, want %d: %v", len(all), len(opds)+1, err)
	}
	if o, _ := w.s.OPD(ctx, w.tenant.ID, "DINKES"); o.Name != "Dinas Kesehatan Kabupaten" {
		t.Errorf("rename lost: %+v", o)
	}
	// Once more without a fault: every row exists, nothing is new.
	created, updated, err := w.s.ImportOPDs(ctx, w.tenant.ID, opds)
	if err != nil || created != 0 || updated != 0 {
		t.Errorf("re-import: %d new %d updated %v", created, updated, err)
	}
}

// TestImportOfChangesKilledMidCopy: changed quick wins are copied by
// delete-and-insert; a kill between batches is finished by the next start
// with every quick win present once, in its new version.
func TestImportOfChangesKilledMidCopy(t *testing.T) {
	w := newImportWorld(t)
	store.SetImportBatch(t, 100)
	id, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, w.changes(150), quickwin.ImportSummary{New: 150}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
		t.Fatal(err)
	}
	stored, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil || len(stored) != 150 {
		t.Fatalf("%d stored: %v", len(stored), err)
	}
	changes := make([]quickwin.ImportChange, len(stored))
	for i := range stored {
		after := stored[i]
		after.Title += " (revisi)"
		changes[i] = quickwin.ImportChange{Before: &stored[i], After: after, Reason: "diubah lewat impor"}
	}
	id, err = w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, changes, quickwin.ImportSummary{Changed: 150}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	store.SetImportFault(func(point string) error {
		if point == "copy" {
			return errKilled
		}
		return nil
	})
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); !errors.Is(err, errKilled) {
		t.Fatalf("save: %v", err)
	}
	w.restart()
	after, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil || len(after) != 150 {
		t.Fatalf("%d quick wins after the next start, want 150: %v", len(after), err)
	}
	for _, c := range after {
		if len(c.Title) < 9 || c.Title[len(c.Title)-9:] != " (revisi)" || c.Version != 2 || len(c.Steps) != 4 {
			t.Fatalf("not the new version: %+v", c)
		}
	}
	if n := w.count("audit", bson.D{{Key: "action", Value: "commitment.import_update"}}); n != 150 {
		t.Errorf("%d update audit entries, want 150", n)
	}
}

// TestUnorderedInsertSkipsDuplicates pins what the copy of an import
// relies on, on both databases: an unordered InsertMany whose batch holds
// documents that exist already (copied before a kill) inserts the rest and
// reports only duplicate-key errors.
func TestUnorderedInsertSkipsDuplicates(t *testing.T) {
	w := newImportWorld(t)
	c := w.s.Collection("compat_unordered")
	if _, err := c.InsertOne(ctx, bson.D{{Key: "_id", Value: "b"}}); err != nil {
		t.Fatal(err)
	}
	_, err := c.InsertMany(ctx, []any{bson.D{{Key: "_id", Value: "a"}}, bson.D{{Key: "_id", Value: "b"}}, bson.D{{Key: "_id", Value: "c"}}},
		options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || len(bwe.WriteErrors) != 1 || bwe.WriteErrors[0].Code != 11000 {
		t.Fatalf("err %v", err)
	}
	if n := w.count("compat_unordered", nil); n != 3 {
		t.Errorf("%d documents, want a, b and c", n)
	}
	// A DeleteMany with $or of (_id, version) pairs deletes only the pairs
	// that still match: the replaced documents of a batch.
	d := w.s.Collection("compat_or")
	for i, v := range []int{1, 2, 3} {
		if _, err := d.InsertOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprint(i)}, {Key: "version", Value: v}}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := d.DeleteMany(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "_id", Value: "0"}, {Key: "version", Value: 1}},
		bson.D{{Key: "_id", Value: "1"}, {Key: "version", Value: 7}},
		bson.D{{Key: "_id", Value: "2"}, {Key: "version", Value: 3}},
	}}})
	if err != nil || res.DeletedCount != 2 || w.count("compat_or", bson.D{{Key: "_id", Value: "1"}}) != 1 {
		t.Errorf("deleted %+v, %v", res, err)
	}
}

// TestImportKilledBetweenLinesAndEntries: an import's copy killed after
// a batch's history lines and before its documents leaves no complete
// history without the line of an entry in the log, and the next start
// copies the rest, after which the history is the log's.
func TestImportKilledBetweenLinesAndEntries(t *testing.T) {
	w := newImportWorld(t)
	id, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, w.changes(2), quickwin.ImportSummary{}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
		t.Fatal(err)
	}
	stored, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil || len(stored) != 2 {
		t.Fatalf("%d stored: %v", len(stored), err)
	}
	after := stored[0]
	after.Title += " (revisi)"
	w.now = w.now.Add(time.Minute)
	if id, err = w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, []quickwin.ImportChange{{Before: &stored[0], After: after, Reason: "diubah lewat impor"}}, quickwin.ImportSummary{}, time.Hour); err != nil {
		t.Fatal(err)
	}
	store.SetImportFault(func(point string) error {
		if point == "lines" {
			return errKilled
		}
		return nil
	})
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); !errors.Is(err, errKilled) {
		t.Fatalf("save: %v", err)
	}
	store.SetImportFault(nil)
	entries, err := w.s.Audit(ctx, w.tenant.ID, stored[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	history, err := w.s.QuickWinHistory(ctx, w.tenant.ID, stored[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.ContainsFunc(history, func(h quickwin.AuditEntry) bool { return h.ID == e.ID }) {
			t.Errorf("killed: the history lacks the line of %s %s, which is in the log", e.ID, e.Action)
		}
	}
	w.restart()
	entries, err = w.s.Audit(ctx, w.tenant.ID, stored[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if history, err = w.s.QuickWinHistory(ctx, w.tenant.ID, stored[0].ID); err != nil {
		t.Fatal(err)
	}
	if a, b := auditLines(history), auditLines(entries); a != b || len(entries) != 2 {
		t.Errorf("after the next start: history\n%s\nwant (from the audit log, the create and the update)\n%s", a, b)
	}
}
