package telegram

import (
	"encoding/json"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DecodeError says why one update was refused: it could not be decoded, or
// it lacks what its kind needs. UpdateID is 0 when even that was unreadable.
type DecodeError struct {
	UpdateID int
	Reason   string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("update %d refused: %s", e.UpdateID, e.Reason)
}

// DecodeUpdate decodes one update and checks that it carries what its kind
// needs: a message its chat and sender, a callback query its id and sender
// (and, with a message, that message's chat). Kinds the bot does not handle
// (edited messages, channel posts, ...) pass as they are; the router ignores
// them.
func DecodeUpdate(raw []byte) (tgbotapi.Update, error) {
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return u, &DecodeError{UpdateID: peekUpdateID(raw), Reason: err.Error()}
	}
	if reason := missing(u); reason != "" {
		return u, &DecodeError{UpdateID: u.UpdateID, Reason: reason}
	}
	return u, nil
}

// peekUpdateID reads only update_id from an update that failed to decode as
// a whole, so that the poller can confirm it and the log can name it.
func peekUpdateID(raw []byte) int {
	var head struct {
		UpdateID json.Number `json:"update_id"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return 0
	}
	id, err := strconv.Atoi(head.UpdateID.String())
	if err != nil {
		return 0
	}
	return id
}

func missing(u tgbotapi.Update) string {
	switch {
	case u.UpdateID <= 0:
		return "no update_id"
	case u.Message != nil:
		return missingInMessage(u.Message, "message")
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		switch {
		case q.ID == "":
			return "callback_query without id"
		case q.From == nil || q.From.ID == 0:
			return "callback_query without from"
		case q.Message != nil && (q.Message.Chat == nil || q.Message.Chat.ID == 0):
			return "callback_query.message without chat"
		}
	case u.MyChatMember != nil:
		if u.MyChatMember.Chat.ID == 0 || u.MyChatMember.From.ID == 0 {
			return "my_chat_member without chat or from"
		}
	}
	return ""
}

func missingInMessage(m *tgbotapi.Message, kind string) string {
	switch {
	case m.Chat == nil || m.Chat.ID == 0:
		return kind + " without chat"
	case m.From == nil || m.From.ID == 0:
		return kind + " without from"
	case m.ReplyToMessage != nil && m.ReplyToMessage.Chat == nil:
		// The library leaves a nested chat nil; code that reads the message
		// replied to may rely on it.
		m.ReplyToMessage.Chat = m.Chat
	}
	return ""
}

// ChatOf is the chat an update belongs to, for ordering: its message's chat,
// or for a callback query the chat of its message or else its sender.
// Zero for kinds without a chat. Safe on any decoded update.
func ChatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}

// Key is what recognises an update when Telegram delivers it again, even
// under another update id: a message by its chat and message id, a button
// press by its callback query id, anything else by its update id.
func Key(u tgbotapi.Update) string {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return "m:" + strconv.FormatInt(u.Message.Chat.ID, 10) + ":" + strconv.Itoa(u.Message.MessageID)
	case u.CallbackQuery != nil && u.CallbackQuery.ID != "":
		return "c:" + u.CallbackQuery.ID
	}
	return "u:" + strconv.Itoa(u.UpdateID)
}

// Kind names an update's kind for logs and metrics.
func Kind(u tgbotapi.Update) string {
	switch {
	case u.CallbackQuery != nil:
		return "callback"
	case u.Message != nil && u.Message.IsCommand():
		return "command"
	case u.Message != nil:
		return "message"
	}
	return "other"
}
