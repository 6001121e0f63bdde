package bot

import (
	"context"
	"testing"

	"quickwin"
	"quickwin/telegramtest"
)

// TestPlan: staff add a step, move it up, rename it, change its due date
// (a date outside the quick win is corrected), mark it done with a document
// as evidence, and delete another step; a done step cannot be deleted and a
// deleted step's old buttons are stale. The plan message is edited in
// place while people move around it.
func TestPlan(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	c := w.commit(t, w.numeric("Posyandu aktif"))
	staff := w.staff
	tr := newTranscript(t, "qw_plan.id")
	steps := func() []quickwin.Step {
		t.Helper()
		got, err := w.store.QuickWin(ctx, w.tenant.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Steps
	}
	typed := func(text string) telegramtest.Sent {
		t.Helper()
		tr.note("staff types %q", text)
		staff.Send(text)
		return tr.see("staff", w.message(staff))
	}
	press := func(s telegramtest.Sent, button string, edit bool) telegramtest.Sent {
		t.Helper()
		tr.note("staff presses %q", button)
		staff.Press(s, button)
		if edit {
			return tr.see("staff", w.edit(staff))
		}
		return tr.see("staff", w.message(staff))
	}

	// Only one quick win: /rencana opens its plan at once.
	plan := typed("/rencana")
	shows(t, plan, "Pendataan", "Pelatihan kader", "1", "2")

	// Add a step.
	press(plan, "Tambah langkah", false)
	typed("Sosialisasi")
	typed("Puskesmas")
	plan = typed("15/4/2027")
	shows(t, plan, "Tersimpan", "Sosialisasi", "Langkah 3")
	if s := steps(); len(s) != 3 || s[2].Title != "Sosialisasi" || s[2].Owner != "Puskesmas" || !s[2].Due.Equal(w.day(2027, 4, 15)) || len(s[2].ID) != 6 {
		t.Fatalf("steps after add: %+v", s)
	}
	added := steps()[2].ID

	// Move it up, in place.
	plan = press(plan, "⬆️", true)
	if s := steps(); s[1].ID != added || s[2].Title != "Pelatihan kader" {
		t.Fatalf("steps after move: %+v", s)
	}
	shows(t, plan, "Langkah 2: Sosialisasi")

	// Rename it; change its due date.
	press(plan, "Judul", false)
	plan = typed("Sosialisasi ke desa")
	plan = press(plan, "Jatuh tempo", false)
	staff.Send("1/7/2027")
	shows(t, tr.see("staff", w.message(staff)), "⚠️", "1 Maret 2027", "30 Juni 2027")
	tr.see("staff", w.message(staff))
	plan = typed("20/4/2027")
	if s := steps(); s[1].Title != "Sosialisasi ke desa" || !s[1].Due.In(w.tenant.Location()).Equal(w.day(2027, 4, 20)) {
		t.Fatalf("step after edits: %+v", s[1])
	}

	// Mark it done with a document.
	press(plan, "Tandai selesai", false)
	doc := staff.SendDocument("notulen.pdf", []byte("%PDF-1.4"), "")
	tr.note("staff sends notulen.pdf")
	q := tr.see("staff", w.message(staff))
	plan = press(q, "Selesai (1 file)", false)
	shows(t, plan, "ditandai selesai", "✅ 2. Sosialisasi ke desa")
	// The head is told, as for a report (issue 11 item 8).
	shows(t, w.message(w.head), "Langkah aksi selesai", "Budi (Operator OPD)", "DINKES-01", "Sosialisasi ke desa", "1 file bukti", "Buka DINKES-01")
	if s := steps()[1]; !s.Done() || len(s.Evidence) != 1 || s.Evidence[0].FileID != doc.FileID || s.Evidence[0].Kind != "document" || s.Evidence[0].FileName != "notulen.pdf" {
		t.Fatalf("done step: %+v", s)
	}

	// Delete the last step, after confirming.
	sel := press(plan, "3", true)
	confirm := press(sel, "Hapus", true)
	plan = press(confirm, "Ya, hapus", true)
	shows(t, plan, "dihapus")
	if s := steps(); len(s) != 2 {
		t.Fatalf("steps after delete: %+v", s)
	}

	// A done step offers no delete; a forged delete is refused; the deleted
	// step's buttons are stale.
	sel = press(plan, "2", true)
	if _, ok := sel.Button("🗑 Hapus"); ok {
		t.Error("a done step offers delete")
	}
	before := w.audit(t)
	shows(t, w.toast(staff.PressData(sel.MessageID, "pl:X:"+c.ID+":"+added)), "tidak bisa dihapus")
	shows(t, w.toast(staff.PressData(confirm.MessageID, "pl:X:"+c.ID+":"+c.Steps[1].ID)), "tidak berlaku")
	if n := w.audit(t); n != before || len(steps()) != 2 {
		t.Errorf("refused presses changed something: audit %d → %d, steps %d", before, n, len(steps()))
	}
	audit, _ := w.store.Audit(ctx, w.tenant.ID, c.ID, 0)
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Action)
	}
	want := []string{"commitment.create", "steps.add", "steps.move", "steps.edit", "steps.edit", "steps.done", "steps.delete"}
	if len(actions) != len(want) {
		t.Errorf("audit actions %v, want %v", actions, want)
	}
	tr.check()
}

