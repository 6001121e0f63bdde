package bot

import (
	"context"

	"quickwin"
	"quickwin/telegram"
)

// sendText sends an HTML message with optional buttons to someone waiting
// for it and returns its id. Every reply goes through the process's one
// telegram.Client, paced ahead of the outbox's bulk sends.
func (b *Bot) sendText(ctx context.Context, chatID int64, text string, buttons [][]quickwin.Button) (int, error) {
	return b.Client.Reply(ctx, telegram.Message{ChatID: chatID, Text: text, Buttons: buttons})
}

// esc escapes dynamic text for Telegram's HTML parse mode.
func esc(s string) string { return telegram.Escape(s) }

// cb builds callback data from a kind and arguments with the one button
// codec. The bot's own ids always fit; a value that does not (a wizard
// choice with a ':') is a programming error caught by the wizard tests.
func cb(kind string, args ...string) string { return telegram.MustEncode(kind, args...) }
