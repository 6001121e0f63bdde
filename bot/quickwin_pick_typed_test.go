package bot

import (
	"context"
	"strings"
	"testing"

	"quickwin/locales"
)

// TestPickerTakesTypedAnswers: the /lapor picker opens a quick win typed by
// code or by part of its title, says so when nothing or several match, and
// the admins' OPD picker takes a code as well.
func TestPickerTakesTypedAnswers(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
	w.commit(t, w.numeric("Posyandu aktif di setiap desa"))
	w.commit(t, w.numeric("Posyandu remaja"))
	ctx := context.Background()
	wizardOf := func(u int64) string {
		c, err := w.store.Conversation(ctx, u, u)
		if err != nil {
			return ""
		}
		return c.Wizard + ":" + c.Data["cid"]
	}
	code := func(id string) string {
		c, err := w.store.QuickWinByCode(ctx, w.tenant.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}

	w.head.Send("/lapor")
	picker := w.message(w.head)
	shows(t, picker, "DINKES-01 · Cakupan", "ketik kodenya")
	w.head.Send("dinkes-02")
	shows(t, w.message(w.head), "DINKES-02")
	if got := wizardOf(w.head.ID); got != reportWizard+":"+code("DINKES-02") {
		t.Errorf("typed code opened %q", got)
	}
	w.head.Send("/batal")
	w.message(w.head)

	w.head.Send("/lapor")
	w.message(w.head)
	w.head.Send("imunisasi")
	shows(t, w.message(w.head), "DINKES-01")
	if got := wizardOf(w.head.ID); got != reportWizard+":"+code("DINKES-01") {
		t.Errorf("part of a title opened %q", got)
	}
	w.head.Send("/batal")
	w.message(w.head)

	w.head.Send("/lapor")
	w.message(w.head)
	w.head.Send("posyandu")
	shows(t, w.message(w.head), "2 quick win yang cocok", "DINKES-02, DINKES-03")
	shows(t, w.message(w.head), "DINKES-01 · Cakupan") // the picker again
	w.head.Send("jembatan")
	shows(t, w.message(w.head), "Tidak ada quick win yang cocok dengan «jembatan»")
	w.message(w.head)
	w.head.Send("DINKES-03")
	w.message(w.head)
	if got := wizardOf(w.head.ID); got != reportWizard+":"+code("DINKES-03") {
		t.Errorf("after corrections opened %q", got)
	}
	w.head.Send("/batal")
	w.message(w.head)

	// The admin's OPD picker takes a quick win's code, or an OPD's.
	w.admin.Send("/lapor")
	shows(t, w.message(w.admin), "DISDIK")
	w.admin.Send("DINKES-01")
	w.message(w.admin)
	if got := wizardOf(w.admin.ID); got != reportWizard+":"+code("DINKES-01") {
		t.Errorf("admin's typed code opened %q", got)
	}
	w.admin.Send("/batal")
	w.message(w.admin)
	w.admin.Send("/rencana")
	w.message(w.admin)
	w.admin.Send("dinkes")
	shows(t, w.message(w.admin), "DINKES-02 · Posyandu")
	w.admin.Send("remaja")
	shows(t, w.message(w.admin), "DINKES-03")

	// A press closes the typed picker: what it opened is what is open (the
	// plan, whose step numbers may be typed).
	w.head.Send("/rencana")
	pick := w.message(w.head)
	w.head.Press(pick, "DINKES-01 · Cakupan imunisasi dasar lengkap")
	w.edit(w.head)
	if conv, err := w.store.Conversation(ctx, w.head.ID, w.head.ID); err != nil || conv.Wizard != offerWizardName {
		t.Errorf("after a press, the plan should be open, not the picker: %+v, %v", conv, err)
	}
}

// TestCommandInTheMiddleOfAForm: a command typed while a form is open is
// answered, the person is reminded of the form, and the next text still
// answers the form's question.
func TestCommandInTheMiddleOfAForm(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newQW(t, lang)
			cmd := map[string][2]string{"id": {"/quickwin_baru", "/bantuan"}, "en": {"/new_quickwin", "/help"}}[lang]
			w.head.Send(cmd[0])
			w.message(w.head)
			w.head.Send(cmd[1])
			help := w.message(w.head)
			shows(t, help, cmd[1])
			reminder := w.message(w.head)
			if want := map[string]string{"id": "Formulir Anda masih terbuka", "en": "Your form is still open"}[lang]; !strings.Contains(reminder.Text, want) {
				t.Errorf("no reminder of the open form: %q", reminder.Text)
			}
			w.head.Send("Posyandu aktif di setiap desa")
			w.message(w.head)
			conv, err := w.store.Conversation(context.Background(), w.head.ID, w.head.ID)
			if err != nil || conv.Data["title"] != "Posyandu aktif di setiap desa" {
				t.Fatalf("the form did not take the next answer: %+v %v", conv, err)
			}
			// /batal closes it: no reminder after it.
			w.head.Send("/batal")
			w.message(w.head)
			w.head.Send(cmd[1])
			w.message(w.head)
			w.head.Send("/batal") // the next message is its answer, not a reminder
			shows(t, w.message(w.head), locales.T(locales.Lang(lang), "wizard.nothing_to_cancel", nil))
		})
	}
}

// TestCommandClosesPicker: after another command, text is no longer read
// as a pick from a list shown before.
func TestCommandClosesPicker(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
	w.commit(t, w.numeric("Posyandu remaja"))
	w.head.Send("/lapor")
	w.message(w.head)
	w.head.Send("/bantuan")
	w.message(w.head)
	w.head.Send("remaja")
	shows(t, w.message(w.head), stripTags(locales.T(locales.ID, "router.hint", nil)))
}

// TestTypedCodeOpensTheQuickWin: a code typed outside any form opens the
// quick win; a code of another OPD's for staff, or nonsense, gets the hint.
func TestTypedCodeOpensTheQuickWin(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
	d := w.numeric("Sekolah ramah anak")
	d.OPDCode = "DISDIK"
	w.commit(t, d)
	w.head.Send("dinkes-01")
	shows(t, w.message(w.head), "DINKES-01", "Cakupan imunisasi")
	w.staff.Send("DISDIK-01")
	shows(t, w.message(w.staff), stripTags(locales.T(locales.ID, "router.hint", nil)))
	w.leader.Send("DISDIK-01")
	shows(t, w.message(w.leader), "Sekolah ramah anak")
	w.head.Send("DINKES-99")
	shows(t, w.message(w.head), stripTags(locales.T(locales.ID, "router.hint", nil)))
}
