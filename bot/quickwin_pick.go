package bot

import (
	"strings"

	"quickwin"
)

// Commands that act on one quick win (/lapor, /rencana, /daftar) take its
// code typed (/lapor DINKES-01) or let the person pick: members of an OPD
// pick among their OPD's quick wins; admins and leaders first pick the OPD.

// A purpose says what a picked OPD or quick win is for.
type purpose byte

const (
	purposeNew    purpose = 'n' // a new quick win for the OPD
	purposeReport purpose = 'r' // report on the quick win
	purposePlan   purpose = 'p' // edit the quick win's action plan
	purposeList   purpose = 'l' // list the OPD's quick wins
)

// action is the permission a purpose needs.
func (p purpose) action() quickwin.Action {
	switch p {
	case purposeNew:
		return quickwin.ActEditQuickWin
	case purposeReport:
		return quickwin.ActReport
	case purposePlan:
		return quickwin.ActEditSteps
	}
	return quickwin.ActViewOPD
}

// statuses are the quick wins a purpose may pick.
func (p purpose) statuses() []quickwin.Status {
	if p == purposeReport {
		return []quickwin.Status{quickwin.StatusActive}
	}
	return []quickwin.Status{quickwin.StatusDraft, quickwin.StatusActive}
}

// maxPickButtons bounds a quick-win picker; beyond it people type the code.
const maxPickButtons = 30

// loadQuickWin reads a quick win of the sender's tenant, localized, and
// checks that the sender may do act on it. ENOTFOUND, EFORBIDDEN.
func (b *Bot) loadQuickWin(r *Request, id string, act quickwin.Action) (*quickwin.QuickWin, error) {
	c, err := b.quickwins.QuickWin(r.Ctx, r.Tenant.ID, id)
	if err != nil {
		return nil, err
	}
	return b.authorized(r, c, act)
}

func (b *Bot) authorized(r *Request, c *quickwin.QuickWin, act quickwin.Action) (*quickwin.QuickWin, error) {
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, act, c.OPDCode); err != nil {
		return nil, err
	}
	return c, nil
}

// refusePress answers a press whose quick win, report, step or question is
// gone, or is not the presser's to touch, and changes nothing.
func (b *Bot) refusePress(r *Request, err error) error {
	switch quickwin.ErrorCode(err) {
	case quickwin.ENOTFOUND:
		return staleButton(r)
	case quickwin.EFORBIDDEN, quickwin.ECONFLICT:
		r.Answer(truncate(stripTags(b.errorText(r, err)), 180))
		return nil
	}
	return err
}

// onQuickWin runs a command on the quick win typed after it, on a typed
// OPD's quick wins, or on the one the sender picks.
func (b *Bot) onQuickWin(r *Request, p purpose, open func(*Request, *quickwin.QuickWin) error) error {
	arg := strings.ToUpper(strings.TrimSpace(r.Args))
	switch {
	case strings.Contains(arg, "-"):
		c, err := b.typedQuickWin(r, arg, p.action())
		if err != nil {
			return err
		}
		return open(r, c)
	case quickwin.ValidOPDCode(arg):
		return b.pickQuickWin(r, p, arg, open)
	case r.Member.OPDCode != "":
		return b.pickQuickWin(r, p, r.Member.OPDCode, open)
	}
	return b.pickOPD(r, p)
}

// typedQuickWin loads the quick win whose code was typed after a command
// and checks that the sender may act on it.
func (b *Bot) typedQuickWin(r *Request, code string, act quickwin.Action) (*quickwin.QuickWin, error) {
	c, err := b.quickwins.QuickWinByCode(r.Ctx, r.Tenant.ID, code)
	if err != nil {
		return nil, err
	}
	return b.authorized(r, c, act)
}

// pickOPD offers the tenant's active OPDs (and "all", for the list); a
// typed OPD code or quick-win code answers it too (qw_pick_typed.go).
func (b *Bot) pickOPD(r *Request, p purpose) error {
	text, rows, err := b.opdPicker(r, p)
	if err != nil || rows == nil {
		if err == nil {
			err = r.EditOrReply(text, nil)
		}
		return err
	}
	return b.showPicker(r, p, "", text, rows)
}

