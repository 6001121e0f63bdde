package bot

import (
	"quickwin"
)

// A leader (or admin) asks a question on a quick win; the OPD's head gets
// it with a reply button (qa:<question>), answers, and the answer goes back
// to whoever asked. Both stay in the quick win's history.

const (
	askWizard    = "qw_ask"
	answerWizard = "qw_answer"
)

// askButton handles qq:<commitment>.
func (b *Bot) askButton(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActAsk)
	if err != nil {
		return err
	}
	return b.startWizard(r, askWizard, map[string]string{"cid": c.ID})
}

// answerButton handles qa:<question>.
func (b *Bot) answerButton(r *Request, p press) error {
	q, err := b.openQuestion(r, p.id)
	if err != nil {
		return err
	}
	return b.startWizard(r, answerWizard, map[string]string{"qid": q.ID, "cid": q.QuickWinID})
}

// openQuestion is a question the sender may answer now: theirs to answer
// and not answered yet.
func (b *Bot) openQuestion(r *Request, id string) (*quickwin.Question, error) {
	q, err := b.questions.Question(r.Ctx, r.Tenant.ID, id)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActAnswer, q.OPDCode); err != nil {
		return nil, err
	}
	if q.AnsweredBy != "" {
		return nil, quickwin.Errorf(quickwin.ECONFLICT, "answered").WithKey("question.answered", nil)
	}
	return q, nil
}

func (b *Bot) questionWizards() []*Wizard {
	return []*Wizard{
		{Name: askWizard, First: "q", States: map[string]*State{"q": {
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				qw, err := b.loadQuickWin(r, c.Get("cid"), quickwin.ActAsk)
				if err != nil {
					return "", nil, err
				}
				return r.T("qw.question.ask", map[string]any{"OPD": esc(qw.OPDCode), "Headline": b.viewOf(r).headline(qw)}), nil, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				q, err := b.questions.AskQuestion(r.Ctx, r.Member, r.Tenant.ID, c.Get("cid"), in.Text)
				if quickwin.ErrorCode(err) == quickwin.EINVALID {
					return "", err
				}
				if err == nil {
					err = b.sendQuestion(r, q)
				}
				return b.endWizard(r, err)
			},
		}}},
		{Name: answerWizard, First: "a", States: map[string]*State{"a": {
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				q, err := b.questions.Question(r.Ctx, r.Tenant.ID, c.Get("qid"))
				if err != nil {
					return "", nil, err
				}
				qw, err := b.loadQuickWin(r, q.QuickWinID, quickwin.ActViewOPD)
				if err != nil {
					return "", nil, err
				}
				return r.T("qw.question.ask_answer", map[string]any{
					"Headline": b.viewOf(r).headline(qw), "Name": esc(b.nameOf(r)(q.AskedBy)), "Question": esc(q.Text),
				}), nil, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				q, err := b.questions.AnswerQuestion(r.Ctx, r.Member, r.Tenant.ID, c.Get("qid"), in.Text)
				if quickwin.ErrorCode(err) == quickwin.EINVALID {
					return "", err
				}
				if err == nil {
					err = b.sendAnswer(r, q)
				}
				return b.endWizard(r, err)
			},
		}}},
	}
}

// sendQuestion tells the asker where the question went and queues it for
// the OPD's heads with the reply button.
func (b *Bot) sendQuestion(r *Request, q *quickwin.Question) error {
	qw, err := b.loadQuickWin(r, q.QuickWinID, quickwin.ActAsk)
	if err != nil {
		return err
	}
	heads, err := b.opdHeads(r, qw.OPDCode)
	if err != nil {
		return err
	}
	to := b.recipients(r, nil, heads)
	key := "qw.question.sent"
	if len(to) == 0 {
		key = "qw.question.no_head"
	}
	if _, err := r.Reply("✅ "+r.T(key, map[string]any{"OPD": esc(qw.OPDCode)}), nil); err != nil {
		return err
	}
	b.notifyMembers(r, "notify/question/"+q.ID, to, func(v qwView) (string, [][]quickwin.Button) {
		text := v.T("qw.notify.question", map[string]any{
			"Name": esc(r.Member.Name), "Role": v.T("role."+string(r.Member.Role), nil), "Headline": v.headline(qw), "Question": esc(q.Text),
		})
		return text, [][]quickwin.Button{{pressButton("💬 "+v.T("qw.question.answer_button", nil), press{prefix: pAnswer, id: q.ID})}}
	})
	return nil
}

// sendAnswer confirms the answer and queues it for whoever asked.
func (b *Bot) sendAnswer(r *Request, q *quickwin.Question) error {
	qw, err := b.loadQuickWin(r, q.QuickWinID, quickwin.ActViewOPD)
	if err != nil {
		return err
	}
	if _, err := r.Reply("✅ "+r.T("qw.question.answered", nil), nil); err != nil {
		return err
	}
	b.notifyMembers(r, "notify/answer/"+q.ID, b.recipients(r, []string{q.AskedBy}, nil), func(v qwView) (string, [][]quickwin.Button) {
		text := v.T("qw.notify.answer", map[string]any{
			"Name": esc(r.Member.Name), "OPD": esc(qw.OPDCode), "Headline": v.headline(qw), "Question": esc(q.Text), "Answer": esc(q.Answer),
		})
		return text, [][]quickwin.Button{{pressButton(v.T("qw.detail.open", map[string]any{"Code": qw.Code}), press{prefix: pDetail, id: qw.ID, opd: qw.OPDCode})}}
	})
	return nil
}
