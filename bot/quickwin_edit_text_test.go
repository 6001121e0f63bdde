package bot

import (
	"context"
	"testing"

	"quickwin"
)

// TestCorrectTitleIndicatorDescription: what was typed about a quick win
// can be corrected from its detail view; an invisible title is refused;
// each change is in the audit log with the old and new text; staff may not.
func TestCorrectTitleIndicatorDescription(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	c := w.commit(t, w.numeric("Posyandu aktf"))
	head := w.head

	head.Send("/daftar DINKES-01")
	detail := w.message(head)
	shows(t, detail, "✏️ Judul", "✏️ Indikator", "✏️ Deskripsi")
	head.Press(detail, "✏️ Judul")
	shows(t, w.message(head), "Judul sekarang: Posyandu aktf")
	head.Send("\x00\x01\x02") // shows nothing: the usual correction
	shows(t, w.message(head), "⚠️")
	w.message(head)
	head.Send("Posyandu aktif di semua desa")
	shows(t, w.message(head), "Judul DINKES-01 sudah diubah", "Posyandu aktif di semua desa")

	head.Press(detail, "✏️ Indikator")
	shows(t, w.message(head), "Indikator sekarang: —", "Ketik -")
	head.Send("Cakupan balita ditimbang")
	shows(t, w.message(head), "Indikator DINKES-01 sudah diubah", "Cakupan balita ditimbang")

	head.Press(detail, "✏️ Deskripsi")
	w.message(head)
	head.Send("Balita di 12 desa ditimbang tiap bulan.")
	shows(t, w.message(head), "Deskripsi DINKES-01 sudah diubah", "📝 Balita di 12 desa ditimbang tiap bulan.")
	head.Press(detail, "✏️ Indikator")
	w.message(head)
	head.Send("-") // cleared
	w.message(head)

	got, err := w.store.QuickWin(ctx, w.tenant.ID, c.ID)
	if err != nil || got.Title != "Posyandu aktif di semua desa" || got.Indicator != "" || got.Description != "Balita di 12 desa ditimbang tiap bulan." {
		t.Fatalf("after corrections: %+v %v", got, err)
	}
	audit, _ := w.store.Audit(ctx, w.tenant.ID, c.ID, 0)
	seen := map[string]int{}
	for _, e := range audit {
		seen[e.Action]++
	}
	if seen["commitment.title"] != 1 || seen["commitment.indicator"] != 2 || seen["commitment.description"] != 1 {
		t.Errorf("audit actions %v", seen)
	}
	head.Send("/daftar DINKES-01")
	shows(t, w.message(head), "Judul diubah", "Deskripsi diubah", "📝 Balita di 12 desa")

	// Staff sees no such buttons, and a forged press changes nothing.
	w.staff.Send("/daftar DINKES-01")
	sd := w.message(w.staff)
	if _, ok := sd.Button("✏️ Judul"); ok {
		t.Error("staff is offered to change the title")
	}
	before := w.audit(t)
	w.toast(w.staff.PressData(sd.MessageID, "qc:n:"+c.ID))
	if w.audit(t) != before {
		t.Error("a forged press changed something")
	}
	if _, err := w.store.Conversation(ctx, w.staff.ID, w.staff.ID); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("staff got a form: %v", err)
	}
}

// TestInvisibleTextIsRefused: a title or reason that shows nothing after
// control characters are removed gets the usual correction, and text with
// a control character inside is stored without it.
func TestInvisibleTextIsRefused(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	head := w.head
	head.Send("/quickwin_baru")
	w.message(head)
	head.Send("\x00\x01\x02")
	shows(t, w.message(head), "⚠️")
	shows(t, w.message(head), "Langkah 1 dari 18")
	head.Send("\u200b\u200b \u202e")
	shows(t, w.message(head), "⚠️")
	w.message(head)
	head.Send("Posyandu\x07 aktif")
	shows(t, w.message(head), "Langkah 2 dari 18")
	conv, err := w.store.Conversation(context.Background(), head.ID, head.ID)
	if err != nil || conv.Data["title"] != "Posyandu aktif" {
		t.Fatalf("title kept as %q (%v)", conv.Data["title"], err)
	}
}
