package bot

import (
	"errors"
	"strings"

	"quickwin"
	"quickwin/locales"
)

// command is a slash command in both languages.
type command struct {
	id    string                  // canonical id, used in locale keys: cmd.<id>.desc
	names map[locales.Lang]string // what people type, per language
	roles []quickwin.Role         // who may use it; nil: everyone, strangers too
	group bool                    // also answered inside groups
	only  bool                    // only inside groups (/grup)
	// handle runs the command; r.Args holds what follows it.
	handle handler
}

// handler is the one signature of everything the router calls: a command
// (r.Command, r.Args) or a button press (r.Action, decoded by the codec).
// Wizard questions and answers run inside a handler (answerWizard).
type handler func(r *Request) error

func (b *Bot) addCommand(c *command) {
	if b.byName == nil {
		b.byName = map[string]*command{}
	}
	b.commands = append(b.commands, c)
	for _, n := range c.names {
		b.byName[n] = c
	}
}

// addCallback handles presses of buttons of one kind. The codec checks the
// data's shape (length, characters, up to maxButtonArgs arguments) before
// the handler checks their meaning. With roles, only members of those
// roles may press them; anyone else is told which role may, as for a
// command.
func (b *Bot) addCallback(kind string, h handler, roles ...quickwin.Role) {
	if b.callbacks == nil {
		b.callbacks = map[string]handler{}
	}
	if len(roles) > 0 {
		only := h
		h = func(r *Request) error {
			if !r.Is(roles...) {
				r.Answer(forbiddenText(r))
				return nil
			}
			return only(r)
		}
	}
	b.callbacks[kind] = h
	b.buttons.Register(kind, 0, maxButtonArgs)
}

// maxButtonArgs bounds the arguments of any button the bot makes.
const maxButtonArgs = 6

// allowed reports whether the request's sender may use the command.
func (c *command) allowed(r *Request) bool {
	return c.roles == nil || r.Is(c.roles...)
}

// route sends a request to its handler.
func (b *Bot) route(r *Request) error {
	if r.From == nil || r.ChatID == 0 {
		b.Log.InfoContext(r.Ctx, "ignored update without sender or chat", "update", r.Update.UpdateID)
		return nil
	}
	// Everything typed enters here: what cannot be seen is removed before
	// any command or wizard reads it (quickwin.CleanText).
	r.Text = quickwin.CleanText(r.Text)
	if err := b.identify(r); err != nil {
		return err
	}
	b.firstContact(r) // account_first_admin.go
	if !r.Private() && (r.Callback != nil || r.Update.Message != nil && r.Update.Message.IsCommand()) {
		b.useGroupLang(r) // admin_group_language.go
	}
	if r.Callback != nil {
		return b.routeCallback(r)
	}
	m := r.Update.Message
	if m == nil {
		return nil // edited messages, channel posts, ...: nothing to do
	}
	if m.IsCommand() {
		return b.routeCommand(r)
	}
	if !r.Private() {
		return nil // in groups the bot answers only commands addressed to it
	}
	if rep, ok := b.repliedTo(r); ok {
		return b.answerByReply(r, rep) // question_reply.go
	}
	if r.Member != nil {
		conv, err := b.activeConversation(r)
		if errors.Is(err, errHandled) {
			return nil
		}
		if err != nil {
			return err
		}
		if conv != nil {
			return b.answerWizard(r, conv, Input{Text: r.Text, Files: r.Files})
		}
	}
	return b.routeUnanswered(r)
}

// routeUnanswered handles a private message that answers nothing open: a
// quick-win code, a workbook, or else a hint.
func (b *Bot) routeUnanswered(r *Request) error {
	if r.Member != nil {
		if shown, err := b.typedCode(r); shown || err != nil { // quickwin_typed_code.go
			return err
		}
	}
	if handled, err := b.importDocument(r); handled {
		return err
	}
	if r.Member == nil {
		_, err := r.Reply(r.T("start.stranger", nil), nil)
		return err
	}
	_, err := r.Reply(r.T("router.hint", nil), nil)
	return err
}

func (b *Bot) routeCommand(r *Request) error {
	m := r.Update.Message
	if at := strings.IndexByte(m.CommandWithAt(), '@'); at >= 0 {
		if !strings.EqualFold(m.CommandWithAt()[at+1:], b.username) {
			return nil // addressed to another bot
		}
	}
	c := b.byName[strings.ToLower(m.Command())]
	if c == nil {
		if !r.Private() {
			return nil
		}
		_, err := r.Reply(r.T("router.unknown_command", nil), nil)
		return err
	}
	r.Command, r.Args = c.id, quickwin.CleanText(m.CommandArguments())
	switch {
	case !r.Private() && !c.group && !c.only:
		_, err := r.Reply(r.T("router.private_only", map[string]any{"Bot": b.username}), nil)
		return err
	case r.Private() && c.only:
		_, err := r.Reply(r.T("router.group_only", nil), nil)
		return err
	case !c.allowed(r):
		return b.refuse(r)
	}
	return b.runCommand(r, c) // wizard_reminder.go
}

// refuse explains why the sender may not do what they asked: strangers
// learn how to join, members which role may.
func (b *Bot) refuse(r *Request) error {
	if r.Member == nil {
		_, err := r.Reply(r.T("start.stranger", nil), nil)
		return err
	}
	_, err := r.Reply(forbiddenText(r), nil)
	return err
}

// forbiddenText tells a member that their role may not do this.
func forbiddenText(r *Request) string {
	return r.T("forbidden.command", map[string]any{"Role": r.T("role."+string(r.Member.Role), nil)})
}

// routeCallback validates a button press and hands it to its handler. A
// stale, forged or malformed press changes nothing and says so.
func (b *Bot) routeCallback(r *Request) error {
	action, err := b.buttons.Decode(r.Callback.Data)
	if err != nil {
		b.Log.InfoContext(r.Ctx, "refused button data", "err", err, "from", r.From.ID)
		r.Answer(r.T("callback.invalid", nil))
		return nil
	}
	if r.Member == nil && action.Kind != "lang" {
		r.Answer(r.T("callback.stranger", nil))
		_, err := r.Reply(r.T("start.stranger", nil), nil)
		return err
	}
	r.Action = action
	return b.callbacks[action.Kind](r)
}

// staleButton answers a press of a button that no longer applies.
func staleButton(r *Request) error {
	r.Answer(r.T("callback.stale", nil))
	return nil
}
