package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"quickwin"
	"quickwin/telegram"
)

// sendText sends an HTML message with optional buttons to someone waiting
// for it and returns its id. Every reply goes through the process's one
// telegram.Client, paced ahead of the outbox's bulk sends. A reply that
// Telegram will not take now (the chat is paused after a 429 for longer
// than a reply waits, or Telegram is down) is not lost: it goes to the
// persistent outbox, which sends it when it can; the id is then 0.
func (b *Bot) sendText(ctx context.Context, chatID int64, text string, buttons [][]quickwin.Button) (int, error) {
	id, err := b.Client.Reply(ctx, telegram.Message{ChatID: chatID, Text: text, Buttons: buttons})
	if err == nil || b.Outbox == nil {
		return id, err
	}
	if c := telegram.ClassOf(err); c != telegram.RetryAfter && c != telegram.Retry {
		return 0, err
	}
	var nonce [6]byte
	_, _ = rand.Read(nonce[:])
	later := quickwin.OutboxMessage{Key: "reply/" + hex.EncodeToString(nonce[:]), ChatID: chatID, Text: text, Buttons: buttons, CreatedAt: b.Now()}
	if _, qerr := b.Outbox.Enqueue(context.WithoutCancel(ctx), later); qerr != nil {
		return 0, err
	}
	b.Log.InfoContext(ctx, "reply queued in the outbox", "chat", chatID, "why", err)
	return 0, nil
}

// esc escapes dynamic text for Telegram's HTML parse mode.
func esc(s string) string { return telegram.Escape(s) }

// cb builds callback data from a kind and arguments with the one button
// codec. The bot's own ids always fit; a value that does not (a wizard
// choice with a ':') is a programming error caught by the wizard tests.
func cb(kind string, args ...string) string { return telegram.MustEncode(kind, args...) }
