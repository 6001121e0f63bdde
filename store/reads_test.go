package store_test

import (
	"fmt"
	"testing"
	"time"

	"quickwin"
)

func TestTrackedQuickWinsAreProjectedAndScoped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	active := f.numeric(t, quickwin.StatusActive)
	f.numeric(t, quickwin.StatusDraft)
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditSteps, f.tenant.ID, active.ID, "test", "", func(c *quickwin.QuickWin) error {
		c.Description = "not needed by digests"
		c.Steps[0].Evidence = []quickwin.Evidence{{FileID: "f1", Kind: "photo"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	got, err := f.s.TrackedQuickWins(ctx, f.tenant.ID, "", quickwin.StatusActive)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != active.ID {
		t.Fatalf("got %d quick wins, want only the active one", len(got))
	}
	c := got[0]
	if c.Description != "" || len(c.Steps) != 1 || c.Steps[0].Evidence != nil {
		t.Errorf("projection kept description %q or step evidence %v", c.Description, c.Steps)
	}
	if loc := c.Deadline.Location().String(); loc != "Asia/Jakarta" {
		t.Errorf("deadline in %s, want the tenant's zone", loc)
	}
	if c.Code != active.Code || c.Target != 20 || c.Direction != quickwin.LowerIsBetter || c.Steps[0].ID == "" || c.Steps[0].Due.IsZero() || c.Deadline.IsZero() {
		t.Errorf("projection lost a needed field: %+v", c)
	}
	if got, err := f.s.TrackedQuickWins(ctx, f.tenant.ID, "NOPE"); err != nil || len(got) != 0 {
		t.Errorf("other OPD: got %d, %v", len(got), err)
	}
	if got, err := f.s.TrackedQuickWins(ctx, f.tenant.ID, "DINKES"); err != nil || len(got) != 2 {
		t.Errorf("every status: got %d, %v; want 2", len(got), err)
	}
}

func TestReportReadsArePeriodScoped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	for _, d := range []time.Time{
		time.Date(2027, 2, 28, 23, 0, 0, 0, jkt),
		time.Date(2027, 3, 1, 0, 0, 0, 0, jkt),
		time.Date(2027, 3, 31, 23, 59, 0, 0, jkt),
		time.Date(2027, 4, 1, 0, 0, 0, 0, jkt),
	} {
		v := 22.0
		if _, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Date: d, Value: &v, Note: "long note", Evidence: []quickwin.Evidence{{FileID: "x", Kind: "photo"}}}); err != nil {
			t.Fatal(err)
		}
	}
	from, to := time.Date(2027, 3, 1, 0, 0, 0, 0, jkt), time.Date(2027, 4, 1, 0, 0, 0, 0, jkt)
	// The quick win remembers the months it was reported in (tenant's time).
	if got, _ := f.s.QuickWin(ctx, f.tenant.ID, c.ID); fmt.Sprint(got.ReportedMonths) != "[2027-02 2027-03 2027-04]" {
		t.Errorf("reported months %v", got.ReportedMonths)
	}
	whole, err := f.s.ReportsDated(ctx, f.tenant.ID, from, to)
	if err != nil || len(whole) != 2 {
		t.Fatalf("whole reports in March: got %d, %v; want 2", len(whole), err)
	}
	for _, r := range whole {
		if r.Note != "long note" || len(r.Evidence) != 1 || r.Value == nil || r.ReporterID == "" {
			t.Errorf("a whole report lost a field: %+v", r)
		}
	}
	if got, _ := f.s.ReportsDated(ctx, f.tenant.ID, time.Time{}, time.Time{}); len(got) != 4 {
		t.Errorf("every report: got %d, want 4", len(got))
	}
}

func TestAuditLogHasPlainValues(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	f.now = f.now.Add(time.Hour)
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c.ID, "commitment.edit", "anggaran berubah", func(c *quickwin.QuickWin) error {
		c.Target = 18
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	all, err := f.s.AuditLog(ctx, f.tenant.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("got %d entries, want the OPD, invites, quick win and its edit", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].At.Before(all[i-1].At) {
			t.Errorf("entries not oldest first at %d", i)
		}
	}
	last := all[len(all)-1]
	if last.Action != "commitment.edit" || last.Reason != "anggaran berubah" {
		t.Fatalf("last entry = %+v", last)
	}
	before, ok1 := last.Before.(map[string]any)
	after, ok2 := last.After.(map[string]any)
	if !ok1 || !ok2 {
		t.Fatalf("before/after are %T/%T, want map[string]any", last.Before, last.After)
	}
	if before["target"] != 20.0 || after["target"] != 18.0 {
		t.Errorf("target %v → %v, want 20 → 18", before["target"], after["target"])
	}
	if _, ok := after["deadline"].(time.Time); !ok {
		t.Errorf("deadline is %T, want time.Time", after["deadline"])
	}
	if _, ok := after["steps"].([]any); !ok {
		t.Errorf("steps are %T, want []any", after["steps"])
	}
	recent, err := f.s.AuditLog(ctx, f.tenant.ID, f.now, time.Time{})
	if err != nil || len(recent) != 1 {
		t.Errorf("since the edit: got %d entries, %v; want 1", len(recent), err)
	}
}
