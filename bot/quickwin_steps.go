package bot

import (
	"strconv"
	"time"

	"quickwin"
)

// The three questions about an action step (title, person in charge, due
// date) are asked when a quick win is made and when its plan is edited.
// They keep the answers in the wizard data as st_title, st_owner and the
// step's 0-based position as k; what happens next is the caller's.

// stepTitleState asks what the step is. With skippable, "skip" ends the
// list of steps (next sees skip).
func (b *Bot) stepTitleState(step int, skippable bool, intro func(r *Request, c *Conv) string, next func(r *Request, c *Conv, skip bool) (string, error)) *State {
	return &State{Step: step, Skippable: skippable,
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			q := r.T("qw.step.ask.title", map[string]any{"N": c.Int("k") + 1, "Current": esc(c.Get("st_title"))})
			return fitSections(b.viewOf(r), []string{intro(r, c), q}), nil, nil
		},
		Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skippable && skipped(in) {
				return next(r, c, true)
			}
			t, err := typedText(in, quickwin.MinStepTitleLen, quickwin.MaxTitleLen, "step.invalid.title")
			if err != nil {
				return "", err
			}
			c.Set("st_title", t)
			return next(r, c, false)
		}}
}

// stepOwnerState asks who is in charge of the step (skippable: nobody named).
func (b *Bot) stepOwnerState(step int, next func(r *Request, c *Conv) (string, error)) *State {
	return &State{Step: step, Skippable: true,
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			return r.T("qw.step.ask.owner", map[string]any{"Title": esc(c.Get("st_title")), "Current": esc(c.Get("st_owner"))}), nil, nil
		},
		Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("st_owner")
				return next(r, c)
			}
			t, err := typedText(in, 1, 100, "qw.invalid.owner")
			if err != nil {
				return "", err
			}
			c.Set("st_owner", t)
			return next(r, c)
		}}
}

// stepDueState asks when the step is due: a day between the quick win's
// start and deadline (scope gives the quick win), offered with a button for
// the deadline itself.
func (b *Bot) stepDueState(step int, scope func(r *Request, c *Conv) (*quickwin.QuickWin, error), next func(r *Request, c *Conv, due time.Time) (string, error)) *State {
	return &State{Step: step,
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			qw, err := scope(r, c)
			if err != nil {
				return "", nil, err
			}
			v := b.viewOf(r)
			_, data := stepDueExamples(v, qw)
			data["Title"], data["Start"], data["Deadline"] = esc(c.Get("st_title")), v.date(qw.Start), v.date(qw.Deadline)
			text := r.T("qw.step.ask.due", data)
			return text, [][]quickwin.Button{{c.Choice(r.T("qw.step.due_deadline", map[string]any{"Date": v.dateShort(qw.Deadline)}), qw.Deadline.In(v.loc).Format(time.DateOnly))}}, nil
		},
		Answer: func(r *Request, c *Conv, in Input) (string, error) {
			qw, err := scope(r, c)
			if err != nil {
				return "", err
			}
			from, _ := stepDueExamples(b.viewOf(r), qw)
			due, err := b.typedDateFrom(r, in, from)
			if err != nil {
				return "", err
			}
			if err := qw.ValidateStep(quickwin.Step{Title: c.Get("st_title"), Due: due}); err != nil {
				v := b.viewOf(r)
				return "", invalidAnswer("qw.invalid.step_due", map[string]any{"Start": v.date(qw.Start), "Deadline": v.date(qw.Deadline)})
			}
			return next(r, c, due)
		}}
}

// stepFromData is the step the answers describe.
func stepFromData(c *Conv, loc *time.Location) quickwin.Step {
	return quickwin.Step{Title: c.Get("st_title"), Owner: c.Get("st_owner"), Due: getDate(c, "st_due", loc)}
}

// stepData fills the wizard data of a stored step being edited.
func stepData(cid string, k int, s quickwin.Step) map[string]string {
	return map[string]string{"cid": cid, "sid": s.ID, "k": strconv.Itoa(k), "st_title": s.Title, "st_owner": s.Owner}
}
