package bot

import (
	"quickwin"
	"quickwin/locales"
)

// cmdLanguage switches between Indonesian and English: typed
// (/bahasa en) or with buttons.
func (b *Bot) cmdLanguage(r *Request) error {
	if !r.Private() && r.Args != "" {
		return b.setGroupLanguage(r, r.Args) // admin_group_language.go
	}
	if r.Args != "" {
		lang, ok := parseLangArg(r.Args)
		if !ok {
			_, err := r.Reply(r.T("language.unknown", map[string]any{"Input": esc(r.Args)}), nil)
			return err
		}
		return b.setLanguage(r, lang)
	}
	// "English" or "indonesia" typed works as well as a press.
	return b.offerButtons(r, r.T("language.choose", nil), [][]quickwin.Button{{
		{Text: "🇮🇩 Bahasa Indonesia", Data: cb("lang", "id")},
		{Text: "🇬🇧 English", Data: cb("lang", "en")},
	}})
}

func parseLangArg(s string) (locales.Lang, bool) {
	switch quickwin.Keyword(s) {
	case "id", "indonesia", "indonesian", "bahasaindonesia", "ind":
		return locales.ID, true
	case "en", "english", "inggris", "eng":
		return locales.EN, true
	}
	return "", false
}

func (b *Bot) langButton(r *Request) error {
	args := r.Action.Args
	if len(args) != 1 {
		return staleButton(r)
	}
	lang, ok := parseLangArg(args[0])
	if !ok {
		return staleButton(r)
	}
	if r.Member == nil {
		r.Answer("")
		_, err := r.Reply(locales.T(lang, "start.stranger", nil), nil)
		return err
	}
	r.Answer("")
	if !r.Private() {
		return b.setGroupLanguage(r, args[0])
	}
	return b.setLanguage(r, lang)
}

func (b *Bot) setLanguage(r *Request, lang locales.Lang) error {
	if err := b.accounts.SetMemberLang(r.Ctx, r.Member.ID, string(lang)); err != nil {
		return err
	}
	b.forgetMember(r.Member.TelegramID)
	r.Member.Lang, r.Lang = string(lang), lang
	b.setMemberCommands(r.Ctx, r.Member)
	return r.EditOrReply(r.T("language.set", nil), nil)
}
