package bot

import (
	"strconv"
	"time"

	"quickwin"
)

// /rencana (/plan): the action steps of a quick win. A person picks a step
// by its number and then edits it, marks it done, moves it or deletes it;
// the plan message is edited in place as they go. Every change goes through
// UpdateQuickWin with ActEditSteps, so staff may do all of it.

const (
	stepAddWizard  = "qw_step_add"
	stepDoneWizard = "qw_step_done"
)

// stepFieldWizard names the one-question wizard that edits one field of a
// step: t title, o owner, d due date.
func stepFieldWizard(field byte) string { return "qw_step_" + string(field) }

func (b *Bot) cmdPlan(r *Request) error { return b.onQuickWin(r, purposePlan, b.openPlan) }

// openPlan shows a quick win's plan as a new message (or in place of the
// pressed one).
func (b *Bot) openPlan(r *Request, c *quickwin.QuickWin) error {
	text, buttons := b.planView(r, c, "", "")
	return b.offerButtons(r, text, buttons) // a typed step number picks the step
}

// closedError says that a quick win that is done or cancelled cannot change.
func closedError(r *Request, c *quickwin.QuickWin) error {
	return quickwin.Errorf(quickwin.ECONFLICT, "%s is %s", c.Code, c.Status).
		WithKey("qw.closed", map[string]any{"Code": c.Code, "Status": r.T("qw.status."+string(c.Status), nil)})
}

var errDoneNoDelete = quickwin.Errorf(quickwin.ECONFLICT, "a step that is done cannot be deleted").WithKey("qw.plan.done_no_delete", nil)

// alreadyDone refuses to finish a step twice.
func (b *Bot) alreadyDone(r *Request, s quickwin.Step) error {
	return quickwin.Errorf(quickwin.ECONFLICT, "step %s is done", s.ID).WithKey("qw.plan.already_done", map[string]any{"Date": b.viewOf(r).dateShort(s.DoneAt)})
}

// planEditable reports whether a quick win's plan may still change.
func planEditable(c *quickwin.QuickWin) bool {
	return c.Status == quickwin.StatusDraft || c.Status == quickwin.StatusActive
}

// planView renders the plan, with the selected step's actions when a step
// is selected, and a notice on top (what just changed).
func (b *Bot) planView(r *Request, c *quickwin.QuickWin, selected, notice string) (string, [][]quickwin.Button) {
	v := b.viewOf(r)
	head := v.headline(c)
	if c.Status == quickwin.StatusActive {
		head += "\n" + v.progress(c)
	}
	var list string
	if len(c.Steps) == 0 {
		list = r.T("qw.plan.empty", nil)
	} else {
		list = v.steps(c, planSteps)
	}
	sel := c.StepIndex(selected)
	var hint string
	var rows [][]quickwin.Button
	at := func(act byte, sid string) press { return press{prefix: pPlan, act: act, id: c.ID, step: sid} }
	switch {
	case !planEditable(c):
		hint = b.errorText(r, closedError(r, c))
	case sel < 0:
		hint = r.T("qw.plan.hint", nil)
		var nums []quickwin.Button
		for i, s := range c.Steps {
			nums = append(nums, pressButton(strconv.Itoa(i+1), at('s', s.ID)))
		}
		rows = append(grid(nums, 5), []quickwin.Button{pressButton("➕ "+r.T("qw.plan.add", nil), at('a', ""))})
	default:
		s := c.Steps[sel]
		hint = r.T("qw.plan.selected", map[string]any{"N": sel + 1, "Title": esc(s.Title)})
		rows = append(rows, []quickwin.Button{
			pressButton("✏️ "+r.T("qw.plan.edit_title", nil), at('t', s.ID)),
			pressButton("👤 "+r.T("qw.plan.edit_owner", nil), at('o', s.ID)),
			pressButton("📅 "+r.T("qw.plan.edit_due", nil), at('d', s.ID)),
		})
		var row []quickwin.Button
		if !s.Done() {
			row = append(row, pressButton("✅ "+r.T("qw.plan.mark_done", nil), press{prefix: pStepDone, id: c.ID, step: s.ID}))
		}
		if sel > 0 {
			row = append(row, pressButton("⬆️", at('u', s.ID)))
		}
		if sel < len(c.Steps)-1 {
			row = append(row, pressButton("⬇️", at('w', s.ID)))
		}
		if !s.Done() {
			row = append(row, pressButton("🗑 "+r.T("qw.plan.delete", nil), at('x', s.ID)))
		}
		rows = append(rows, row)
		if s.Done() && len(s.Evidence) > 0 {
			rows = append(rows, []quickwin.Button{pressButton("📎 "+r.T("qw.plan.show_evidence", map[string]any{"N": len(s.Evidence)}), at('e', s.ID))})
		}
		rows = append(rows, []quickwin.Button{pressButton("« "+r.T("qw.plan.all_steps", nil), at('v', ""))})
	}
	rows = append(rows, []quickwin.Button{pressButton("« "+r.T("qw.detail.open", map[string]any{"Code": c.Code}), press{prefix: pDetail, id: c.ID, opd: c.OPDCode})})
	return fitSections(v, []string{notice, head, list, hint}), rows
}

