package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// maxReplyWait is the longest a reply waits for Telegram's retry_after; a
// longer wait is not worth holding the chat for.
const maxReplyWait = 5 * time.Second

// send delivers one request to Telegram, retrying a 429 after its
// retry_after (when short) and a 5xx or network error once after a moment.
// Interactive replies go this way; messages to other people and broadcasts
// go through the outbox, which retries for longer.
func (b *Bot) send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	var last error
	for attempt := 0; attempt < 3; attempt++ {
		msg, err := b.API.Send(c)
		if err == nil {
			return msg, nil
		}
		last = err
		wait := 300 * time.Millisecond << attempt
		var tg *tgbotapi.Error
		if errors.As(err, &tg) {
			switch {
			case tg.RetryAfter > 0:
				wait = time.Duration(tg.RetryAfter) * time.Second
				if wait > maxReplyWait {
					return msg, err
				}
			case tg.Code >= 500:
			default:
				return msg, err // 400/403: retrying does not help
			}
		}
		select {
		case <-ctx.Done():
			return msg, err
		case <-time.After(wait):
		}
	}
	return tgbotapi.Message{}, last
}

// sendText sends an HTML message with optional buttons and returns its id.
func (b *Bot) sendText(ctx context.Context, chatID int64, text string, buttons [][]quickwin.Button) (int, error) {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb := keyboard(buttons); kb != nil {
		msg.ReplyMarkup = kb
	}
	if kb := webAppKeyboard(buttons); kb != nil {
		msg.ReplyMarkup = kb // tgbotapi's buttons lack web_app
	}
	sent, err := b.send(ctx, msg)
	return sent.MessageID, err
}

// keyboard turns rows of buttons into Telegram's inline keyboard.
func keyboard(rows [][]quickwin.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.WebApp != "" {
				continue // see webAppKeyboard
			}
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}

func isNotModified(err error) bool {
	return err != nil && strings.Contains(err.Error(), "message is not modified")
}

func newRemoveKeyboard(chatID int64, messageID int) tgbotapi.EditMessageReplyMarkupConfig {
	return tgbotapi.NewEditMessageReplyMarkup(chatID, messageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
}
