package bot

import (
	"quickwin"
)

// Changing the target or the deadline of a quick win, or cancelling it,
// always asks why: the reason is kept in the audit log and shown in the
// quick win's history (for an active quick win the store insists on it).
// A draft is activated with one press.

const (
	changeWizard = "qw_change" // qc:t and qc:d: the new value, the reason, confirm
	cancelWizard = "qw_cancel" // qc:x: the reason, confirm
)

// changeButton handles qc:<t|d|x|a>:<commitment>.
func (b *Bot) changeButton(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActEditQuickWin)
	if err != nil {
		return err
	}
	if !planEditable(c) {
		return closedError(r, c)
	}
	switch p.act {
	case 't':
		if c.Kind != quickwin.KindNumeric {
			return staleButton(r)
		}
		return b.startWizard(r, changeWizard, map[string]string{"cid": c.ID, "what": "t"})
	case 'd':
		return b.startWizard(r, changeWizard, map[string]string{"cid": c.ID, "what": "d"})
	case 'x':
		return b.startWizard(r, cancelWizard, map[string]string{"cid": c.ID})
	case 'n', 'i', 'e':
		return b.startWizard(r, textEditWizard, map[string]string{"cid": c.ID, "field": string(p.act)}) // qw_edit_text.go
	}
	if c.Status != quickwin.StatusDraft {
		return staleButton(r)
	}
	if c.Kind == quickwin.KindMilestone && len(c.Steps) == 0 {
		return invalidAnswer("qw.invalid.steps_needed", nil)
	}
	c, err = b.quickwins.UpdateQuickWin(r.Ctx, r.Member, quickwin.ActEditQuickWin, r.Tenant.ID, c.ID, "commitment.activate", "", func(c *quickwin.QuickWin) error {
		if c.Status != quickwin.StatusDraft {
			return closedError(r, c)
		}
		c.Status = quickwin.StatusActive
		return nil
	})
	if err != nil {
		return err
	}
	return b.showDetail(r, c, c.OPDCode, 0)
}

func (b *Bot) changeWizards() []*Wizard {
	return []*Wizard{
		{Name: changeWizard, First: "new", Steps: 3, States: map[string]*State{
			"new": {Step: 1, Ask: b.askNewValue, Answer: b.answerNewValue},
			"why": {Step: 2, Ask: b.askReason, Answer: b.answerReason},
			"ok":  {Step: 3, Ask: b.askChangeConfirm, Answer: b.answerChangeConfirm},
		}},
		b.textEditWizardDef(),
		{Name: cancelWizard, First: "why", Steps: 2, States: map[string]*State{
			"why": {Step: 1, Ask: b.askReason, Answer: b.answerReason},
			"ok":  {Step: 2, Ask: b.askChangeConfirm, Answer: b.answerChangeConfirm},
		}},
	}
}

// changing is the quick win a change wizard is about.
func (b *Bot) changing(r *Request, c *Conv) (*quickwin.QuickWin, error) {
	return b.loadQuickWin(r, c.Get("cid"), quickwin.ActEditQuickWin)
}

func (b *Bot) askNewValue(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	qw, err := b.changing(r, c)
	if err != nil {
		return "", nil, err
	}
	v := b.viewOf(r)
	if c.Get("what") == "t" {
		return v.headline(qw) + "\n\n" + r.T("qw.change.ask.target", map[string]any{"Current": v.amount(qw.Target, qw.Unit)}), nil, nil
	}
	data := deadlineExamples(v, qw.Start)
	data["Current"] = v.date(qw.Deadline)
	return v.headline(qw) + "\n\n" + r.T("qw.change.ask.deadline", data), nil, nil
}

