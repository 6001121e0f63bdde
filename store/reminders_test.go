package store_test

import (
	"testing"
	"time"

	"quickwin"
)

func TestReminderCandidates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	active := f.numeric(t, quickwin.StatusActive)
	f.numeric(t, quickwin.StatusDraft)
	_, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditSteps, f.tenant.ID, active.ID, "commitment.step", "", func(c *quickwin.QuickWin) error {
		c.Steps[0].DoneAt = f.now
		c.Steps[0].Evidence = []quickwin.Evidence{{FileID: "f1", Kind: "photo"}}
		c.Steps = append(c.Steps, quickwin.Step{Title: "Sosialisasi", Due: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.ReminderCandidates(ctx, f.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != active.ID {
		t.Fatalf("candidates %+v, want only the active quick win", got)
	}
	c := got[0]
	if c.Code != active.Code || c.OPDCode != "DINKES" || c.Title != active.Title || !c.Deadline.Equal(active.Deadline) || c.Status != quickwin.StatusActive {
		t.Errorf("candidate fields %+v", c)
	}
	if len(c.Steps) != 2 || c.Steps[0].ID == "" || c.Steps[0].Title != "Pendataan" || !c.Steps[0].Done() || c.Steps[1].Done() || c.Steps[1].Due.IsZero() {
		t.Errorf("steps %+v", c.Steps)
	}
	if len(c.Steps[0].Evidence) != 0 {
		t.Errorf("evidence not projected away: %+v", c.Steps[0].Evidence)
	}
}
