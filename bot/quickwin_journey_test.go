package bot

import (
	"context"
	"strings"
	"testing"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegramtest"
)

// journeyWords are what people type in each language.
type journeyWords struct {
	newCmd, reportCmd, verifyCmd, listCmd              string
	kind, dir, cumulative, deadline, budget, skip, add string
	done, save, milestone, today, send, value, yes     string
	correctValue                                       string
	endOfMonth                                         string
}

var journeyInput = map[string]journeyWords{
	"id": {
		newCmd: "/quickwin_baru", reportCmd: "/lapor", verifyCmd: "/verifikasi", listCmd: "/daftar",
		kind: "angka", dir: "naik", cumulative: "kumulatif", deadline: "30 Juni 2027", budget: "Rp 150.000.000",
		skip: "lewati", add: "tambah", done: "selesai", save: "simpan", milestone: "bertahap", today: "hari ini",
		send: "kirim", value: "40%", yes: "ya", correctValue: "42,5", endOfMonth: "akhir bulan",
	},
	"en": {
		newCmd: "/new_quickwin", reportCmd: "/report", verifyCmd: "/verify", listCmd: "/list",
		kind: "numeric", dir: "higher", cumulative: "cumulative", deadline: "30 June 2027", budget: "Rp 150,000,000",
		skip: "skip", add: "add", done: "done", save: "save", milestone: "milestone", today: "today",
		send: "send", value: "40%", yes: "yes", correctValue: "42.5", endOfMonth: "end of month",
	},
}