// planButton handles pl:<act>:<commitment>[:<step>].
func (b *Bot) planButton(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActEditSteps)
	if err != nil {
		return err
	}
	k := c.StepIndex(p.step)
	if p.step != "" && k < 0 {
		return staleButton(r)
	}
	if p.act != 'v' && p.act != 's' && p.act != 'e' && !planEditable(c) {
		return closedError(r, c)
	}
	switch p.act {
	case 'e':
		return b.showStepEvidence(r, c, k)
	case 'v', 's':
		text, buttons := b.planView(r, c, p.step, "")
		return b.offerButtons(r, text, buttons)
	case 'a':
		return b.startWizard(r, stepAddWizard, map[string]string{"cid": c.ID, "k": strconv.Itoa(len(c.Steps))})
	case 't', 'o', 'd':
		return b.startWizard(r, stepFieldWizard(p.act), stepData(c.ID, k, c.Steps[k]))
	case 'u', 'w':
		return b.moveStep(r, c, p.step, p.act == 'u')
	case 'x':
		if c.Steps[k].Done() {
			return errDoneNoDelete
		}
		return r.EditOrReply(r.T("qw.plan.confirm_delete", map[string]any{"Title": esc(c.Steps[k].Title)}), [][]quickwin.Button{{
			pressButton("🗑 "+r.T("qw.plan.delete_yes", nil), press{prefix: pPlan, act: 'X', id: c.ID, step: p.step}),
			pressButton(r.T("common.no", nil), press{prefix: pPlan, act: 's', id: c.ID, step: p.step}),
		}})
	case 'X':
		return b.deleteStep(r, c, p.step)
	}
	return staleButton(r)
}

