package bot

import (
	"maps"

	"quickwin"
)

// A command typed while a form is open is answered, and the form stays
// open: the person is reminded of it, so the next typed text is not a
// surprise answer to a question scrolled out of sight. A command that
// closes or replaces the form (/batal, /lapor …) is not followed by the
// reminder.

// runCommand runs a command and reminds of a form that is still open
// unchanged after it.
func (b *Bot) runCommand(r *Request, c *command) error {
	before := b.openForm(r)
	if err := c.handle(r); err != nil || before == nil {
		return err
	}
	after := b.openForm(r)
	if after == nil || after.Wizard != before.Wizard || after.State != before.State ||
		len(after.History) != len(before.History) || !maps.Equal(after.Data, before.Data) {
		return nil
	}
	_, err := r.Reply("📝 "+r.T("wizard.still_open", nil), nil)
	return err
}

// openForm is the sender's open form in a private chat, nil when there is
// none (a picker is not a form; an idle one is closed when next answered).
func (b *Bot) openForm(r *Request) *quickwin.Conversation {
	if !r.Private() || r.Member == nil {
		return nil
	}
	conv, err := b.Store.Conversation(r.Ctx, r.ChatID, r.From.ID)
	if err != nil {
		return nil
	}
	if w, ok := b.wizards[conv.Wizard]; !ok || w.Picker || b.Now().Sub(conv.UpdatedAt) > quickwin.ConversationIdle {
		return nil
	}
	return conv
}
