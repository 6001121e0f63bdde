package bot

import (
	"context"
	"sync/atomic"
	"testing"

	"quickwin"
	"quickwin/locales"
)

// lossyStore loses the database right after a wizard's final write: the
// first deletion of a conversation fails as if MongoDB went away.
type lossyStore struct {
	Store
	failDeletes atomic.Int32
}

func (s *lossyStore) DeleteConversation(ctx context.Context, chatID, userID int64) error {
	if s.failDeletes.Add(-1) >= 0 {
		return &quickwin.Error{Code: quickwin.EUNAVAILABLE, Message: "connection reset"}
	}
	return s.Store.DeleteConversation(ctx, chatID, userID)
}

// TestFinalStepHandledTwiceSavesOnce: the database fails just after a
// report was stored (while closing the wizard), so the update is released
// and handled again when it is back. The report is stored once.
func TestFinalStepHandledTwiceSavesOnce(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	c := w.commit(t, w.numeric("Posyandu aktif"))
	lossy := &lossyStore{}
	w.restart(func(cfg *Config) {
		lossy.Store = cfg.Store
		cfg.Store, cfg.Outbox = lossy, w.outbox
		w.outbox.api = cfg.Client
	})
	w.staff.Send("/lapor " + c.Code)
	w.message(w.staff)
	w.staff.Send("40")
	w.message(w.staff)
	w.staff.Send("lewati")
	more := w.message(w.staff)
	w.staff.Press(more, "Lanjut tanpa bukti »")
	confirm := w.message(w.staff)
	lossy.failDeletes.Store(1)
	w.staff.Press(confirm, locales.T(locales.ID, "qw.report.send", nil))
	contains(t, w.srv.WaitText(t, w.staff.ID, "tidak hilang"), "tidak hilang") // told once, retried
	w.srv.WaitText(t, w.staff.ID, c.Code)
	w.staff.Send("/bantuan") // handled after the retried update, in order
	w.srv.WaitText(t, w.staff.ID, "Yang bisa Anda lakukan")
	reps, err := w.store.Reports(context.Background(), w.tenant.ID, quickwin.ReportFilter{QuickWinID: c.ID})
	if err != nil || len(reps) != 1 {
		t.Fatalf("reports after a redelivered confirmation: %d (%v), want 1", len(reps), err)
	}
	if _, err := w.store.Conversation(context.Background(), w.staff.ID, w.staff.ID); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("the wizard is still open: %v", err)
	}
}