// changeSteps applies a change to the stored quick win's steps and returns
// the quick win as stored.
func (b *Bot) changeSteps(r *Request, id, what string, change func(c *quickwin.QuickWin) error) (*quickwin.QuickWin, error) {
	c, err := b.quickwins.UpdateQuickWin(r.Ctx, r.Member, quickwin.ActEditSteps, r.Tenant.ID, id, what, "", func(c *quickwin.QuickWin) error {
		if !planEditable(c) {
			return closedError(r, c)
		}
		return change(c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// stepOf finds a step of the quick win being changed; a step deleted
// meanwhile is a stale button.
func stepOf(c *quickwin.QuickWin, sid string) (int, error) {
	k := c.StepIndex(sid)
	if k < 0 {
		return k, quickwin.Errorf(quickwin.ENOTFOUND, "step %s", sid)
	}
	return k, nil
}

func (b *Bot) moveStep(r *Request, c *quickwin.QuickWin, sid string, up bool) error {
	c, err := b.changeSteps(r, c.ID, "steps.move", func(c *quickwin.QuickWin) error {
		k, err := stepOf(c, sid)
		if err != nil {
			return err
		}
		j := k + 1
		if up {
			j = k - 1
		}
		if j >= 0 && j < len(c.Steps) {
			c.Steps[k], c.Steps[j] = c.Steps[j], c.Steps[k]
		}
		return nil
	})
	if err != nil {
		return err
	}
	text, buttons := b.planView(r, c, sid, "")
	return b.offerButtons(r, text, buttons)
}

func (b *Bot) deleteStep(r *Request, c *quickwin.QuickWin, sid string) error {
	title := c.Steps[c.StepIndex(sid)].Title
	c, err := b.changeSteps(r, c.ID, "steps.delete", func(c *quickwin.QuickWin) error {
		k, err := stepOf(c, sid)
		if err != nil {
			return err
		}
		if c.Steps[k].Done() {
			return errDoneNoDelete
		}
		c.Steps = append(c.Steps[:k], c.Steps[k+1:]...)
		return nil
	})
	if err != nil {
		return err
	}
	text, buttons := b.planView(r, c, "", "🗑 "+r.T("qw.plan.deleted", map[string]any{"Title": esc(title)}))
	return b.offerButtons(r, text, buttons)
}

// planWizards are the questions of adding a step, editing one field of a
// step, and marking a step done.
func (b *Bot) planWizards() []*Wizard {
	scope := func(r *Request, c *Conv) (*quickwin.QuickWin, error) {
		return b.loadQuickWin(r, c.Get("cid"), quickwin.ActEditSteps)
	}
	planSoFar := func(r *Request, c *Conv) string {
		qw, err := scope(r, c)
		if err != nil {
			return ""
		}
		return b.viewOf(r).headline(qw) + "\n" + b.viewOf(r).steps(qw, planSteps)
	}
	noIntro := func(r *Request, c *Conv) string { return "" }
	save := func(r *Request, c *Conv) (string, error) { return Finish, b.saveStep(r, c) }
	saveDue := func(r *Request, c *Conv, due time.Time) (string, error) {
		setDate(c, "st_due", due)
		return save(r, c)
	}
	return []*Wizard{
		{Name: stepAddWizard, First: "st", Steps: 3, States: map[string]*State{
			"st":   b.stepTitleState(1, false, planSoFar, func(r *Request, c *Conv, _ bool) (string, error) { return "so", nil }),
			"so":   b.stepOwnerState(2, func(r *Request, c *Conv) (string, error) { return "sdue", nil }),
			"sdue": b.stepDueState(3, scope, saveDue),
		}},
		{Name: stepFieldWizard('t'), First: "st", States: map[string]*State{
			"st": b.stepTitleState(0, false, noIntro, func(r *Request, c *Conv, _ bool) (string, error) { return save(r, c) }),
		}},
		{Name: stepFieldWizard('o'), First: "so", States: map[string]*State{"so": b.stepOwnerState(0, save)}},
		{Name: stepFieldWizard('d'), First: "sdue", States: map[string]*State{"sdue": b.stepDueState(0, scope, saveDue)}},
		{Name: stepDoneWizard, First: "ev", States: map[string]*State{
			"ev": b.evidenceState(0, func(r *Request, c *Conv) (string, error) {
				return r.T("qw.plan.done_intro", map[string]any{"Title": esc(c.Get("st_title")), "Code": esc(c.Get("code"))}), nil
			}, func(r *Request, c *Conv) (string, error) { return Finish, b.markStepDone(r, c) }),
		}},
	}
}

// saveStep stores the step the wizard describes: a new one (no sid) or
// changes to the one named by sid (only the fields the wizard asked).
func (b *Bot) saveStep(r *Request, conv *Conv) error {
	loc := r.Tenant.Location()
	s := stepFromData(conv, loc)
	sid := conv.Get("sid")
	what := "steps.edit"
	if sid == "" {
		what = "steps.add"
	}
	c, err := b.changeSteps(r, conv.Get("cid"), what, func(c *quickwin.QuickWin) error {
		if sid == "" {
			c.Steps = append(c.Steps, s)
			return nil
		}
		k, err := stepOf(c, sid)
		if err != nil {
			return err
		}
		switch conv.Wizard {
		case stepFieldWizard('t'):
			c.Steps[k].Title = s.Title
		case stepFieldWizard('o'):
			c.Steps[k].Owner = s.Owner
		case stepFieldWizard('d'):
			c.Steps[k].Due = s.Due
		}
		return nil
	})
	if err != nil {
		return err
	}
	if sid == "" {
		sid = c.Steps[len(c.Steps)-1].ID
	}
	text, buttons := b.planView(r, c, sid, "✅ "+r.T("qw.plan.saved", nil))
	return b.afterForm(r, func() error { return b.offerButtonsBelow(r, text, buttons) })
}

// stepDone handles sd:<commitment>:<step> (from the plan and from the
// scheduler's reminders): it asks for optional evidence, then marks the
// step done.
func (b *Bot) stepDone(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActEditSteps)
	if err != nil {
		return err
	}
	k := c.StepIndex(p.step)
	switch {
	case k < 0:
		return staleButton(r)
	case c.Steps[k].Done():
		return b.alreadyDone(r, c.Steps[k])
	case !planEditable(c):
		return closedError(r, c)
	}
	data := stepData(c.ID, k, c.Steps[k])
	data["code"] = c.Code
	return b.startWizard(r, stepDoneWizard, data)
}

// markStepDone stores the step as done now, with its evidence. A milestone
// quick win whose steps are all done is done, as when a report finishes it.
func (b *Bot) markStepDone(r *Request, conv *Conv) error {
	sid, ev, now := conv.Get("sid"), evidenceOf(conv), b.Now()
	c, err := b.changeSteps(r, conv.Get("cid"), "steps.done", func(c *quickwin.QuickWin) error {
		k, err := stepOf(c, sid)
		if err != nil {
			return err
		}
		if c.Steps[k].Done() {
			return b.alreadyDone(r, c.Steps[k])
		}
		c.CompleteStep(k, now, ev)
		return nil
	})
	if err != nil {
		return err
	}
	b.wakeArchive(ev)         // the store queued the files for the archive
	b.tellStepDone(r, c, sid) // qw_step_notify.go
	text, buttons := b.planView(r, c, "", "✅ "+r.T("qw.plan.marked_done", map[string]any{"Title": esc(conv.Get("st_title"))}))
	return b.afterForm(r, func() error { return b.offerButtonsBelow(r, text, buttons) })
}

// showStepEvidence sends the files a done step was marked with, from the
// evidence archive when Telegram no longer has them, below the plan.
func (b *Bot) showStepEvidence(r *Request, c *quickwin.QuickWin, k int) error {
	s := c.Steps[k]
	if !s.Done() || len(s.Evidence) == 0 {
		return staleButton(r)
	}
	r.Answer("")
	caption := r.T("qw.plan.evidence_caption", map[string]any{"Code": esc(c.Code), "N": k + 1, "Title": esc(s.Title)})
	if !b.sendEvidence(r, s.Evidence, caption) {
		_, err := r.Reply("⚠️ "+r.T("qw.verify.evidence_failed", nil), nil)
		return err
	}
	return nil
}
