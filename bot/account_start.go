package bot

import (
	"strings"

	"quickwin"
	"quickwin/locales"
)

// cmdStart joins through an invite token (/start <token>, from the deep
// link) or greets: members with their menu, strangers with how to join.
func (b *Bot) cmdStart(r *Request) error {
	if token := r.Args; token != "" && r.Private() {
		m, err := b.accounts.RedeemInvite(r.Ctx, token, telegramUser(r))
		if err != nil {
			return err
		}
		b.forgetMember(m.TelegramID)
		r.Member, r.Lang = m, locales.ParseLang(m.Lang)
		b.setMemberCommands(r.Ctx, m)
		_, err = r.Reply(r.T("start.joined", b.whoData(r, m))+"\n\n"+b.helpText(r), nil)
		return err
	}
	if r.Member == nil {
		_, err := r.Reply(r.T("start.stranger", nil), nil)
		return err
	}
	_, err := r.Reply(r.T("start.greet", b.whoData(r, r.Member))+"\n\n"+b.helpText(r), nil)
	return err
}

// whoData describes a member for greetings: name, role and OPD.
func (b *Bot) whoData(r *Request, m *quickwin.Member) map[string]any {
	opd := ""
	if m.OPDCode != "" {
		opd = m.OPDCode
		if o, err := b.directory.OPD(r.Ctx, m.TenantID, m.OPDCode); err == nil {
			opd = o.Name + " (" + o.Code + ")"
		}
	}
	return map[string]any{"Name": esc(m.Name), "Role": r.T("role."+string(m.Role), nil), "OPD": esc(opd)}
}

func telegramUser(r *Request) quickwin.TelegramUser {
	u := r.From
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.UserName
	}
	lang, _ := locales.MatchLang(u.LanguageCode)
	return quickwin.TelegramUser{ID: u.ID, Name: name, Username: u.UserName, Lang: string(lang)}
}

// cmdCancel leaves the current wizard.
func (b *Bot) cmdCancel(r *Request) error { return b.cancelWizard(r) }