func (b *Bot) answerNewValue(r *Request, c *Conv, in Input) (string, error) {
	qw, err := b.changing(r, c)
	if err != nil {
		return "", err
	}
	if c.Get("what") == "t" {
		x, err := typedTarget(r, in)
		if err != nil {
			return "", err
		}
		setFloat(c, "new", x)
		return "why", nil
	}
	t, err := b.typedDeadline(r, in, qw.Start)
	if err != nil {
		return "", err
	}
	for _, s := range qw.Steps {
		if quickwin.DaysBetween(t, s.Due) > 0 {
			return "", invalidAnswer("qw.invalid.deadline_steps", map[string]any{"Step": s.Title, "Due": b.viewOf(r).date(s.Due)})
		}
	}
	setDate(c, "new", t)
	return "why", nil
}

func (b *Bot) askReason(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	qw, err := b.changing(r, c)
	if err != nil {
		return "", nil, err
	}
	key := "qw.change.ask.reason"
	if c.Wizard == cancelWizard {
		key = "qw.change.ask.cancel_reason"
	}
	return b.viewOf(r).headline(qw) + "\n\n" + r.T(key, nil), nil, nil
}

func (b *Bot) answerReason(r *Request, c *Conv, in Input) (string, error) {
	t, err := typedText(in, 3, 500, "qw.invalid.reason")
	if err != nil {
		return "", err
	}
	c.Set("why", t)
	return "ok", nil
}

// changeOf describes the change a wizard is about to make, and makes it.
func (b *Bot) changeOf(r *Request, c *Conv, qw *quickwin.QuickWin) (what, summary string, apply func(*quickwin.QuickWin)) {
	v := b.viewOf(r)
	switch {
	case c.Wizard == cancelWizard:
		return "commitment.cancel", r.T("qw.change.summary.cancel", map[string]any{"Code": esc(qw.Code)}),
			func(q *quickwin.QuickWin) { q.Status = quickwin.StatusCancelled }
	case c.Get("what") == "t":
		x := getFloat(c, "new")
		return "commitment.target", r.T("qw.change.summary.target", map[string]any{"Code": esc(qw.Code), "Old": v.amount(qw.Target, qw.Unit), "New": v.amount(x, qw.Unit)}),
			func(q *quickwin.QuickWin) { q.Target = x }
	}
	t := getDate(c, "new", v.loc)
	return "commitment.deadline", r.T("qw.change.summary.deadline", map[string]any{"Code": esc(qw.Code), "Old": v.date(qw.Deadline), "New": v.date(t)}),
		func(q *quickwin.QuickWin) { q.Deadline = t }
}

func (b *Bot) askChangeConfirm(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	qw, err := b.changing(r, c)
	if err != nil {
		return "", nil, err
	}
	_, summary, _ := b.changeOf(r, c, qw)
	return summary + "\n" + r.T("qw.change.line.reason", map[string]any{"Reason": esc(c.Get("why"))}) + "\n\n" + r.T("qw.change.ask.confirm", nil),
		optionButtons(r, c, yesNoOptions, 2), nil
}

func (b *Bot) answerChangeConfirm(r *Request, c *Conv, in Input) (string, error) {
	yes, err := pickOption(r, in, yesNoOptions)
	if err != nil {
		return "", err
	}
	if yes == "n" {
		_, err := r.Reply(r.T("qw.change.kept", nil), nil)
		return Finish, err
	}
	qw, err := b.changing(r, c)
	if err != nil {
		return b.endWizard(r, err)
	}
	what, _, apply := b.changeOf(r, c, qw)
	qw, err = b.quickwins.UpdateQuickWin(r.Ctx, r.Member, quickwin.ActEditQuickWin, r.Tenant.ID, qw.ID, what, c.Get("why"), func(q *quickwin.QuickWin) error {
		if !planEditable(q) {
			return closedError(r, q)
		}
		apply(q)
		return nil
	})
	if quickwin.ErrorCode(err) == quickwin.EINVALID {
		return "", err
	}
	if err != nil {
		return b.endWizard(r, err)
	}
	_, err = r.Reply("✅ "+r.T("qw.change.saved."+what[len("commitment."):], map[string]any{"Code": esc(qw.Code)})+"\n\n"+b.viewOf(r).card(qw, ""), nil)
	return Finish, err
}
