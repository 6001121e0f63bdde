package bot

import (
	"quickwin"
)

// cmdGroup registers the group it is sent in for the weekly leaderboard.
func (b *Bot) cmdGroup(r *Request) error {
	title := ""
	if m := r.Update.Message; m != nil && m.Chat != nil {
		title = m.Chat.Title
	}
	g := quickwin.Group{ChatID: r.ChatID, TenantID: r.Tenant.ID, Title: title, Lang: b.registeredGroupLang(r)}
	if err := b.admin.RegisterGroup(r.Ctx, r.Member, g); err != nil {
		return err
	}
	_, err := r.Reply(r.T("group.registered", map[string]any{"Title": esc(title)}), nil)
	return err
}
