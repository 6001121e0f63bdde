package bot

import (
	"quickwin"
)

// tellStepDone tells the OPD's heads that an action step was marked done
// through /rencana (or a reminder's button), as a report through /lapor
// tells them: the head answers for the OPD's plan and must not learn of
// progress from the leaderboard.
func (b *Bot) tellStepDone(r *Request, c *quickwin.QuickWin, stepID string) {
	k := c.StepIndex(stepID)
	if k < 0 {
		return
	}
	step := c.Steps[k]
	heads, err := b.opdHeads(r, c.OPDCode)
	if err != nil {
		b.Log.WarnContext(r.Ctx, "heads not read: step done not told", "commitment", c.ID, "err", err)
		return
	}
	b.notifyMembers(r, "notify/step/"+c.ID+"/"+stepID, b.recipients(r, nil, heads), func(v qwView) (string, [][]quickwin.Button) {
		text := v.T("qw.notify.step_done", map[string]any{
			"Name": esc(r.Member.Name), "Role": v.T("role."+string(r.Member.Role), nil), "Headline": v.headline(c),
			"N": k + 1, "Step": esc(step.Title), "Files": len(step.Evidence),
		})
		return text, [][]quickwin.Button{{pressButton(v.T("qw.detail.open", map[string]any{"Code": c.Code}), press{prefix: pDetail, id: c.ID, opd: c.OPDCode})}}
	})
}
