package bot

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// Request is one update being handled, with who sent it.
type Request struct {
	Ctx    context.Context
	bot    *Bot // sends the replies; handlers are methods of Bot and use it directly
	Update tgbotapi.Update

	ChatID   int64
	ChatType string // private, group, supergroup, channel
	From     *tgbotapi.User
	Member   *quickwin.Member // nil for a stranger
	Tenant   *quickwin.Tenant // the member's tenant; the first tenant for strangers
	Lang     locales.Lang

	Text     string // message text or caption, trimmed
	Command  string // canonical command id ("help"), empty when not a command
	Args     string // what follows the command
	Callback *tgbotapi.CallbackQuery
	Action   telegram.Action     // the pressed button's decoded data
	Files    []quickwin.Evidence // photo or document of the message
	answered bool                // the callback query was answered
	// readBack says how a typed answer was read ("📅 TW2 → 30 Juni
	// 2027"); the wizard puts it above its next message.
	readBack string
	// afterForm runs once the form that answered is closed (Bot.afterForm).
	afterForm func() error
}

// Private reports whether the update came from a private chat.
func (r *Request) Private() bool { return r.ChatType == "private" }

// T renders a message in the request's language.
func (r *Request) T(key string, data map[string]any) string { return locales.T(r.Lang, key, data) }

// Reply sends a message to the request's chat.
func (r *Request) Reply(text string, buttons [][]quickwin.Button) (int, error) {
	return r.bot.sendText(r.Ctx, r.ChatID, text, buttons)
}

// Edit replaces the text and buttons of a message the bot sent; when that
// fails (too old, deleted) it sends a new one instead, so the user always
// sees the answer.
func (r *Request) Edit(messageID int, text string, buttons [][]quickwin.Button) error {
	if messageID == 0 {
		_, err := r.Reply(text, buttons)
		return err
	}
	if err := r.bot.Client.Edit(r.Ctx, r.ChatID, messageID, text, buttons); err != nil {
		_, err = r.Reply(text, buttons)
		return err
	}
	return nil
}

// EditOrReply edits the message a pressed button belongs to, or replies
// when the request is not a button press.
func (r *Request) EditOrReply(text string, buttons [][]quickwin.Button) error {
	if r.Callback != nil && r.Callback.Message != nil {
		return r.Edit(r.Callback.Message.MessageID, text, buttons)
	}
	_, err := r.Reply(text, buttons)
	return err
}

// Answer answers the pressed button (a small toast when text is not empty).
// Telegram wants every callback query answered, so the router answers the
// ones a handler did not.
func (r *Request) Answer(text string) {
	if r.Callback == nil || r.answered {
		return
	}
	r.answered = true
	if err := r.bot.Client.AnswerCallback(r.Ctx, r.Callback.ID, text); err != nil {
		r.bot.Log.DebugContext(r.Ctx, "answer callback", "err", err)
	}
}

// Is reports whether the sender has one of the roles.
func (r *Request) Is(roles ...quickwin.Role) bool {
	if r.Member == nil {
		return false
	}
	for _, role := range roles {
		if r.Member.Role == role {
			return true
		}
	}
	return false
}
