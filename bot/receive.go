package bot

import (
	"context"
	"net/http"
	"time"

	"quickwin/telegram"
)

// Poller receives updates by long polling through the Telegram edge and
// hands them to HandleBatch.
func (b *Bot) Poller() *telegram.Poller {
	return &telegram.Poller{API: b.Client.API(), Handle: b.HandleBatch, Log: b.Log, Clock: b.Clock, Metrics: b.Edge}
}

// Poll receives updates by long polling until ctx ends. Only the poller
// lease's holder polls, so while it does this process alone handles the
// bot's updates, and remembers conversations (conversations.go).
func (b *Bot) Poll(ctx context.Context) error {
	b.conversations.remember(true)
	defer b.conversations.remember(false)
	return b.Poller().Run(ctx)
}

// WebhookHandler receives updates from Telegram through the edge's handler:
// the secret is required and checked on every request.
func (b *Bot) WebhookHandler(secret string) (http.Handler, error) {
	b.byWebhook.Store(true)
	return telegram.WebhookHandler(secret, b.HandleBatch, b.Log, b.Edge)
}

// SetWebhook registers url and secret with Telegram.
func (b *Bot) SetWebhook(ctx context.Context, url, secret string) error {
	return b.Client.SetWebhook(ctx, url, secret)
}

// RunMaintenance closes idle wizards and prunes processed-update records
// every interval until ctx ends.
func (b *Bot) RunMaintenance(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		// Idle wizards are swept where updates are handled: behind a
		// webhook on every instance, when polling on the poller alone,
		// whose remembered conversations must see the sweep.
		if b.handlesUpdates() {
			if err := b.SweepIdle(ctx); err != nil && ctx.Err() == nil {
				b.Log.WarnContext(ctx, "sweep idle wizards", "err", err)
			}
		}
		if _, err := b.claims.PruneUpdates(ctx, b.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			b.Log.WarnContext(ctx, "prune processed updates", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// handlesUpdates reports whether updates reach this process: it receives
// them by webhook, or it is polling now.
func (b *Bot) handlesUpdates() bool {
	return b.byWebhook.Load() || b.conversations.exclusive.Load()
}
