package bot

import (
	"context"
	"log/slog"
	"testing"

	"quickwin"
)

// TestChangeDeadlineAndCancel: a new deadline before a step's due date is
// refused with the step named; the change and a cancellation each ask for a
// reason, can be declined at the confirmation, and keep the reason in the
// history; a cancelled quick win leaves the list and its old buttons say so.
func TestChangeDeadlineAndCancel(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	c := w.commit(t, w.numeric("Posyandu aktif"))
	head := w.head
	step := func(text string) {
		t.Helper()
		head.Send(text)
		w.message(head)
	}

	head.Send("/daftar DINKES-01")
	detail := w.message(head)
	head.Press(detail, "Ubah tenggat")
	shows(t, w.message(head), "Langkah 1 dari 3", "Tenggat sekarang 30 Juni 2027")
	head.Send("15/4/2027")
	shows(t, w.message(head), "⚠️", "«Pelatihan kader» jatuh tempo 30 April 2027")
	w.message(head)
	step("31/7/2027")
	step("Menunggu pencairan DAK")
	head.Send("ya")
	shows(t, w.message(head), "Tenggat DINKES-01 diubah", "31 Juli 2027")
	got, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID)
	got.In(w.tenant.Location())
	if !got.Deadline.Equal(w.day(2027, 7, 31)) {
		t.Errorf("deadline %v", got.Deadline)
	}

	// Cancelling: declined once, then done.
	head.Press(detail, "Batalkan quick win")
	shows(t, w.message(head), "Langkah 1 dari 2", "Mengapa quick win ini dibatalkan")
	step("Digabung dengan DINKES-02")
	head.Send("tidak")
	shows(t, w.message(head), "tidak ada yang diubah")
	if got, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID); got.Status != quickwin.StatusActive {
		t.Fatalf("declined cancellation: %s", got.Status)
	}
	head.Press(detail, "Batalkan quick win")
	w.message(head)
	step("Digabung dengan DINKES-02")
	head.Send("ya")
	shows(t, w.message(head), "DINKES-01 dibatalkan")
	audit, _ := w.store.Audit(ctx, w.tenant.ID, c.ID, 0)
	reasons := map[string]string{}
	for _, e := range audit {
		reasons[e.Action] = e.Reason
	}
	if reasons["commitment.deadline"] != "Menunggu pencairan DAK" || reasons["commitment.cancel"] != "Digabung dengan DINKES-02" {
		t.Errorf("audit reasons: %v", reasons)
	}
	head.Send("/daftar")
	shows(t, w.message(head), "Belum ada quick win")
	shows(t, w.toast(head.Press(detail, "Ubah target")), "Dibatalkan")
}

// TestWithoutOutbox: with no outbox configured, a staff report is stored
// and confirmed; the head's notification is skipped, not a failure. (The
// report also sends its photo early, where the note was asked.)
func TestWithoutOutbox(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(func(cfg *Config) { cfg.Log = slog.New(slog.DiscardHandler) })
	staff := h.srv.NewUser(3, "Budi", "id")
	staff.Send("/start " + h.invite("DINKES operator"))
	h.message(staff)
	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + h.invite("DINKES kepala"))
	h.message(head)
	w := &qwWorld{harness: h}
	w.commit(t, w.numeric("Posyandu aktif"))
	for _, a := range []string{"/lapor", "50"} {
		staff.Send(a)
		h.message(staff)
	}
	// A photo where the note was asked is evidence, its caption the note.
	staff.SendPhoto("Kegiatan posyandu")
	shows(t, h.message(staff), "📎 1 file")
	for _, a := range []string{"selesai", "kirim"} {
		staff.Send(a)
		h.message(staff)
	}
	reps, _ := h.store.Reports(context.Background(), h.tenant.ID, quickwin.ReportFilter{})
	if len(reps) != 1 || reps[0].Note != "Kegiatan posyandu" || len(reps[0].Evidence) != 1 {
		t.Fatalf("reports: %+v", reps)
	}
	head.ExpectNoReply(t, 0)
}
