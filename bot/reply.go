package bot

import (
	"quickwin"
)

// A person may answer a message of the bot by replying to it (swipe to
// reply) instead of pressing its button. Which message it was needs no
// storage: Telegram sends the replied-to message along, keyboard and all,
// and the keyboard's callback data says what the message is about.
//
//   - A reply to a question ("❓ Pertanyaan dari …", qa:<question>) is the
//     answer: it is taken as if typed after pressing Jawab.
//   - A reply to a prompt, reminder or returned report (rp, sd, fx) opens
//     what its button would: the report wizard, marking the step done, the
//     correction.

// replyKinds are the buttons a reply stands for, in the order they are
// looked for on the replied-to message.
var replyKinds = []string{pAnswer, pReport, pStepDone, pCorrect}

// repliedPress returns the press a reply stands for: the first button of
// replyKinds on the bot's message being replied to.
func (b *Bot) repliedPress(r *Request) (press, bool) {
	m := r.Update.Message
	if m == nil || m.ReplyToMessage == nil || r.Member == nil {
		return press{}, false
	}
	to := m.ReplyToMessage
	if to.From == nil || !to.From.IsBot || to.From.UserName != b.username || to.ReplyMarkup == nil {
		return press{}, false
	}
	for _, kind := range replyKinds {
		for _, row := range to.ReplyMarkup.InlineKeyboard {
			for _, btn := range row {
				if btn.CallbackData == nil {
					continue
				}
				p, ok := parsePress(*btn.CallbackData)
				if ok && p.prefix == kind {
					return p, true
				}
			}
		}
	}
	return press{}, false
}

// answerByReply handles a reply that stands for a press. A refusal (the
// question was answered, the quick win is closed, it is not the sender's)
// is told in words: there is no button to show a short answer on.
func (b *Bot) answerByReply(r *Request, p press) error {
	var err error
	if p.prefix == pAnswer && r.Text != "" {
		err = b.answerQuestionTyped(r, p.id, r.Text)
	} else {
		err = pressHandlers[p.prefix](b, r, p)
	}
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		_, err = r.Reply(r.T("reply.stale", nil), nil)
	}
	return err
}

// answerQuestionTyped takes text as the answer to a question, as the answer
// wizard would after its button: a wrong answer (too short) is told and the
// wizard stays open for the next try.
func (b *Bot) answerQuestionTyped(r *Request, questionID, text string) error {
	q, err := b.Store.Question(r.Ctx, r.Tenant.ID, questionID)
	if err != nil {
		return err
	}
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActAnswer, q.OPDCode); err != nil {
		return err
	}
	if q.AnsweredBy != "" {
		return quickwin.Errorf(quickwin.ECONFLICT, "answered").WithKey("question.answered", nil)
	}
	conv := &quickwin.Conversation{ChatID: r.ChatID, UserID: r.From.ID, Wizard: answerWizard, State: "a",
		Data: map[string]string{"qid": q.ID, "cid": q.CommitmentID}}
	// Saved first, so that an answer too short to keep leaves the question
	// open for the next message, as after pressing Jawab.
	if err := b.Store.SaveConversation(r.Ctx, conv); err != nil {
		return err
	}
	return b.answerWizard(r, &Conv{conv}, Input{Text: text})
}
