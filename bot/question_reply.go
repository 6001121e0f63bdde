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
//     answer, taken at once; a form the person has open stays open.
//   - A reply to a prompt, reminder or returned report (rp, sd, fx) opens
//     what its button would: the report wizard, marking the step done, the
//     correction. A prompt with a button per quick win opens the one the
//     reply names (its code or part of its title), or offers its buttons
//     again.

// replyKinds are the buttons a reply stands for, in the order they are
// looked for on the replied-to message.
var replyKinds = []string{pAnswer, pReport, pStepDone, pCorrect}

// replied is what a reply stands for: the presses of one kind on the
// replied-to message, and that message's buttons of that kind.
type replied struct {
	presses []press
	buttons [][]quickwin.Button
}

// repliedTo reads the bot's message being replied to.
func (b *Bot) repliedTo(r *Request) (replied, bool) {
	m := r.Update.Message
	if m == nil || m.ReplyToMessage == nil || r.Member == nil {
		return replied{}, false
	}
	to := m.ReplyToMessage
	if to.From == nil || !to.From.IsBot || to.From.UserName != b.username || to.ReplyMarkup == nil {
		return replied{}, false
	}
	for _, kind := range replyKinds {
		var out replied
		for _, row := range to.ReplyMarkup.InlineKeyboard {
			for _, btn := range row {
				if btn.CallbackData == nil {
					continue
				}
				if p, ok := parsePress(*btn.CallbackData); ok && p.prefix == kind {
					out.presses = append(out.presses, p)
					out.buttons = append(out.buttons, []quickwin.Button{{Text: btn.Text, Data: *btn.CallbackData}})
				}
			}
		}
		if len(out.presses) > 0 {
			return out, true
		}
	}
	return replied{}, false
}

// answerByReply handles a reply that stands for a press. A refusal (the
// question was answered, the quick win is closed, it is not the sender's)
// is told in words: there is no button to show a short answer on.
func (b *Bot) answerByReply(r *Request, rep replied) error {
	p := rep.presses[0]
	if len(rep.presses) > 1 {
		var ok bool
		if p, ok = b.namedByReply(r, rep.presses); !ok {
			_, err := r.Reply(r.T("reply.which", nil), rep.buttons)
			return err
		}
	}
	var err error
	switch {
	case p.prefix == pAnswer && r.Text == "": // a sticker or a photo: no answer in it
		_, err = r.Reply(r.T("reply.need_text", nil), nil)
	case p.prefix == pAnswer:
		err = b.answerQuestionTyped(r, p.id, r.Text)
	default:
		err = pressHandlers[p.prefix](b, r, p)
	}
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		_, err = r.Reply(r.T("reply.stale", nil), nil)
	}
	return err
}

// namedByReply picks, among a prompt's quick wins, the one the reply's
// text names by code or by a part of its title.
func (b *Bot) namedByReply(r *Request, presses []press) (press, bool) {
	if r.Text == "" {
		return press{}, false
	}
	var hit []press
	for _, p := range presses {
		c, err := b.questions.QuickWin(r.Ctx, r.Tenant.ID, p.id)
		if err != nil {
			continue
		}
		if typedNames(c, r.Text) {
			hit = append(hit, p)
		}
	}
	if len(hit) != 1 {
		return press{}, false
	}
	return hit[0], true
}

// answerQuestionTyped takes text as the answer to a question, as the
// answer wizard would after its button, without touching a form the
// person has open: an answer too short to keep is told, and they reply
// again.
func (b *Bot) answerQuestionTyped(r *Request, questionID, text string) error {
	q, err := b.openQuestion(r, questionID) // question.go
	if err != nil {
		return err
	}
	q, err = b.questions.AnswerQuestion(r.Ctx, r.Member, r.Tenant.ID, q.ID, text)
	if isValidation(err) {
		_, err = r.Reply("⚠️ "+b.errorText(r, err)+"\n"+r.T("reply.again", nil), nil)
		return err
	}
	if err != nil {
		return err
	}
	if err := b.sendAnswer(r, q); err != nil {
		return err
	}
	if b.openForm(r) != nil {
		_, err = r.Reply("📝 "+r.T("wizard.still_open", nil), nil)
	}
	return err
}
