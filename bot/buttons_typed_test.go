package bot

import (
	"context"
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegramtest"
)

func TestTypedButton(t *testing.T) {
	t.Parallel()
	rows := [][]quickwin.Button{
		{{Text: "1", Data: "s1"}, {Text: "2", Data: "s2"}, {Text: "12", Data: "s12"}},
		{{Text: "➕ Tambah langkah", Data: "add"}},
		{{Text: "🇮🇩 Bahasa Indonesia", Data: "id"}, {Text: "🇬🇧 English", Data: "en"}},
		{{Text: "✅ Verifikasi", Data: "v"}, {Text: "↩️ Kembalikan", Data: "r"}, {Text: "⏭ Lewati", Data: "n"}},
		{{Text: "« Buka DINKES-01", Data: "open"}},
	}
	for _, c := range []struct {
		typed, want string
	}{
		{"2", "s2"}, {" 12 ", "s12"}, {"1", "s1"}, // numbers whole, never a part
		{"Tambah langkah", "add"}, {"tambah", "add"}, // words, or a word of three letters or more
		{"English", "en"}, {"indonesia", "id"}, {"✅ verifikasi", "v"}, {"LEWATI", "n"},
		{"DINKES-01", "open"},
		{"ta", ""}, {"3", ""}, {"0", ""}, {"", ""}, {"👍", ""}, {"hapus", ""},
		{"a", ""}, // too short to be a part
		{"bahasa", "id"},
	} {
		got, ok := typedButton(rows, c.typed)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("typed %q: got %q %v, want %q", c.typed, got, ok, c.want)
		}
	}
	// Two buttons share the word: neither is guessed.
	if got, ok := typedButton([][]quickwin.Button{{{Text: "Ubah judul", Data: "t"}, {Text: "Ubah tenggat", Data: "d"}}}, "ubah"); ok {
		t.Errorf("an ambiguous word pressed %q", got)
	}
}

// TestTypedAnswersToOfferedButtons: people who type instead of pressing
// are understood at /bahasa, at a plan's step numbers and on the
// verifier's card, in both languages; text that names no button goes on
// as if nothing were open, and a form keeps its priority.
func TestTypedAnswersToOfferedButtons(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			l := locales.ParseLang(lang)
			tr := newTranscript(t, "typed_buttons."+lang)
			ctx := context.Background()
			c := w.commit(t, w.numeric("Posyandu aktif"))
			say := func(who string, u *telegramtest.User, text string) {
				tr.note("%s types %q", who, text)
				u.Send(text)
			}

			// The language, typed at /bahasa.
			other, back := "english", "indonesia"
			if lang == "en" {
				other, back = "indonesia", "english"
			}
			say("head", w.head, "/"+map[string]string{"id": "bahasa", "en": "language"}[lang])
			tr.see("head", w.message(w.head))
			say("head", w.head, other)
			tr.see("head", w.message(w.head))
			if m := w.member(2); m.Lang == lang {
				t.Fatalf("typed %q did not switch the language", other)
			}
			say("head", w.head, "/bahasa")
			tr.see("head", w.message(w.head))
			say("head", w.head, back)
			tr.see("head", w.message(w.head))
			if m := w.member(2); m.Lang != lang {
				t.Fatalf("typed %q did not switch back: %q", back, m.Lang)
			}

			// A plan's step, by its number; back to all steps by a word.
			say("staff", w.staff, "/"+map[string]string{"id": "rencana", "en": "plan"}[lang])
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "2")
			step := tr.see("staff", w.message(w.staff))
			shows(t, step, c.Steps[1].Title, "✏️ "+locales.T(l, "qw.plan.edit_title", nil))
			say("staff", w.staff, map[string]string{"id": "semua", "en": "all"}[lang])
			tr.see("staff", w.message(w.staff))
			// A step added through the form (opened by typing "tambah"):
			// the plan shown at the form's end takes a typed number too.
			say("staff", w.staff, map[string]string{"id": "tambah", "en": "add"}[lang])
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "Sosialisasi")
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "Puskesmas")
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "15/4/2027") // the plan, the new step selected
			shows(t, tr.see("staff", w.message(w.staff)), "Sosialisasi", "« "+locales.T(l, "qw.plan.all_steps", nil))
			say("staff", w.staff, map[string]string{"id": "semua", "en": "all"}[lang])
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "1")
			shows(t, tr.see("staff", w.message(w.staff)), c.Steps[0].Title, "✏️ "+locales.T(l, "qw.plan.edit_title", nil))

			// Text that names no button is not an answer to them.
			say("staff", w.staff, "terima kasih pak")
			shows(t, tr.see("staff", w.message(w.staff)), locales.T(l, "router.hint", nil))
			say("staff", w.staff, "7")
			shows(t, tr.see("staff", w.message(w.staff)), locales.T(l, "router.hint", nil))

			// The verifier's card: "verifikasi" typed verifies.
			v := 40.0
			if _, err := w.store.CreateReport(ctx, w.member(3), &quickwin.Report{TenantID: w.tenant.ID, QuickWinID: c.ID, Value: &v}); err != nil {
				t.Fatal(err)
			}
			w.advance(time.Minute)
			say("admin", w.admin, "/"+map[string]string{"id": "verifikasi", "en": "verify"}[lang])
			tr.see("admin", w.message(w.admin))
			say("admin", w.admin, map[string]string{"id": "verifikasi", "en": "verify"}[lang])
			shows(t, tr.see("admin", w.message(w.admin)), locales.T(l, "qw.verify.verified", nil))
			shows(t, tr.see("admin", w.message(w.admin)), locales.T(l, "qw.verify.none", nil))
			tr.see("staff", w.message(w.staff)) // told of the verification
			if reps, _ := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{State: quickwin.VerifyVerified}); len(reps) != 1 {
				t.Fatalf("verified reports after typing: %d", len(reps))
			}

			// A form keeps priority: inside it, "2" answers the form.
			say("staff", w.staff, "/"+map[string]string{"id": "lapor", "en": "report"}[lang])
			tr.see("staff", w.message(w.staff))
			say("staff", w.staff, "2")
			shows(t, tr.see("staff", w.message(w.staff)), locales.T(l, "wizard.step", map[string]any{"N": 2, "Total": 4}))
			if conv, err := w.store.Conversation(ctx, w.staff.ID, w.staff.ID); err != nil || conv.Wizard != reportWizard {
				t.Fatalf("the report form should still be open: %+v %v", conv, err)
			}
			tr.check()
		})
	}
}
