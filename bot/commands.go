package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/locales"
)

var (
	everyone  []quickwin.Role // nil: strangers too
	members   = []quickwin.Role{quickwin.RoleAdmin, quickwin.RoleLeader, quickwin.RoleHead, quickwin.RoleStaff}
	admins    = []quickwin.Role{quickwin.RoleAdmin}
	overseers = []quickwin.Role{quickwin.RoleAdmin, quickwin.RoleLeader}
)

// names of a command in Indonesian and English (SPEC §6; a contract:
// administrators script against them).
func names(id, en string) map[locales.Lang]string {
	return map[locales.Lang]string{locales.ID: id, locales.EN: en}
}

// register lists every command, button and wizard of the bot, in the order
// /bantuan shows them.
func (b *Bot) register() {
	b.addCommand(&command{id: "start", names: names("start", "start"), roles: everyone, group: true, handle: b.cmdStart})
	b.addCommand(&command{id: "help", names: names("bantuan", "help"), roles: everyone, group: true, handle: b.cmdHelp})
	b.addCommand(&command{id: "language", names: names("bahasa", "language"), roles: members, group: true, handle: b.cmdLanguage})
	b.addCommand(&command{id: "invite", names: names("undang", "invite"), roles: admins, handle: b.cmdInvite})
	b.addCommand(&command{id: "opd", names: names("opd", "opd"), roles: admins, handle: b.cmdOPD})
	b.addCommand(&command{id: "cancel", names: names("batal", "cancel"), roles: members, handle: b.cmdCancel})

	b.registerQuickWins()
	b.registerOverview()
	b.registerImport()
	b.addCommand(&command{id: "members", names: names("anggota", "members"), roles: overseers, handle: b.cmdMembers})
	b.addCommand(&command{id: "group", names: names("grup", "group"), roles: admins, only: true, handle: b.cmdGroup})

	b.addCallback("w", b.wizardButton)
	b.addWizard(b.offerWizard()) // buttons_typed.go
	b.addCallback("lang", b.langButton)
	b.addCallback("inv", b.inviteButton, quickwin.RoleAdmin)
	b.addCallback("invb", b.inviteBulkButton, quickwin.RoleAdmin)
	b.addCallback("mem", b.membersButton)
}

// SetCommands sets the command menus Telegram shows: for everyone in
// Indonesian (the default) and, for English-speaking clients, in English;
// a shorter one for groups. Members get a menu of their own role and
// language when they join or switch language (setMemberCommands).
func (b *Bot) SetCommands(ctx context.Context) error {
	for _, lang := range locales.Supported() {
		code := ""
		if lang != locales.Default {
			code = string(lang)
		}
		private := b.menu(lang, func(c *command) bool { return !c.only && (c.roles == nil || len(c.roles) == len(members)) })
		group := b.menu(lang, func(c *command) bool { return c.group || c.only })
		for _, set := range []struct {
			scope tgbotapi.BotCommandScope
			cmds  []tgbotapi.BotCommand
		}{
			{tgbotapi.NewBotCommandScopeAllPrivateChats(), private},
			{tgbotapi.NewBotCommandScopeAllGroupChats(), group},
		} {
			cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(set.scope, code, set.cmds...)
			if err := b.Client.Request(ctx, cfg); err != nil {
				return fmt.Errorf("setMyCommands %s %s: %w", set.scope.Type, lang, err)
			}
		}
	}
	return nil
}

// setMemberCommands gives one member the menu of their role, in their
// language, through a chat scope (Telegram has no per-role scopes).
func (b *Bot) setMemberCommands(ctx context.Context, m *quickwin.Member) {
	lang := locales.ParseLang(m.Lang)
	cmds := b.menu(lang, func(c *command) bool { return !c.only && (c.roles == nil || hasRole(c.roles, m.Role)) })
	cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(m.TelegramID), cmds...)
	if err := b.Client.Request(ctx, cfg); err != nil {
		b.Log.WarnContext(ctx, "set member commands", "member", m.ID, "err", err)
	}
}

func (b *Bot) menu(lang locales.Lang, keep func(*command) bool) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range b.commands {
		if keep(c) {
			out = append(out, tgbotapi.BotCommand{Command: c.names[lang], Description: locales.T(lang, "cmd."+c.id+".desc", nil)})
		}
	}
	return out
}

func hasRole(roles []quickwin.Role, r quickwin.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
