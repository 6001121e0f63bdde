package bot

import (
	"quickwin"
)

// Who may use the quick-win commands (SPEC §3); the services check again.
var (
	quickWinEditors   = []quickwin.Role{quickwin.RoleAdmin, quickwin.RoleHead}
	progressReporters = []quickwin.Role{quickwin.RoleAdmin, quickwin.RoleHead, quickwin.RoleStaff}
)

// pressHandlers handle the quick-win buttons by prefix (see buttons.go).
var pressHandlers = map[string]func(*Bot, *Request, press) error{
	pReport:   (*Bot).reportButton,
	pStepDone: (*Bot).stepDone,
	pPickOPD:  (*Bot).pickedOPD,
	pList:     (*Bot).listButton,
	pDetail:   (*Bot).detailButton,
	pPlan:     (*Bot).planButton,
	pChange:   (*Bot).changeButton,
	pAsk:      (*Bot).askButton,
	pAnswer:   (*Bot).answerButton,
	pVerify:   (*Bot).verifyButton,
	pCorrect:  (*Bot).correctButton,
}

// registerQuickWins adds the quick-win features (SPEC §6): /quickwin_baru,
// /daftar, /lapor, /rencana, /verifikasi and their buttons and wizards.
func (b *Bot) registerQuickWins() {
	b.addCommand(&command{id: "new_quickwin", names: names("quickwin_baru", "new_quickwin"), roles: quickWinEditors, handle: b.cmdNewQuickWin})
	b.addCommand(&command{id: "list", names: names("daftar", "list"), roles: members, handle: b.cmdList})
	b.addCommand(&command{id: "report", names: names("lapor", "report"), roles: progressReporters, handle: b.cmdReport})
	b.addCommand(&command{id: "plan", names: names("rencana", "plan"), roles: progressReporters, handle: b.cmdPlan})
	b.addCommand(&command{id: "verify", names: names("verifikasi", "verify"), roles: admins, handle: b.cmdVerify})

	for prefix := range pressHandlers {
		b.addCallback(prefix, b.quickWinButton)
	}

	b.addWizard(b.newQuickWinWizard())
	b.addWizard(b.pickWizard())
	for _, ws := range [][]*Wizard{b.planWizards(), b.reportWizards(), b.changeWizards(), b.questionWizards(), {b.returnReasonWizard()}} {
		for _, w := range ws {
			b.addWizard(w)
		}
	}
}

// quickWinButton validates a quick-win press and hands it to its handler.
// A malformed press changes nothing and says the button is stale; a
// refusal (the thing is gone, or not the presser's) is answered briefly.
func (b *Bot) quickWinButton(r *Request) error {
	p, ok := parsePress(r.Callback.Data)
	if !ok {
		b.Log.InfoContext(r.Ctx, "malformed quick-win button", "data", r.Callback.Data, "from", r.From.ID)
		return staleButton(r)
	}
	b.forgetPicker(r)
	if err := pressHandlers[p.prefix](b, r, p); err != nil {
		return b.refusePress(r, err)
	}
	return nil
}
