package bot

import (
	"maps"

	"quickwin"
)

// A command typed while a form is open is answered, and the form stays
// open: the person is reminded of it, so the next typed text is not a
// surprise answer to a question scrolled out of sight. A command that
// closes or replaces the form (/batal, /lapor …) is not followed by the
// reminder. A picker left open (qw_pick_typed.go) is closed instead: the
// command is the person's next step, and their next text no longer a pick.

// runCommand runs a command and reminds of a form that is still open
// unchanged after it.
func (b *Bot) runCommand(r *Request, c *command) error {
	before := b.openConversation(r)
	if before != nil && b.wizards[before.Wizard].Picker {
		if err := b.conversations.DeleteConversation(r.Ctx, r.ChatID, r.From.ID); err != nil {
			return err
		}
		before = nil
	}
	if err := c.handle(r); err != nil || before == nil {
		return err
	}
	after := b.openConversation(r)
	if after == nil || after.Wizard != before.Wizard || after.State != before.State ||
		len(after.History) != len(before.History) || !maps.Equal(after.Data, before.Data) {
		return nil
	}
	_, err := r.Reply("📝 "+r.T("wizard.still_open", nil), nil)
	return err
}

// openForm is the sender's open form in a private chat, nil when there is
// none (a picker is not a form).
func (b *Bot) openForm(r *Request) *quickwin.Conversation {
	conv := b.openConversation(r)
	if conv == nil || b.wizards[conv.Wizard].Picker {
		return nil
	}
	return conv
}

// openConversation is the sender's open wizard or picker in a private
// chat, nil when there is none (an idle one is closed when next answered).
func (b *Bot) openConversation(r *Request) *quickwin.Conversation {
	if !r.Private() || r.Member == nil {
		return nil
	}
	conv, err := b.conversations.Conversation(r.Ctx, r.ChatID, r.From.ID)
	if err != nil {
		return nil
	}
	if _, ok := b.wizards[conv.Wizard]; !ok || b.Now().Sub(conv.UpdatedAt) > quickwin.ConversationIdle {
		return nil
	}
	return conv
}
