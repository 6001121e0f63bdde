package store_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
	"quickwin/store"
)

// The dashboard reads a quick win's reports through the ids it lists and
// its history from one document; these tests check after every kind of
// change that both equal what a full scan of the reports and of the audit
// log computes.

// checkDenormalised compares a quick win's report list, its reports and
// its history with full scans.
func checkDenormalised(t *testing.T, f *fixture, id, when string) {
	t.Helper()
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", when)
	all, err := f.s.ReportsDated(ctx, f.tenant.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.s.QuickWin(ctx, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var scanned []quickwin.Report
	for _, r := range all {
		if r.QuickWinID == id {
			scanned = append(scanned, r)
		}
	}
	quickwin.NewestFirst(scanned)
	// Twice: the first read may make the book, the second reads it.
	for _, read := range []string{"first", "second"} {
		got, err := f.s.QuickWinReports(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := reportLines(got), reportLines(scanned); a != b {
			t.Errorf("%s, %s read: report book\n%s\nwant (from every report)\n%s", when, read, a, b)
		}
	}
	audit, err := f.s.Audit(ctx, f.tenant.ID, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	history, err := f.s.QuickWinHistory(ctx, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	// Entries of the same millisecond (the tests' clock stands still) come
	// in no defined order from either.
	for _, es := range [][]quickwin.AuditEntry{audit, history} {
		slices.SortStableFunc(es, func(a, b quickwin.AuditEntry) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	}
	if a, b := auditLines(history), auditLines(audit); a != b {
		t.Errorf("%s: history\n%s\nwant (from the audit log)\n%s", when, a, b)
	}
}

// bookIsCurrent checks that the changes since the last read moved the
// quick win's report book along (no reader had to make it again).
func bookIsCurrent(t *testing.T, f *fixture, id, when string) {
	t.Helper()
	c, err := f.s.QuickWin(ctx, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Rev int `bson:"rev"`
	}
	if err := f.s.Collection("quickwin_reports").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&b); err != nil {
		t.Fatalf("%s: report book: %v", when, err)
	}
	if b.Rev != c.ReportsRev {
		t.Errorf("%s: report book at revision %d, quick win at %d", when, b.Rev, c.ReportsRev)
	}
}

// checkSummaries compares the quick-win summaries with the quick wins,
// for the tenant and for its OPD, with and without a status filter.
func checkSummaries(t *testing.T, s *store.Store, tenantID, opd, when string) {
	t.Helper()
	for _, o := range []string{"", opd} {
		for _, statuses := range [][]quickwin.Status{nil, {quickwin.StatusActive, quickwin.StatusDone}} {
			want, err := s.TrackedQuickWins(ctx, tenantID, o, statuses...)
			if err != nil {
				t.Fatal(err)
			}
			// Twice: the first read may make summaries, the second reads them.
			for _, read := range []string{"first", "second"} {
				got, err := s.TrackedQuickWinsSummarised(ctx, tenantID, o, statuses...)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := quickWinLines(got), quickWinLines(want); a != b {
					t.Errorf("%s, OPD %q, statuses %v, %s read: summaries\n%s\nwant (from the quick wins)\n%s", when, o, statuses, read, a, b)
				}
			}
		}
	}
}

func quickWinLines(cs []quickwin.QuickWin) string {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b quickwin.QuickWin) int { return cmp.Compare(a.ID, b.ID) })
	var s string
	for _, c := range cs {
		b, err := json.Marshal(c) // pointers as their values, times with their zone
		if err != nil {
			panic(err)
		}
		s += string(b) + "\n"
	}
	return s
}

func reportLines(rs []quickwin.Report) string {
	var s string
	for _, r := range rs {
		v := "-"
		if r.Value != nil {
			v = fmt.Sprint(*r.Value)
		}
		s += fmt.Sprintf("%s %s %s %s %q %q %d evidence\n", r.ID, r.Date.UTC().Format(time.RFC3339), r.State, v, r.Note, r.Reason, len(r.Evidence))
	}
	return s
}

func auditLines(es []quickwin.AuditEntry) string {
	var s string
	for _, e := range es {
		s += fmt.Sprintf("%s %s %s %s %q\n", e.ID, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.Action, e.Reason)
	}
	return s
}

func TestDenormalisedDataFollowsEveryChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	other := f.numeric(t, quickwin.StatusActive)
	checkDenormalised(t, f, c.ID, "created")

	report := func(q *quickwin.QuickWin, v float64, day int) *quickwin.Report {
		t.Helper()
		f.now = f.now.Add(time.Hour)
		r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: q.ID, Value: &v, Date: time.Date(2027, 3, day, 9, 0, 0, 0, time.UTC),
			Evidence: []quickwin.Evidence{{FileID: fmt.Sprint("p", day), Kind: "photo"}}}
		if _, err := f.s.CreateReport(ctx, f.staff, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1 := report(c, 23, 1)
	report(other, 22, 2)
	r2 := report(c, 22, 3)
	bookIsCurrent(t, f, c.ID, "two reports")
	checkDenormalised(t, f, c.ID, "two reports")
	if _, err := f.s.VerifyReport(ctx, f.admin, f.tenant.ID, r1.ID); err != nil {
		t.Fatal(err)
	}
	bookIsCurrent(t, f, c.ID, "verified")
	checkDenormalised(t, f, c.ID, "verified")
	if _, err := f.s.ReturnReport(ctx, f.admin, f.tenant.ID, r2.ID, "foto buram"); err != nil {
		t.Fatal(err)
	}
	bookIsCurrent(t, f, c.ID, "returned")
	checkDenormalised(t, f, c.ID, "returned")
	v := 21.0
	if _, err := f.s.CorrectReport(ctx, f.staff, f.tenant.ID, r2.ID, &v, "diperbaiki", []quickwin.Evidence{{FileID: "p9", Kind: "photo"}}); err != nil {
		t.Fatal(err)
	}
	bookIsCurrent(t, f, c.ID, "corrected")
	checkDenormalised(t, f, c.ID, "corrected")
	q, err := f.s.AskQuestion(ctx, f.leader, f.tenant.ID, c.ID, "Kapan selesai?")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AnswerQuestion(ctx, f.head, f.tenant.ID, q.ID, "Juni"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c.ID, "commitment.step_done", "", func(q *quickwin.QuickWin) error {
		q.CompleteStep(0, f.now, nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checkDenormalised(t, f, c.ID, "asked, answered, step done")
	checkDenormalised(t, f, other.ID, "the other quick win")

	// A report the quick win does not take is not listed: it is removed.
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, other.ID, "commitment.cancel", "tidak jadi", func(q *quickwin.QuickWin) error {
		q.Status = quickwin.StatusCancelled
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: other.ID, Value: &v})
	wantCode(t, err, quickwin.ECONFLICT)
	checkDenormalised(t, f, other.ID, "refused report")

	// A book that is not current (a writer skipped it, or it is wrong) is
	// never read: the next reader makes it again.
	books := f.s.Collection("quickwin_reports")
	if _, err := books.UpdateOne(ctx, bson.D{{Key: "_id", Value: c.ID}}, bson.D{{Key: "$set", Value: bson.D{{Key: "reports", Value: bson.A{}}}}, {Key: "$inc", Value: bson.D{{Key: "rev", Value: -1}}}}); err != nil {
		t.Fatal(err)
	}
	checkDenormalised(t, f, c.ID, "stale book")
	bookIsCurrent(t, f, c.ID, "stale book read")
}

func TestLookupsByIDStayInTheirTenant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	v := 22.0
	r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v}
	if _, err := f.s.CreateReport(ctx, f.staff, r); err != nil {
		t.Fatal(err)
	}
	other, err := f.s.CreateTenant(ctx, quickwin.Tenant{Name: "Siak", TimeZone: "Asia/Jakarta", Lang: "id"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.QuickWin(ctx, other.ID, c.ID)
	wantCode(t, err, quickwin.ENOTFOUND)
	_, err = f.s.Report(ctx, other.ID, r.ID)
	wantCode(t, err, quickwin.ENOTFOUND)
	if got, err := f.s.QuickWinHistory(ctx, other.ID, c.ID); err != nil || len(got) != 0 {
		t.Errorf("another tenant's history: %v %v", got, err)
	}
	if got, err := f.s.QuickWinHistory(ctx, f.tenant.ID, c.ID); err != nil || len(got) != 2 {
		t.Errorf("own history: %v %v, want create and report", got, err)
	}
}

// TestHistoryIsRebuiltFromTheAuditLog covers quick wins from before
// history documents, and a history that lost a line.
func TestHistoryIsRebuiltFromTheAuditLog(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	v := 22.0
	if _, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v}); err != nil {
		t.Fatal(err)
	}
	history := f.s.Collection("quickwin_history")
	complete := func() bool {
		var d struct {
			Complete bool `bson:"complete"`
		}
		_ = history.FindOne(ctx, bson.D{{Key: "_id", Value: c.ID}}).Decode(&d)
		return d.Complete
	}
	if !complete() {
		t.Fatal("a quick win created now has a complete history")
	}
	// Stored before history documents: none at all.
	if _, err := history.DeleteOne(ctx, bson.D{{Key: "_id", Value: c.ID}}); err != nil {
		t.Fatal(err)
	}
	checkDenormalised(t, f, c.ID, "no history document")
	if !complete() {
		t.Error("the first read did not rebuild the history")
	}
	// A change adds its line to a document that does not hold the rest.
	if _, err := history.DeleteOne(ctx, bson.D{{Key: "_id", Value: c.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AskQuestion(ctx, f.leader, f.tenant.ID, c.ID, "Kapan?"); err != nil {
		t.Fatal(err)
	}
	if complete() {
		t.Fatal("a history started by a change says complete")
	}
	checkDenormalised(t, f, c.ID, "history started by a change")
	checkDenormalised(t, f, c.ID, "read again")
	if !complete() {
		t.Error("not rebuilt")
	}
	// A line that cannot be read: the history is made again.
	if _, err := history.UpdateOne(ctx, bson.D{{Key: "_id", Value: c.ID}}, bson.D{{Key: "$push", Value: bson.D{{Key: "lines", Value: "rusak"}}}}); err != nil {
		t.Fatal(err)
	}
	checkDenormalised(t, f, c.ID, "unreadable line")
	checkDenormalised(t, f, c.ID, "unreadable line, read again")
}

// TestImportedQuickWinsHaveTheirHistory: the audit entries an import
// copies reach the histories of the quick wins it creates and changes.
func TestImportedQuickWinsHaveTheirHistory(t *testing.T) {
	w := newImportWorld(t)
	save := func(changes []quickwin.ImportChange) {
		t.Helper()
		id, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, changes, quickwin.ImportSummary{}, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	save(w.changes(3))
	stored, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil || len(stored) != 3 {
		t.Fatalf("%d stored: %v", len(stored), err)
	}
	after := stored[0]
	after.Title += " (revisi)"
	w.now = w.now.Add(time.Minute)
	save([]quickwin.ImportChange{{Before: &stored[0], After: after, Reason: "diubah lewat impor"}})
	var d struct {
		Complete bool     `bson:"complete"`
		Lines    []string `bson:"lines"`
	}
	if err := w.s.Collection("quickwin_history").FindOne(ctx, bson.D{{Key: "_id", Value: stored[0].ID}}).Decode(&d); err != nil || !d.Complete || len(d.Lines) != 2 {
		t.Fatalf("history document: %+v %v, want complete with the import's create and update", d, err)
	}
	history, err := w.s.QuickWinHistory(ctx, w.tenant.ID, stored[0].ID)
	if err != nil || len(history) != 2 || history[0].Action != "commitment.import_create" || history[1].Action != "commitment.import_update" || history[1].Reason != "diubah lewat impor" {
		t.Errorf("history: %s %v", auditLines(history), err)
	}
}

// summaryIsCurrent checks that the changes since the last read brought
// the OPD's summary along (no reader has to make it again).
func summaryIsCurrent(t *testing.T, s *store.Store, tenantID, opd, when string) {
	t.Helper()
	var d struct {
		Stale bool `bson:"stale"`
	}
	if err := s.Collection("quickwin_summaries").FindOne(ctx, bson.D{{Key: "_id", Value: tenantID + "/" + opd}}).Decode(&d); err != nil || d.Stale {
		t.Errorf("%s: summary of %s stale (%v) or missing (%v)", when, opd, d.Stale, err)
	}
}

func TestSummariesFollowEveryChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "no quick wins")
	c := f.numeric(t, quickwin.StatusActive)
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "created")
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "created")
	v := 22.0
	r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v}
	if _, err := f.s.CreateReport(ctx, f.staff, r); err != nil {
		t.Fatal(err)
	}
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "reported")
	if _, err := f.s.VerifyReport(ctx, f.admin, f.tenant.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "verified")
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "verified")
	draft := f.numeric(t, quickwin.StatusDraft)
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, draft.ID, "commitment.activate", "", func(q *quickwin.QuickWin) error {
		q.Status, q.Title = quickwin.StatusActive, "Judul baru"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "activated")
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "activated")
	// Every field a quick win has, tracked or not: the writer's copy keeps
	// exactly what the projected read returns.
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, draft.ID, "commitment.edit", "semua kolom", func(q *quickwin.QuickWin) error {
		q.Description, q.Indicator, q.Budget, q.Source, q.Mission = "Uraian", "IKU 3", 1.5e9, quickwin.SourceAPBD, 2
		q.Quarters = &quickwin.QuarterTargets{Values: [4]float64{23, 22, 21, 20}, Cumulative: true}
		q.Steps[0].Owner = "Seksi Gizi"
		q.CompleteStep(0, f.now, []quickwin.Evidence{{FileID: "s1", Kind: "photo", SHA256: "ab"}})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "every field")
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "every field")

	// A summary out of step with its revision is stale to its writer: the
	// writer marks it so, and the next reader makes it again.
	col := f.s.Collection("quickwin_summaries")
	if _, err := col.UpdateOne(ctx, bson.D{{Key: "_id", Value: f.tenant.ID + "/DINKES"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "stale", Value: true}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: draft.ID, Value: &v}); err != nil {
		t.Fatal(err)
	}
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "stale, then reported")
	summaryIsCurrent(t, f.s, f.tenant.ID, "DINKES", "read after stale")

	// Writers racing on one OPD's summary: each applies its quick win or
	// marks the summary stale; none is lost.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := []string{c.ID, draft.ID}[i%2]
			_, err := f.s.UpdateQuickWin(ctx, f.staff, quickwin.ActEditSteps, f.tenant.ID, id, "step.add", "", func(q *quickwin.QuickWin) error {
				q.Steps = append(q.Steps, quickwin.Step{Title: fmt.Sprint("Langkah ", i), Due: q.Deadline})
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	checkSummaries(t, f.s, f.tenant.ID, "DINKES", "concurrent writers")

}

func TestOpenRemovesSummariesAndImportsMakeThemStale(t *testing.T) {
	w := newImportWorld(t)
	id, err := w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, w.changes(4), quickwin.ImportSummary{}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
		t.Fatal(err)
	}
	checkSummaries(t, w.s, w.tenant.ID, "DINKES", "imported")
	if n := w.count("quickwin_summaries", bson.D{{Key: "stale", Value: false}}); n != 2 {
		t.Fatalf("current summaries after reading: %d, want 2 (DINKES and DISDIK)", n)
	}
	stored, err := w.s.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil {
		t.Fatal(err)
	}
	after := stored[0]
	after.Title += " (revisi)"
	id, err = w.s.StageQuickWinImport(ctx, nil, w.tenant.ID, []quickwin.ImportChange{{Before: &stored[0], After: after, Reason: "revisi"}}, quickwin.ImportSummary{}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.SaveQuickWinImport(ctx, nil, w.tenant.ID, id); err != nil {
		t.Fatal(err)
	}
	// The copy made them stale; saving the import made them again.
	if n := w.count("quickwin_summaries", bson.D{{Key: "stale", Value: false}}); n != 2 {
		t.Errorf("current summaries after an import: %d, want 2", n)
	}
	checkSummaries(t, w.s, w.tenant.ID, "DINKES", "imported again")
	// Opening the store (any command run beside the bot) leaves them;
	// serve's start removes them and makes them again in the background.
	w.restart()
	if n := w.count("quickwin_summaries", bson.D{{Key: "stale", Value: false}}); n != 2 {
		t.Errorf("current summaries after opening the store again: %d, want 2 (a command must not remove them)", n)
	}
	if err := w.s.DropSummaries(ctx); err != nil {
		t.Fatal(err)
	}
	if n := w.count("quickwin_summaries", nil); n != 0 {
		t.Errorf("summaries after serve's start: %d, want none", n)
	}
	w.s.WarmSummaries(ctx)
	if n := w.count("quickwin_summaries", bson.D{{Key: "stale", Value: false}}); n != 2 {
		t.Errorf("current summaries after warming: %d, want 2 (DINKES and DISDIK)", n)
	}
	checkSummaries(t, w.s, w.tenant.ID, "DISDIK", "restarted")
}

// TestFillCopies: quick wins stored before report books and histories
// get theirs from `quickwin migrate`, current, so that no first reading
// has to make them.
func TestFillCopies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	quiet := f.numeric(t, quickwin.StatusActive)
	v := 22.0
	for i := 0; i < 3; i++ {
		f.now = f.now.Add(time.Hour)
		r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v}
		if _, err := f.s.CreateReport(ctx, f.staff, r); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := f.s.ReturnReport(ctx, f.admin, f.tenant.ID, r.ID, "foto buram"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := f.s.AskQuestion(ctx, f.leader, f.tenant.ID, c.ID, "Kapan?"); err != nil {
		t.Fatal(err)
	}
	// As stored before the copies existed.
	for _, col := range []string{"quickwin_reports", "quickwin_history"} {
		if _, err := f.s.Collection(col).DeleteMany(ctx, bson.D{}); err != nil {
			t.Fatal(err)
		}
	}
	books, histories, err := f.s.FillCopies(ctx)
	if err != nil || books != 2 || histories != 2 {
		t.Fatalf("made %d books and %d histories (%v), want 2 and 2", books, histories, err)
	}
	for _, id := range []string{c.ID, quiet.ID} {
		bookIsCurrent(t, f, id, "filled")
		var h struct {
			Complete bool `bson:"complete"`
		}
		if err := f.s.Collection("quickwin_history").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&h); err != nil || !h.Complete {
			t.Errorf("history of %s: complete %v (%v)", id, h.Complete, err)
		}
		checkDenormalised(t, f, id, "filled")
	}
	if books, histories, err := f.s.FillCopies(ctx); err != nil || books != 0 || histories != 0 {
		t.Errorf("again: made %d books and %d histories (%v), want none", books, histories, err)
	}
}