// TestQuickWinJourney is the acceptance test of the quick-win features, in
// both languages: a head makes a numeric and a milestone quick win with
// typed answers only; staff reports 40% with two photos and the head is
// told; the admin returns the report with a reason; staff corrects it; the
// admin verifies it; a leader asks a question and gets the answer; changing
// the target asks for a reason. Every message is kept in a golden file.
func TestQuickWinJourney(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			in := journeyInput[lang]
			tr := newTranscript(t, "qw_journey."+lang)
			T := func(key string, data map[string]any) string { return locales.T(locales.Lang(lang), key, data) }
			ctx := context.Background()

			// typed sends text as u and records the question that follows.
			typed := func(who string, u *telegramtest.User, text string) telegramtest.Sent {
				t.Helper()
				tr.note("%s types %q", who, text)
				u.Send(text)
				return tr.see(who, w.message(u))
			}

			// 1. A numeric quick win, typed answers only.
			for _, a := range []string{in.newCmd, "Posyandu aktif di semua desa", "Cakupan balita ditimbang", "Balita di semua desa ditimbang tiap bulan di posyandu.", in.kind, "60", "90", "%", in.dir,
				"25; 50; 75; 90", in.cumulative, "1/3/2027", in.deadline, in.budget, "APBD", "2",
				"Pendataan posyandu", "Kabid Kesmas", "31/3/2027", in.add, "Pelatihan kader", in.skip, in.endOfMonth, in.done} {
				typed("head", w.head, a)
			}
			saved := typed("head", w.head, in.save)
			contains(t, saved, "DINKES-01")
			c, err := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-01")
			if err != nil {
				t.Fatal(err)
			}
			c.In(w.tenant.Location())
			if c.Status != quickwin.StatusActive || c.Kind != quickwin.KindNumeric || c.Baseline != 60 || c.Target != 90 || c.Unit != "%" ||
				c.Direction != quickwin.HigherIsBetter || c.Quarters == nil || c.Quarters.Values != [4]float64{25, 50, 75, 90} || !c.Quarters.Cumulative ||
				!c.Start.Equal(w.day(2027, 3, 1)) || !c.Deadline.Equal(w.day(2027, 6, 30)) || c.Budget != 150_000_000 || c.Source != quickwin.SourceAPBD ||
				c.Mission != 2 || c.Indicator != "Cakupan balita ditimbang" || c.Description != "Balita di semua desa ditimbang tiap bulan di posyandu." || len(c.Steps) != 2 ||
				c.Steps[0].Owner != "Kabid Kesmas" || !c.Steps[0].Due.Equal(w.day(2027, 3, 31)) || c.Steps[1].Owner != "" || !c.Steps[1].Due.Equal(w.day(2027, 3, 31)) {
				t.Fatalf("stored quick win: %+v", c)
			}

			// 2. A milestone quick win, typed answers only.
			for _, a := range []string{in.newCmd, "Perbup SPM kesehatan terbit", "-", "-", in.milestone, in.today, "TW2", in.skip, in.skip,
				"Draf perbup", in.skip, "30/4/2027", in.add, "Pengesahan", "Bagian Hukum", "TW2", in.done} {
				typed("head", w.head, a)
			}
			contains(t, typed("head", w.head, in.save), "DINKES-02")
			m, err := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-02")
			if err != nil || m.Kind != quickwin.KindMilestone || len(m.Steps) != 2 || m.Status != quickwin.StatusActive || m.Budget != 0 {
				t.Fatalf("milestone quick win: %+v, %v", m, err)
			}

			// 3. Staff reports 40% with two photos; the head is told.
			pick := typed("staff", w.staff, in.reportCmd)
			w.staff.Press(pick, "DINKES-01")
			tr.see("staff", w.message(w.staff))
			typed("staff", w.staff, in.value)
			typed("staff", w.staff, "Posyandu di 12 desa sudah aktif")
			p1 := w.staff.SendPhoto("")
			tr.note("staff sends a photo")
			tr.see("staff", w.message(w.staff))
			p2 := w.staff.SendPhoto("")
			tr.note("staff sends a photo")
			more := tr.see("staff", w.edit(w.staff)) // the acknowledgement counts on
			w.staff.Press(more, locales.TPlural(locales.Lang(lang), "qw.ev.done", 2, nil))
			confirm := tr.see("staff", w.message(w.staff))
			contains(t, confirm, "▓▓▓▓░░░░░░")
			w.staff.Press(confirm, T("qw.report.send", nil))
			contains(t, tr.see("staff", w.message(w.staff)), "▓▓▓▓░░░░░░", locales.FormatPercent(locales.Lang(lang), 40.0/90*100))
			contains(t, tr.see("head (notified)", w.message(w.head)), "Budi", "DINKES-01")
			reps, _ := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{QuickWinID: c.ID})
			if len(reps) != 1 || *reps[0].Value != 40 || len(reps[0].Evidence) != 2 || reps[0].Evidence[0].FileID != p1.FileID || reps[0].Evidence[1].FileID != p2.FileID {
				t.Fatalf("report: %+v", reps)
			}
			rid := reps[0].ID

			// 4. The admin sees the evidence again and returns the report.
			card := typed("admin", w.admin, in.verifyCmd)
			album := []telegramtest.Sent{
				w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendMediaGroup" }),
				w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendMediaGroup" }),
			}
			if album[0].FileID != p1.FileID || album[1].FileID != p2.FileID || album[0].MediaGroupID != album[1].MediaGroupID {
				t.Errorf("evidence album: %v", album)
			}
			w.admin.Press(card, T("qw.verify.return", nil))
			tr.see("admin", w.message(w.admin))
			typed("admin", w.admin, "ok") // too short: asked again
			tr.see("admin", w.message(w.admin))
			typed("admin", w.admin, "Foto kurang jelas, kirim foto kegiatan")
			tr.see("admin", w.message(w.admin)) // nothing else pending
			back := tr.see("staff (notified)", w.message(w.staff))
			contains(t, tr.see("head (notified)", w.message(w.head)), "Foto kurang jelas")

			// 5. Staff corrects it.
			w.staff.Press(back, T("qw.correct.button", nil))
			tr.see("staff", w.message(w.staff))
			typed("staff", w.staff, in.correctValue)
			typed("staff", w.staff, in.skip) // keeps the note
			p3 := w.staff.SendPhoto("")
			tr.note("staff sends a photo")
			more = tr.see("staff", w.message(w.staff))
			w.staff.Press(more, locales.TPlural(locales.Lang(lang), "qw.ev.done", 1, nil))
			confirm = tr.see("staff", w.message(w.staff))
			typed("staff", w.staff, in.send)
			corrected := tr.see("admin (notified)", w.message(w.admin))
			rep, _ := w.store.Report(ctx, w.tenant.ID, rid)
			// The correction adds to the earlier evidence.
			if rep.State != quickwin.VerifyPending || *rep.Value != 42.5 || rep.Note != "Posyandu di 12 desa sudah aktif" || len(rep.Evidence) != 3 || rep.Evidence[2].FileID != p3.FileID {
				t.Fatalf("corrected report: %+v", rep)
			}

			// 6. The admin verifies it; the reporter and the head are told.
			w.admin.Press(corrected, T("qw.verify.open", nil))
			for _, want := range []string{p1.FileID, p2.FileID, p3.FileID} {
				photo := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendMediaGroup" })
				if photo.FileID != want {
					t.Errorf("evidence photo: %v, want %s", photo, want)
				}
			}
			card = tr.see("admin", w.message(w.admin))
			w.admin.Press(card, T("qw.verify.verify", nil))
			contains(t, tr.see("admin", w.edit(w.admin)), "✅")
			tr.see("admin", w.message(w.admin))
			tr.see("staff (notified)", w.message(w.staff))
			tr.see("head (notified)", w.message(w.head))
			if rep, _ := w.store.Report(ctx, w.tenant.ID, rid); rep.State != quickwin.VerifyVerified {
				t.Errorf("report state %s", rep.State)
			}

			// 7. A leader finds the quick win and asks; the head answers.
			opds := typed("leader", w.leader, in.listCmd)
			w.leader.Press(opds, "DINKES")
			list := tr.see("leader", w.edit(w.leader))
			w.leader.Press(list, "DINKES-01")
			detail := tr.see("leader", w.edit(w.leader))
			w.leader.Press(detail, T("qw.question.ask_button", nil))
			tr.see("leader", w.message(w.leader))
			typed("leader", w.leader, "Kapan target 90% tercapai?")
			question := tr.see("head (notified)", w.message(w.head))
			w.head.Press(question, T("qw.question.answer_button", nil))
			tr.see("head", w.message(w.head))
			typed("head", w.head, "Akhir Juni; 12 desa lagi dijadwalkan April.")
			contains(t, tr.see("leader (notified)", w.message(w.leader)), "Akhir Juni")

			// 8. Changing the target asks for a reason, which the history keeps.
			detail = typed("head", w.head, in.listCmd+" DINKES-01")
			w.head.Press(detail, T("qw.change.target", nil))
			tr.see("head", w.message(w.head))
			typed("head", w.head, "80")
			typed("head", w.head, "x") // too short: asked again
			tr.see("head", w.message(w.head))
			typed("head", w.head, "Anggaran dipotong pada APBD Perubahan")
			typed("head", w.head, in.yes)
			if c, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID); c.Target != 80 {
				t.Errorf("target %v, want 80", c.Target)
			}
			audit, _ := w.store.Audit(ctx, w.tenant.ID, c.ID, 0)
			if last := audit[len(audit)-1]; last.Action != "commitment.target" || last.Reason != "Anggaran dipotong pada APBD Perubahan" {
				t.Errorf("last audit entry: %+v", last)
			}
			contains(t, typed("head", w.head, in.listCmd+" DINKES-01"), "Anggaran dipotong", "Akhir Juni", "Kapan target")
			tr.check()

			for _, m := range w.outbox.queued() {
				if m.TenantID != w.tenant.ID || m.MemberID == "" || !strings.HasPrefix(m.Key, "notify/") {
					t.Errorf("outbox message: %+v", m)
				}
			}
		})
	}
}
