package bot

import (
	"strings"

	"quickwin"
)

// A picker (the OPDs or the quick wins offered by /lapor, /rencana,
// /daftar, /quickwin_baru) also takes a typed answer: a quick-win code
// (DINKES-01), an OPD code (DINKES) where OPDs are offered, or a part of a
// title. The picker is kept as a small wizard (Wizard.Picker) so that the
// next typed message is read as its answer.

const pickWizardName = "pick"

// pickWizard answers typed picks; its question is the picker itself.
func (b *Bot) pickWizard() *Wizard {
	return &Wizard{Name: pickWizardName, First: "p", Picker: true, States: map[string]*State{"p": {
		Ask:    b.askPicker,
		Answer: b.answerPicker,
	}}}
}

// showPicker shows a picker (in place of a pressed message) and remembers
// it, so that a typed answer is understood.
// A form that is open keeps priority: its next answer is not read as a
// pick, and the picker is then buttons only.
func (b *Bot) showPicker(r *Request, p purpose, opd, text string, rows [][]quickwin.Button) error {
	if b.openForm(r) != nil {
		return r.EditOrReply(text, rows)
	}
	text += "\n<i>" + r.T(typedHintKey(p, opd), nil) + "</i>"
	conv := &quickwin.Conversation{ChatID: r.ChatID, UserID: r.From.ID, Wizard: pickWizardName, State: "p",
		Data: map[string]string{"p": string(rune(p)), "opd": opd}}
	if err := b.conversations.SaveConversation(r.Ctx, conv); err != nil {
		return err
	}
	return r.EditOrReply(text, rows)
}

// forgetPicker drops the sender's open picker once a button of it (or of
// anything else) was pressed: what the press opens is what is open now.
func (b *Bot) forgetPicker(r *Request) {
	conv, err := b.conversations.Conversation(r.Ctx, r.ChatID, r.From.ID)
	if err == nil && b.wizards[conv.Wizard] != nil && b.wizards[conv.Wizard].Picker {
		if err := b.conversations.DeleteConversation(r.Ctx, r.ChatID, r.From.ID); err != nil {
			b.Log.InfoContext(r.Ctx, "picker not forgotten", "err", err)
		}
	}
}

// typedHintKey says what may be typed instead of pressing.
func typedHintKey(p purpose, opd string) string {
	switch {
	case opd != "":
		return "pick.typed_hint"
	case p == purposeNew:
		return "pick.typed_hint_opd"
	}
	return "pick.typed_hint_any"
}

func pickerOf(c *Conv) (purpose, string) {
	p := c.Get("p")
	if p == "" {
		return purposeList, c.Get("opd")
	}
	return purpose(p[0]), c.Get("opd")
}

// askPicker shows the picker again after a typed answer that named nothing.
func (b *Bot) askPicker(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	p, opd := pickerOf(c)
	hint := "\n<i>" + r.T(typedHintKey(p, opd), nil) + "</i>"
	if opd == "" {
		text, rows, err := b.opdPicker(r, p)
		return text + hint, rows, err
	}
	cs, err := b.quickwins.QuickWins(r.Ctx, r.Tenant.ID, quickwin.QuickWinFilter{OPDCode: opd, Statuses: p.statuses()})
	if err != nil {
		return "", nil, err
	}
	text, rows := b.commitmentPicker(r, p, opd, cs)
	return text + hint, rows, nil
}

// answerPicker opens what the typed text names, as the button would.
func (b *Bot) answerPicker(r *Request, c *Conv, in Input) (string, error) {
	p, opd := pickerOf(c)
	typed := strings.TrimSpace(in.Text)
	if typed == "" {
		return "", invalidAnswer(typedHintKey(p, opd), nil)
	}
	code := strings.ToUpper(typed)
	if opd == "" && quickwin.ValidOPDCode(code) {
		if o, err := b.directory.OPD(r.Ctx, r.Tenant.ID, code); err == nil && o.Active {
			return b.handOff(r, func() error { return b.pickedOPD(r, press{prefix: pPickOPD, act: byte(p), opd: o.Code}) })
		}
	}
	if p == purposeNew {
		return "", invalidAnswer("pick.no_opd", map[string]any{"Input": typed})
	}
	found, err := b.typedPick(r, p, opd, typed)
	if err != nil {
		return "", err
	}
	return b.handOff(r, func() error { return b.openPicked(r, p, found) })
}

// typedPick finds the one quick win the typed text names among those the
// picker offers: by code, or by a part of its title.
func (b *Bot) typedPick(r *Request, p purpose, opd, typed string) (*quickwin.QuickWin, error) {
	cs, err := b.quickwins.QuickWins(r.Ctx, r.Tenant.ID, quickwin.QuickWinFilter{OPDCode: opd, Statuses: p.statuses()})
	if err != nil {
		return nil, err
	}
	code := strings.ToUpper(typed)
	var matches []*quickwin.QuickWin
	for i := range cs {
		c := &cs[i]
		if quickwin.Authorize(r.Member, r.Tenant.ID, p.action(), c.OPDCode) != nil {
			continue
		}
		if c.Code == code {
			return c, nil
		}
		if typedNames(c, typed) {
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 0:
		return nil, invalidAnswer("pick.no_match", map[string]any{"Input": typed})
	case 1:
		return matches[0], nil
	}
	codes := make([]string, 0, len(matches))
	for _, c := range matches {
		codes = append(codes, c.Code)
	}
	return nil, invalidAnswer("pick.many", map[string]any{"Input": typed, "N": len(matches), "Codes": strings.Join(codes, ", ")})
}

// openPicked opens a picked quick win for the picker's purpose.
func (b *Bot) openPicked(r *Request, p purpose, c *quickwin.QuickWin) error {
	switch p {
	case purposeReport:
		return b.openReport(r, c)
	case purposePlan:
		return b.openPlan(r, c)
	}
	return b.showDetail(r, c, c.OPDCode, 0)
}

// handOff closes the picker and opens what was picked; whatever that
// opens (another wizard) is then what is open.
func (b *Bot) handOff(r *Request, open func() error) (string, error) {
	if err := b.conversations.DeleteConversation(r.Ctx, r.ChatID, r.From.ID); err != nil {
		return "", err
	}
	return Handoff, open()
}

// typedNames reports whether typed text names a quick win: its code, or a
// part of its title (three letters at least).
func typedNames(c *quickwin.QuickWin, typed string) bool {
	if strings.EqualFold(strings.TrimSpace(typed), c.Code) {
		return true
	}
	words := quickwin.Keyword(typed)
	return len([]rune(words)) >= 3 && strings.Contains(quickwin.Keyword(c.Title), words)
}
