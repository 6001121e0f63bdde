package bot

import (
	"quickwin"
	"quickwin/locales"
)

// A group hears the group's language, never the asker's: the tenant's,
// unless an admin chose another with /bahasa in the group (kept on the
// group's record, which the weekly leaderboard reads too). A head who
// chose English still gets Indonesian in "Forum Kepala OPD".

// useGroupLang sets a group request's language to the group's.
func (b *Bot) useGroupLang(r *Request) {
	if r.Private() {
		return
	}
	if r.Tenant != nil {
		r.Lang = locales.ParseLang(r.Tenant.Lang)
	}
	g, err := b.admin.Group(r.Ctx, r.ChatID)
	if err != nil {
		if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			b.Log.InfoContext(r.Ctx, "group not read: tenant's language", "chat", r.ChatID, "err", err)
		}
		return
	}
	if g.Lang != "" {
		r.Lang = locales.ParseLang(g.Lang)
	}
}

// registeredGroupLang is the language a re-registered group keeps.
func (b *Bot) registeredGroupLang(r *Request) string {
	if g, err := b.admin.Group(r.Ctx, r.ChatID); err == nil {
		return g.Lang
	}
	return ""
}

// setGroupLanguage handles /bahasa in a group: admins set the group's
// language ("bawaan"/"default": the tenant's again).
func (b *Bot) setGroupLanguage(r *Request, arg string) error {
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActManage, ""); err != nil {
		return quickwin.Errorf(quickwin.EFORBIDDEN, "group language: %v", err).WithKey("group.lang.admins_only", nil)
	}
	lang := ""
	if k := quickwin.Keyword(arg); k != "default" && k != "bawaan" {
		l, ok := parseLangArg(arg)
		if !ok {
			_, err := r.Reply(r.T("group.lang.usage", nil), nil)
			return err
		}
		lang = string(l)
	}
	if err := b.admin.SetGroupLang(r.Ctx, r.Member, r.ChatID, lang); err != nil {
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			_, err = r.Reply(r.T("group.lang.not_registered", nil), nil)
		}
		return err
	}
	r.Lang = locales.ParseLang(r.Tenant.Lang)
	if lang != "" {
		r.Lang = locales.Lang(lang)
	}
	return r.EditOrReply(r.T("group.lang.set", nil), nil)
}