// TestMilestoneReportTicksInPlace: ticking steps in the report wizard
// redraws the question in place; the report finishes the steps, and the
// last one finishes the quick win.
func TestMilestoneReportTicksInPlace(t *testing.T) {
	t.Parallel()
	w := newQW(t, "en")
	ctx := context.Background()
	c := w.commit(t, quickwin.QuickWin{Title: "Perbup SPM", Kind: quickwin.KindMilestone, Start: w.day(2027, 3, 1), Deadline: w.day(2027, 6, 30),
		Status: quickwin.StatusActive, Steps: []quickwin.Step{{Title: "Draft", Due: w.day(2027, 4, 1)}, {Title: "Signing", Due: w.day(2027, 6, 1)}}})
	head := w.head
	head.Send("/report")
	q := w.message(head)
	shows(t, q, "☐ 1. Draft", "☐ 2. Signing", "Next »")
	head.Press(q, "☐ 2. Signing")
	q = w.edit(head)
	shows(t, q, "☑ 2. Signing", "(1 ticked)")
	head.Press(q, "Next »")
	shows(t, w.message(head), "Any note")
	head.Send("Signed by the Bupati")
	w.message(head)
	head.Send("done")
	confirm := w.message(head)
	shows(t, confirm, "☑ 2. Signing", "▓▓▓▓▓░░░░░ 50%")
	head.Press(confirm, "Send report")
	shows(t, w.message(head), "▓▓▓▓▓░░░░░ 50%")
	got, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID)
	if got.Steps[0].Done() || !got.Steps[1].Done() || got.Status != quickwin.StatusActive {
		t.Fatalf("after the report: %+v", got)
	}

	// The last open step, typed by number, finishes the quick win.
	head.Send("/report DINKES-01")
	shows(t, w.message(head), "☐ 1. Draft")
	head.Send("2")
	shows(t, w.message(head), "⚠️")
	w.message(head)
	head.Send("1")
	w.message(head)
	head.Send("-")
	w.message(head)
	head.Send("done")
	w.message(head)
	head.Send("yes")
	shows(t, w.message(head), "100%", "complete")
	if got, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID); got.Status != quickwin.StatusDone {
		t.Errorf("status %s, want done", got.Status)
	}
	head.Send("/report DINKES-01")
	shows(t, w.message(head), "not running")
	if len(w.outbox.queued()) != 0 {
		t.Errorf("a head's own report told someone: %+v", w.outbox.queued())
	}
}
