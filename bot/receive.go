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

// Poll receives updates by long polling until ctx ends.
func (b *Bot) Poll(ctx context.Context) error { return b.Poller().Run(ctx) }

// WebhookHandler receives updates from Telegram through the edge's handler:
// the secret is required and checked on every request.
func (b *Bot) WebhookHandler(secret string) (http.Handler, error) {
	return telegram.WebhookHandler(secret, b.HandleBatch, b.Log, b.Edge)
}

// SetWebhook registers url and secret with Telegram.
func (b *Bot) SetWebhook(url, secret string) error {
	return telegram.SetWebhook(b.Client.API(), url, secret)
}

// RunMaintenance closes idle wizards and prunes processed-update records
// every interval until ctx ends.
func (b *Bot) RunMaintenance(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := b.SweepIdle(ctx); err != nil && ctx.Err() == nil {
			b.Log.WarnContext(ctx, "sweep idle wizards", "err", err)
		}
		if _, err := b.Store.PruneUpdates(ctx, b.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			b.Log.WarnContext(ctx, "prune processed updates", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
