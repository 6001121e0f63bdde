package bot

import (
	"strings"
	"testing"
	"time"

	"quickwin"
)

// TestListPagesByEdit: /daftar puts what needs attention first (late, at
// risk, then by capaian) and pages, opens a quick win and goes back by
// editing the one message; leaders pick an OPD or all of them; heads see
// only their own OPD.
func TestListPagesByEdit(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	tr := newTranscript(t, "qw_list.id")
	mk := func(title string, start, deadline time.Time, status quickwin.Status) {
		c := w.numeric(title)
		c.Start, c.Deadline, c.Status, c.Steps = start, deadline, status, nil
		w.commit(t, c)
	}
	jan, mar, feb28, apr30, dec31 := w.day(2027, 1, 1), w.day(2027, 3, 1), w.day(2027, 2, 28), w.day(2027, 4, 30), w.day(2027, 12, 31)
	mk("Sudah lewat tenggat A", jan, feb28, quickwin.StatusActive) // late
	mk("Berjalan C", mar, dec31, quickwin.StatusActive)            // on track
	mk("Tertinggal A", jan, apr30, quickwin.StatusActive)          // at risk
	mk("Masih draf", mar, dec31, quickwin.StatusDraft)
	mk("Berjalan A", mar, dec31, quickwin.StatusActive)
	mk("Sudah lewat tenggat B", jan, feb28, quickwin.StatusActive)
	mk("Tertinggal B", jan, apr30, quickwin.StatusActive)
	mk("Berjalan B", mar, dec31, quickwin.StatusActive)
	w.commit(t, quickwin.QuickWin{OPDCode: "DISDIK", Title: "Sekolah ramah anak", Kind: quickwin.KindMilestone, Start: w.day(2027, 3, 1),
		Deadline: w.day(2027, 6, 30), Status: quickwin.StatusActive, Steps: []quickwin.Step{{Title: "Survei", Due: w.day(2027, 4, 1)}}})

	w.head.Send("/daftar")
	page1 := tr.see("head", w.message(w.head))
	shows(t, page1, "Halaman 1 dari 2", "⏰ 2 terlambat", "⚠️ 2 berisiko", "Berikutnya »")
	order := []string{"Sudah lewat tenggat A", "Sudah lewat tenggat B", "Tertinggal A", "Tertinggal B", "Berjalan C", "Berjalan A"}
	for i := 1; i < len(order); i++ {
		if a, b := strings.Index(page1.Text, order[i-1]), strings.Index(page1.Text, order[i]); a < 0 || b < 0 || a > b {
			t.Errorf("%q should come before %q:\n%s", order[i-1], order[i], page1.Text)
		}
	}
	w.head.Press(page1, "Berikutnya »")
	page2 := tr.see("head", w.edit(w.head))
	shows(t, page2, "Halaman 2 dari 2", "Berjalan B", "📝", "Masih draf", "« Sebelumnya")
	if page2.MessageID != page1.MessageID {
		t.Errorf("paging sent a new message %d, want an edit of %d", page2.MessageID, page1.MessageID)
	}
	w.head.Press(page2, "DINKES-04") // the draft
	detail := tr.see("head", w.edit(w.head))
	shows(t, detail, "Masih draf", "Draf", "Aktifkan", "« Daftar")
	w.head.Press(detail, "« Daftar")
	back := tr.see("head", w.edit(w.head))
	shows(t, back, "Halaman 2 dari 2")
	if back.MessageID != page1.MessageID {
		t.Errorf("back sent a new message")
	}

	// Heads see their own OPD only.
	w.head.Send("/daftar DISDIK")
	shows(t, w.message(w.head), "hanya dapat melihat data OPD Anda sendiri")
	shows(t, w.toast(w.head.PressData(page1.MessageID, "ls:DISDIK:0")), "hanya dapat melihat data OPD Anda sendiri")

	// Leaders pick an OPD, or all of them.
	w.leader.Send("/daftar")
	pick := tr.see("leader", w.message(w.leader))
	w.leader.Press(pick, "Semua OPD")
	all := tr.see("leader", w.edit(w.leader))
	shows(t, all, "Semua OPD (9)", "Halaman 1 dari 2")
	w.leader.Press(all, "Berikutnya »")
	shows(t, tr.see("leader", w.edit(w.leader)), "DISDIK-01", "Sekolah ramah anak")
	w.leader.Send("/list disdik")
	shows(t, w.message(w.leader), "Dinas Pendidikan (DISDIK) (1)")
	tr.check()
}
