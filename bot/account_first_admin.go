package bot

import (
	"quickwin"
	"quickwin/locales"
)

// An admin named in QW_ADMIN_IDS is a member before they ever write to the
// bot, known by Telegram id only ("Admin 1001"). Their first message makes
// them a person: their Telegram name, username and language are recorded,
// as for members who join by link, they get the admin's command menu, and
// they are greeted by name.

// adoptTelegramName records an unnamed admin's Telegram profile on first
// contact. A failure is logged: the update is still handled.
func (b *Bot) adoptTelegramName(r *Request) {
	m := r.Member
	if m == nil || !m.Unnamed() || r.From == nil {
		return
	}
	u := telegramUser(r)
	if u.Name == "" {
		return
	}
	if err := b.accounts.UpdateMemberProfile(r.Ctx, m.ID, u); err != nil {
		b.Log.WarnContext(r.Ctx, "admin's name not recorded", "member", m.ID, "err", err)
		return
	}
	if u.Lang != "" && u.Lang != m.Lang {
		if err := b.accounts.SetMemberLang(r.Ctx, m.ID, u.Lang); err == nil {
			m.Lang, r.Lang = u.Lang, locales.ParseLang(u.Lang)
		}
	}
	b.forgetMember(m.TelegramID)
	m.Name, m.Username = u.Name, u.Username
	b.setMemberCommands(r.Ctx, m)
	if !r.Private() || r.Command == "start" {
		return // /start greets by name anyway; groups hear no welcome
	}
	if _, err := r.Reply(r.T("start.first_admin", b.whoData(r, m)), nil); err != nil {
		b.Log.InfoContext(r.Ctx, "first admin not greeted", "err", err)
	}
}

// firstContact runs adoptTelegramName before a command or a message is
// handled; r.Command is known only for commands.
func (b *Bot) firstContact(r *Request) {
	if r.Member != nil && r.Member.Role == quickwin.RoleAdmin && r.Member.Unnamed() {
		if m := r.Update.Message; m != nil && m.IsCommand() {
			if c := b.byName[m.Command()]; c != nil {
				r.Command = c.id
			}
		}
		b.adoptTelegramName(r)
	}
}
