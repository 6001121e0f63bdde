package store_test

import (
	"errors"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
)

// TestHistoryKeepsEveryLineOfTheLogWhenKilled: a process killed between
// an audit entry's two writes (its history line and the entry itself)
// never leaves a history that says complete and lacks the line of an
// entry in the audit log.
func TestHistoryKeepsEveryLineOfTheLogWhenKilled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	killed := errors.New("killed")
	once := true
	f.s.SetAuditFault(func() error {
		if once {
			once = false
			return killed
		}
		return nil
	})
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c.ID, "commitment.edit", "", func(c *quickwin.QuickWin) error {
		c.Title = "Turunkan stunting balita"
		return nil
	}); err != nil {
		t.Fatal(err) // the change is stored; its audit entry was not
	}
	f.s.SetAuditFault(nil)

	var d struct {
		Complete bool     `bson:"complete"`
		Lines    []string `bson:"lines"`
	}
	if err := f.s.Collection("quickwin_history").FindOne(ctx, bson.D{{Key: "_id", Value: c.ID}}).Decode(&d); err != nil {
		t.Fatal(err)
	}
	log, err := f.s.Audit(ctx, f.tenant.ID, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	history, err := f.s.QuickWinHistory(ctx, f.tenant.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Complete {
		t.Fatal("the history of a quick win created now is not complete")
	}
	for _, e := range log {
		if !slices.ContainsFunc(history, func(h quickwin.AuditEntry) bool { return h.ID == e.ID }) {
			t.Errorf("the complete history lacks the line of %s %s, which is in the log", e.ID, e.Action)
		}
	}
	if !slices.ContainsFunc(history, func(h quickwin.AuditEntry) bool { return h.Action == "commitment.edit" }) {
		t.Errorf("the history lacks the edit, which was stored:\n%s", auditLines(history))
	}
}
