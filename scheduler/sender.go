package scheduler

import (
	"context"

	"quickwin"
	"quickwin/telegram"
)

// Sender delivers one outbox message to Telegram. It returns nil when
// Telegram accepted it, and otherwise preferably a *telegram.Error that
// classifies Telegram's answer; any other error counts as a network
// failure. A 429 pauses the chat in the Sender's Limiter, which the
// dispatcher paces with: Telegram counts per token, so the bot's replies
// and the outbox share that one limiter. *telegram.Client is the Sender.
type Sender interface {
	Deliver(ctx context.Context, m *quickwin.OutboxMessage) error
	Limiter() *telegram.Limiter
}