// opdPicker is the text and buttons of the OPD picker; no buttons when
// there is no OPD.
func (b *Bot) opdPicker(r *Request, p purpose) (string, [][]quickwin.Button, error) {
	opds, err := b.directory.OPDs(r.Ctx, r.Tenant.ID, true)
	if err != nil {
		return "", nil, err
	}
	if len(opds) == 0 {
		return r.T("invite.no_opds", nil), nil, nil
	}
	buttons := make([]quickwin.Button, 0, len(opds)+1)
	for _, o := range opds {
		buttons = append(buttons, pressButton(o.Code, press{prefix: pPickOPD, act: byte(p), opd: o.Code}))
	}
	rows := grid(buttons, 3)
	if p == purposeList {
		rows = append(rows, []quickwin.Button{pressButton(r.T("qw.pick.all_opds", nil), press{prefix: pPickOPD, act: byte(p), opd: allOPDs})})
	}
	return r.T("qw.pick.opd."+string(rune(p)), nil), rows, nil
}

// pickQuickWin offers an OPD's quick wins for a purpose; with only one
// there is nothing to pick, and it is opened at once.
func (b *Bot) pickQuickWin(r *Request, p purpose, opd string, open func(*Request, *quickwin.QuickWin) error) error {
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, p.action(), opd); err != nil {
		return err
	}
	cs, err := b.quickwins.QuickWins(r.Ctx, r.Tenant.ID, quickwin.QuickWinFilter{OPDCode: opd, Statuses: p.statuses()})
	if err != nil {
		return err
	}
	switch len(cs) {
	case 0:
		return r.EditOrReply(r.T("qw.pick.none", map[string]any{"OPD": esc(opd)}), nil)
	case 1:
		return open(r, &cs[0])
	}
	text, rows := b.commitmentPicker(r, p, opd, cs)
	return b.showPicker(r, p, opd, text, rows)
}

// commitmentPicker is the text and buttons of the quick-win picker.
func (b *Bot) commitmentPicker(r *Request, p purpose, opd string, cs []quickwin.QuickWin) (string, [][]quickwin.Button) {
	var rows [][]quickwin.Button
	for i := range cs {
		if i == maxPickButtons {
			break
		}
		rows = append(rows, []quickwin.Button{pressButton(cs[i].Code+" · "+truncate(cs[i].Title, 40), p.pressFor(&cs[i]))})
	}
	return r.T("qw.pick.commitment."+string(rune(p)), map[string]any{"OPD": esc(opd)}), rows
}

// pressFor is the button that opens a picked quick win for the purpose.
func (p purpose) pressFor(c *quickwin.QuickWin) press {
	if p == purposeReport {
		return press{prefix: pReport, id: c.ID}
	}
	return press{prefix: pPlan, act: 'v', id: c.ID}
}

// pickedOPD handles qo:<purpose>:<opd>. Like every press handler, it
// returns a refusal as an error; quickWinButton turns it into a short answer.
func (b *Bot) pickedOPD(r *Request, p press) error {
	pp := purpose(p.act)
	if p.opd == allOPDs && pp != purposeList {
		return staleButton(r)
	}
	if p.opd != allOPDs {
		o, err := b.directory.OPD(r.Ctx, r.Tenant.ID, p.opd)
		if err != nil || !o.Active {
			return staleButton(r)
		}
	}
	switch pp {
	case purposeNew:
		if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActEditQuickWin, p.opd); err != nil {
			return err
		}
		return b.startNew(r, p.opd)
	case purposeList:
		return b.showList(r, p.opd, 0)
	case purposeReport:
		return b.pickQuickWin(r, pp, p.opd, b.openReport)
	}
	return b.pickQuickWin(r, pp, p.opd, b.openPlan)
}
