package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/digest"
	"quickwin/locales"
	"quickwin/telegramtest"
)

// These transcripts show what issue 11 (items 1, 2, 9, 10) changed, as an
// OPD head and a group read it. The leaderboard one wires report's real
// Publisher, as cmd/quickwin does, so that the group's text is the one it
// would get (bot itself never imports report).

// setNow moves the harness's clock to t.
func (h *harness) setNow(t time.Time) {
	h.mu.Lock()
	h.now = t
	h.mu.Unlock()
}

// TestNextYearQuickWinJourney: on 1 December 2026 a head makes a quick win
// that starts on 1 January 2027 and types TW2 for its deadline, "akhir
// bulan" for a step and "150 juta" for the budget. Each typed date is read
// back; TW2 is 30 June 2027 (not 2026, which was refused as before the
// start); the quarter buttons are 2027's; once saved the quick win is "not
// started" with its start date, never "0% 🔴".
func TestNextYearQuickWinJourney(t *testing.T) {
	t.Parallel()
	answers := map[string][]string{
		"id": {"/quickwin_baru", "Posyandu aktif 2027", "Cakupan balita ditimbang", "-", "angka", "60", "90", "%", "naik", "-",
			"1/1/2027", "TW2", "150 juta", "APBD", "-", "Pendataan posyandu", "-", "akhir bulan", "selesai", "simpan"},
		"en": {"/new_quickwin", "Posyandu aktif 2027", "Cakupan balita ditimbang", "-", "numeric", "60", "90", "%", "higher", "-",
			"1/1/2027", "TW2", "150 million", "APBD", "-", "Pendataan posyandu", "-", "end of month", "done", "save"},
	}
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			w.setNow(time.Date(2026, 12, 1, 10, 0, 0, 0, w.tenant.Location()))
			T := func(key string, data map[string]any) string { return locales.T(locales.Lang(lang), key, data) }
			tr := newTranscript(t, "fair_next_year."+lang)
			var deadlineQuestion, afterTW2, saved telegramtest.Sent
			for _, a := range answers[lang] {
				tr.note("head types %q", a)
				w.head.Send(a)
				s := tr.see("head", w.message(w.head))
				switch a {
				case "1/1/2027":
					deadlineQuestion = s
				case "TW2":
					afterTW2 = s
				case "simpan", "save":
					saved = s
				}
			}
			// The buttons offer 2027's quarters, and the examples are valid.
			shows(t, deadlineQuestion, "TW I · 31 Mar 2027", "TW II · 30 Jun 2027", "30/6/2027")
			for _, b := range deadlineQuestion.ReplyMarkup.Texts() {
				if strings.Contains(b, "2026") {
					t.Errorf("deadline button %q is before the start", b)
				}
			}
			shows(t, afterTW2, "→ "+locales.FormatDate(locales.Lang(lang), w.day(2027, 6, 30)))
			shows(t, saved, "DINKES-01", T("status.not_started", nil), T("fair.starts_on", map[string]any{"Date": locales.FormatDate(locales.Lang(lang), w.day(2027, 1, 1))}))
			if strings.Contains(saved.Text, "🔴") || strings.Contains(saved.Text, "░") {
				t.Errorf("a quick win that has not started is shown failing:\n%s", saved.Text)
			}
			c, err := w.store.QuickWinByCode(context.Background(), w.tenant.ID, "DINKES-01")
			if err != nil {
				t.Fatal(err)
			}
			c.In(w.tenant.Location())
			if !c.Start.Equal(w.day(2027, 1, 1)) || !c.Deadline.Equal(w.day(2027, 6, 30)) || c.Budget != 150e6 ||
				len(c.Steps) != 1 || !c.Steps[0].Due.Equal(w.day(2027, 1, 31)) {
				t.Errorf("stored: start %v deadline %v budget %v steps %+v", c.Start, c.Deadline, c.Budget, c.Steps)
			}

			tr.note("head opens the list")
			w.head.Send(map[string]string{"id": "/daftar", "en": "/list"}[lang])
			list := tr.see("head", w.message(w.head))
			shows(t, list, "⏳", T("status.not_started", nil))
			tr.check()
		})
	}
}

// TestBudgetCorrectionShowsABudget: a budget that cannot be read is
// answered with budget examples, not "1.250,5 atau 60%".
func TestBudgetCorrectionShowsABudget(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	for _, a := range []string{"/quickwin_baru", "Posyandu aktif", "-", "-", "bertahap", "1/4/2027", "TW2"} {
		w.head.Send(a)
		w.message(w.head)
	}
	w.head.Send("seratus juta")
	got := w.message(w.head)
	shows(t, got, "⚠️", "150 juta", "1,5 M")
	if strings.Contains(got.Text, "60%") {
		t.Errorf("a number's example for a budget: %s", got.Text)
	}
	w.message(w.head) // the question again
	w.head.Send("1,5 M")
	shows(t, w.message(w.head), "💰 1,5 M → Rp1.500.000.000")
}

// TestGroupLeaderboardWithoutRunningQuickWin: DINKES has a quick win under
// way, DISDIK only one that starts in April. The group sees DINKES ranked
// with its medal and DISDIK apart, without a rank, a score or a medal.
func TestGroupLeaderboardWithoutRunningQuickWin(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			w.restart(func(cfg *Config) { cfg.Publisher = digest.New(w.store, quickwin.ClockFunc(w.clock)) })
			w.commit(t, w.numeric("Posyandu aktif"))
			later := w.numeric("Perpustakaan keliling")
			later.OPDCode, later.Start, later.Steps = "DISDIK", w.day(2027, 4, 1), nil
			w.commit(t, later)

			tr := newTranscript(t, "fair_group_leaderboard."+lang)
			g := w.srv.NewGroup(-500, "Forum Kepala OPD")
			cmd := map[string]string{"id": "/peringkat", "en": "/leaderboard"}[lang]
			tr.note("head types %q in the group", cmd)
			w.head.SendIn(g, cmd)
			board := tr.see("group", g.NextReply(t))
			shows(t, board, "🥇", "Dinas Kesehatan", "Dinas Pendidikan")
			if strings.Contains(board.Text, "🥈") || strings.Contains(board.Text, "Dinas Pendidikan</b>") {
				t.Errorf("a medal for an OPD with nothing under way:\n%s", board.Text)
			}
			if chart := g.NextReply(t); chart.Method != "sendPhoto" {
				t.Errorf("chart: %s", chart.Method)
			}
			tr.check()
		})
	}
}
