package scheduler

import (
	"context"

	"quickwin"
)

// Sender delivers one outbox message to Telegram. It returns nil when
// Telegram accepted it, and otherwise preferably a *telegram.Error that
// classifies Telegram's answer; any other error counts as a network
// failure. *telegram.Client is the Sender in production.
type Sender interface {
	Deliver(ctx context.Context, m *quickwin.OutboxMessage) error
}
