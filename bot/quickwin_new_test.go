package bot

import (
	"context"
	"strings"
	"testing"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegramtest"
)

// TestNewQuickWinCorrectsAnswers gives wrong answers to every kind of
// question (text, choice, number, date) in both languages: each gets a
// specific correction and the same question again; "back" returns to the
// previous question; nothing is stored before the summary is confirmed; a
// draft is activated from /daftar.
func TestNewQuickWinCorrectsAnswers(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			l := locales.Lang(lang)
			T := func(key string, data map[string]any) string { return locales.T(l, key, data) }
			head := w.head
			ctx := context.Background()

			// answer sends text and expects the next question to show want.
			answer := func(text, want string) telegramtest.Sent {
				t.Helper()
				head.Send(text)
				q := w.message(head)
				shows(t, q, want)
				return q
			}
			// wrong sends text and expects the correction, then the same question.
			wrong := func(text, correction, question string) telegramtest.Sent {
				t.Helper()
				head.Send(text)
				shows(t, w.message(head), "⚠️", correction)
				q := w.message(head)
				shows(t, q, question)
				return q
			}
			stripped := func(key string, data map[string]any) string { return stripTags(T(key, data)) }
			firstLine := func(s string) string { return strings.SplitN(stripTags(s), "\n", 2)[0] }

			answer("/quickwin_baru", T("wizard.step", map[string]any{"N": 1, "Total": 18}))
			wrong("ab", T("commitment.invalid.title", nil), firstLine(T("qw.new.ask.title", map[string]any{"OPD": "DINKES"})))
			ind := answer("Posyandu keliling", firstLine(T("qw.new.ask.indicator", nil)))
			shows(t, ind, T("wizard.step", map[string]any{"N": 2, "Total": 18}))
			head.Press(ind, T("common.skip", nil)+" »")
			desc := w.message(head)
			shows(t, desc, firstLine(T("qw.new.ask.description", nil)), T("wizard.step", map[string]any{"N": 3, "Total": 18}))
			head.Press(desc, T("common.skip", nil)+" »")
			w.message(head)
			wrong("xyz", "1. "+T("qw.kind.numeric", nil), firstLine(T("qw.new.ask.kind", nil)))
			answer("1", firstLine(T("qw.new.ask.baseline", nil)))
			wrong("abc", T("parse.number.format", nil), firstLine(T("qw.new.ask.baseline", nil)))
			answer("1.250,5", stripped("qw.new.ask.target", nil))
			wrong("0", T("qw.invalid.target", nil), stripped("qw.new.ask.target", nil))
			target := answer("2.000", "")
			// Back from the unit question to the target, and from there to the baseline.
			head.Press(target, "« "+T("common.back", nil))
			q := w.message(head)
			shows(t, q, stripped("qw.new.ask.target", nil))
			head.Press(q, "« "+T("common.back", nil))
			shows(t, w.message(head), firstLine(T("qw.new.ask.baseline", nil)))
			answer("1000", stripped("qw.new.ask.target", nil))
			unit := answer("2000", firstLine(T("qw.new.ask.unit", nil)))
			head.Press(unit, "%")
			dir := w.message(head)
			head.Press(dir, T("qw.direction.higher", nil))
			w.message(head)
			wrong("10; 20", T("qw.invalid.quarters", nil), firstLine(T("qw.new.ask.quarters", nil)))
			answer("-", firstLine(T("qw.new.ask.start", nil)))
			wrong("31/02/2027", T("parse.date.invalid", map[string]any{"Input": "31/02/2027"}), firstLine(T("qw.new.ask.start", nil)))
			wrong("kemarin dulu", T("parse.date.format", nil), firstLine(T("qw.new.ask.start", nil)))
			answer("1-3-2027", "TW I")
			wrong("1 Feb 2027", stripped("qw.invalid.deadline_before_start", map[string]any{"Start": locales.FormatDate(l, w.day(2027, 3, 1))}), "TW I")
			wrong("5/3/2027", T("qw.invalid.deadline_past", nil), "TW I")
			answer("31 Mar 2027", firstLine(T("qw.new.ask.budget", nil)))
			wrong("-5", T("commitment.invalid.budget", nil), firstLine(T("qw.new.ask.budget", nil)))
			answer(T("common.skip", nil), firstLine(T("qw.new.ask.mission", nil)))
			wrong("25", T("commitment.invalid.mission", nil), firstLine(T("qw.new.ask.mission", nil)))
			st := answer("-", firstLine(T("qw.step.ask.title", map[string]any{"N": 1})))
			head.Press(st, T("common.skip", nil)+" »") // a numeric quick win may start without steps
			summary := w.message(head)
			shows(t, summary, T("qw.new.summary", nil), locales.FormatNumber(l, 1000), locales.FormatNumber(l, 2000), "31")
			head.Press(summary, "« "+T("common.back", nil))
			w.message(head)
			answer("Rapat koordinasi", "«Rapat koordinasi»")
			answer("-", "«Rapat koordinasi»")
			wrong("1/4/2027", stripped("qw.invalid.step_due", map[string]any{"Start": locales.FormatDate(l, w.day(2027, 3, 1)), "Deadline": locales.FormatDate(l, w.day(2027, 3, 31))}), "«Rapat koordinasi»")
			answer("31/3/2027", T("qw.new.ask.more", nil))
			if cs, _ := w.store.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{}); len(cs) != 0 {
				t.Fatalf("stored before the summary was confirmed: %+v", cs)
			}
			answer(T("qw.new.more.done", nil), T("qw.new.summary", nil))
			answer("draft", stripped("qw.new.saved.draft", map[string]any{"Code": "DINKES-01"}))
			c, err := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-01")
			if err != nil || c.Status != quickwin.StatusDraft || c.Baseline != 1000 || c.Target != 2000 || c.Quarters != nil || c.Indicator != "" || c.Budget != 0 || len(c.Steps) != 1 {
				t.Fatalf("draft: %+v, %v", c, err)
			}

			// The draft is activated from the list.
			head.Send("/daftar")
			list := w.message(head)
			contains(t, list, "📝", "DINKES-01")
			head.Press(list, "DINKES-01")
			detail := w.edit(head)
			head.Press(detail, T("qw.change.activate", nil))
			contains(t, w.edit(head), T("qw.status.active", nil), "░░░░░░░░░░")
			if c, _ := w.store.QuickWin(ctx, w.tenant.ID, c.ID); c.Status != quickwin.StatusActive {
				t.Errorf("status %s after activation", c.Status)
			}

			// A milestone quick win cannot do without steps; cancelling stores nothing.
			for _, a := range []string{"/quickwin_baru", "Perbup terbit", "-", "-", "2", "today", "TW1", "-", "-"} {
				head.Send(a)
				w.message(head)
			}
			wrong("-", T("qw.invalid.steps_needed", nil), firstLine(T("qw.step.ask.title", map[string]any{"N": 1})))
			head.Send("/batal")
			contains(t, w.message(head), T("wizard.left", nil))
			if cs, _ := w.store.QuickWins(ctx, w.tenant.ID, quickwin.QuickWinFilter{}); len(cs) != 1 {
				t.Errorf("%d quick wins after a cancelled wizard, want 1", len(cs))
			}
		})
	}
}

// TestNewQuickWinAsAdmin: an admin first picks the OPD, or types it.
func TestNewQuickWinAsAdmin(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	w.admin.Send("/quickwin_baru")
	pick := w.message(w.admin)
	contains(t, pick, "OPD mana")
	w.admin.Press(pick, "DISDIK")
	contains(t, w.message(w.admin), "Langkah 1 dari 18", "Quick win baru untuk DISDIK")
	w.admin.Send("/quickwin_baru dinkes")
	contains(t, w.message(w.admin), "Quick win baru untuk DINKES")
	w.admin.Send("/quickwin_baru NOPE")
	contains(t, w.message(w.admin), "tidak ditemukan")
}
