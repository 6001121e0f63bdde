package bot

import (
	"context"
	"testing"

	"quickwin"
	"quickwin/locales"
)

// TestQuestionAnsweredByReply: a leader asks; the head swipe-replies to
// "❓ Pertanyaan dari …" instead of pressing Jawab, and the reply is the
// answer; a second reply is told the question is answered already. Golden
// transcripts in both languages.
func TestQuestionAnsweredByReply(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			c := w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
			tr := newTranscript(t, "qw_reply."+lang)
			T := func(key string, data map[string]any) string { return locales.T(locales.Lang(lang), key, data) }
			list := map[string]string{"id": "/daftar", "en": "/list"}[lang]

			tr.note("leader types %q", list+" DINKES-01")
			w.leader.Send(list + " DINKES-01")
			detail := tr.see("leader", w.message(w.leader))
			w.leader.Press(detail, T("qw.question.ask_button", nil))
			tr.see("leader", w.message(w.leader))
			tr.note("leader types the question")
			w.leader.Send("Kapan target 90% tercapai?")
			tr.see("leader", w.message(w.leader))
			question := tr.see("head (notified)", w.message(w.head))

			tr.note("head replies to the question (swipe to reply) instead of pressing the button")
			w.head.Reply(question.MessageID, "Akhir Juni; 12 desa lagi dijadwalkan April.")
			tr.see("head", w.message(w.head))
			answer := tr.see("leader (notified)", w.message(w.leader))
			shows(t, answer, "Akhir Juni; 12 desa lagi")

			tr.note("head replies to the same question again")
			w.head.Reply(question.MessageID, "Tambahan: 3 desa sudah selesai.")
			again := tr.see("head", w.message(w.head))
			shows(t, again, T("question.answered", nil))
			tr.check()

			qs, err := w.store.Questions(context.Background(), w.tenant.ID, c.ID)
			if err != nil || len(qs) != 1 || qs[0].Answer != "Akhir Juni; 12 desa lagi dijadwalkan April." {
				t.Errorf("questions: %+v %v", qs, err)
			}
		})
	}
}

// TestReplyToPromptOpensItsButton: a reply to the monthly prompt (rp) opens
// the report wizard, as its button would; a reply to a message without such
// a button is handled as any typed text.
func TestReplyToPromptOpensItsButton(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	c := w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
	prompt := quickwin.OutboxMessage{Key: "test/prompt", TenantID: w.tenant.ID, ChatID: w.head.ID, Text: "📝 Laporkan realisasi Maret 2027",
		Buttons: [][]quickwin.Button{{pressButton("Lapor DINKES-01", press{prefix: pReport, id: c.ID})}}}
	if err := w.bot.Client.Deliver(context.Background(), &prompt); err != nil {
		t.Fatal(err)
	}
	sent := w.message(w.head)
	w.head.Reply(sent.MessageID, "sudah 75%")
	shows(t, w.message(w.head), "DINKES-01")
	conv, err := w.store.Conversation(context.Background(), w.head.ID, w.head.ID)
	if err != nil || conv.Wizard != reportWizard {
		t.Fatalf("reply to the prompt opened %+v (%v), want the report wizard", conv, err)
	}
	w.head.Send("/batal")
	w.message(w.head)

	// A staff member of another OPD replying to the same kind of prompt is
	// refused in words, not silently.
	other := quickwin.OutboxMessage{Key: "test/prompt2", TenantID: w.tenant.ID, ChatID: w.leader.ID, Text: "📝",
		Buttons: [][]quickwin.Button{{pressButton("Lapor", press{prefix: pReport, id: c.ID})}}}
	if err := w.bot.Client.Deliver(context.Background(), &other); err != nil {
		t.Fatal(err)
	}
	sent = w.message(w.leader)
	w.leader.Reply(sent.MessageID, "75")
	if got := w.message(w.leader); got.Text == "" {
		t.Error("refusal not told")
	}

	// A prompt with a button per quick win: the reply names one, or is
	// offered the buttons again.
	c2 := w.commit(t, w.numeric("Posyandu remaja"))
	both := quickwin.OutboxMessage{Key: "test/prompt3", TenantID: w.tenant.ID, ChatID: w.head.ID, Text: "📝 Laporkan realisasi Maret 2027",
		Buttons: [][]quickwin.Button{{pressButton("DINKES-01", press{prefix: pReport, id: c.ID})}, {pressButton("DINKES-02", press{prefix: pReport, id: c2.ID})}}}
	if err := w.bot.Client.Deliver(context.Background(), &both); err != nil {
		t.Fatal(err)
	}
	sent = w.message(w.head)
	w.head.Reply(sent.MessageID, "sudah")
	which := w.message(w.head)
	shows(t, which, "Quick win yang mana?", "DINKES-01", "DINKES-02")
	w.head.Reply(sent.MessageID, "remaja")
	w.message(w.head)
	if conv, err := w.store.Conversation(context.Background(), w.head.ID, w.head.ID); err != nil || conv.Data["cid"] != c2.ID {
		t.Fatalf("reply naming DINKES-02 opened %+v (%v)", conv, err)
	}
	w.head.Send("/batal")
	w.message(w.head)

	// A reply to a bot message without such a button is ordinary text.
	w.head.Send("/bantuan")
	help := w.message(w.head)
	w.head.Reply(help.MessageID, "halo")
	shows(t, w.message(w.head), stripTags(locales.T(locales.ID, "router.hint", nil)))
}

// TestAnswerByReplyKeepsTheOpenForm: answering a question by reply while a
// form is open answers it and leaves the form as it was, with a reminder;
// a too-short answer is told and changes nothing.
func TestAnswerByReplyKeepsTheOpenForm(t *testing.T) {
	t.Parallel()
	w := newQW(t, "en")
	c := w.commit(t, w.numeric("Cakupan imunisasi dasar lengkap"))
	q, err := w.store.AskQuestion(context.Background(), w.member(4), w.tenant.ID, c.ID, "Kapan target 90% tercapai?")
	if err != nil {
		t.Fatal(err)
	}
	w.bot.notifyMembers(&Request{Ctx: context.Background(), bot: w.bot, Member: w.member(4), Tenant: w.tenant}, "notify/question/"+q.ID,
		[]quickwin.Member{*w.member(2)}, func(v qwView) (string, [][]quickwin.Button) {
			return "❓ " + q.Text, [][]quickwin.Button{{pressButton("Answer", press{prefix: pAnswer, id: q.ID})}}
		})
	question := w.message(w.head)

	w.head.Send("/new_quickwin")
	w.message(w.head)
	w.head.Send("Posyandu aktif di semua desa")
	w.message(w.head)
	w.head.Reply(question.MessageID, "\x00") // shows nothing: no answer in it
	shows(t, w.message(w.head), "Reply to the question with your answer in words")
	w.head.Reply(question.MessageID, "End of June.")
	shows(t, w.message(w.head), "answer is sent")
	shows(t, w.message(w.head), "Your form is still open")
	conv, err := w.store.Conversation(context.Background(), w.head.ID, w.head.ID)
	if err != nil || conv.Wizard != newWizardName || conv.State != "ind" || conv.Data["title"] != "Posyandu aktif di semua desa" {
		t.Fatalf("the open form changed: %+v %v", conv, err)
	}
	if got, _ := w.store.Question(context.Background(), w.tenant.ID, q.ID); got.Answer != "End of June." {
		t.Errorf("answer %q", got.Answer)
	}
}
