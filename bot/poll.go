package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// pollTimeout is the long-poll timeout asked of Telegram, in seconds.
const pollTimeout = 25

// Poll receives updates by long polling until ctx ends. Each batch is
// handled concurrently across chats and in order within a chat; the offset
// that confirms a batch to Telegram is only sent once every update in it
// was handled, so a crash mid-batch means Telegram delivers it again (and
// update claims make the handled ones no-ops). An update that fails
// because the database is down holds the offset back: it is retried with
// backoff until the database answers.
func (b *Bot) Poll(ctx context.Context) error {
	if _, err := b.API.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		b.Log.WarnContext(ctx, "deleteWebhook before polling", "err", err)
	}
	offset := 0
	backoff := time.Second
	for ctx.Err() == nil {
		updates, err := b.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			b.Log.WarnContext(ctx, "getUpdates failed", "err", err, "retry_in", backoff)
			sleep(ctx, backoff)
			backoff = min(backoff*2, time.Minute)
			continue
		}
		backoff = time.Second
		if len(updates) == 0 {
			continue
		}
		next, failed := b.handleBatch(ctx, updates)
		offset = next
		if failed {
			sleep(ctx, 2*time.Second)
		}
	}
	return nil
}

func (b *Bot) getUpdates(ctx context.Context, offset int) ([]tgbotapi.Update, error) {
	type result struct {
		u   []tgbotapi.Update
		err error
	}
	done := make(chan result, 1)
	go func() {
		cfg := tgbotapi.NewUpdate(offset)
		cfg.Timeout = pollTimeout
		u, err := b.API.GetUpdates(cfg)
		done <- result{u, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		return r.u, r.err
	}
}

// maxConcurrentChats bounds how many chats are handled at once. More buys
// nothing: the database (one connection in embedded mode) is the limit, and
// fewer at once keeps each update's own handling time short.
const maxConcurrentChats = 4

// handleBatch handles updates and returns the offset to confirm: past the
// last update, or at the first one that must be retried.
func (b *Bot) handleBatch(ctx context.Context, updates []tgbotapi.Update) (offset int, failed bool) {
	// A batch that started is finished even when shutdown begins (SIGTERM):
	// its updates take milliseconds, and stopping half-way would answer
	// them with an error.
	ctx = context.WithoutCancel(ctx)
	byChat := map[int64][]tgbotapi.Update{}
	var order []int64
	for _, u := range updates {
		chat := chatOf(u)
		if _, ok := byChat[chat]; !ok {
			order = append(order, chat)
		}
		byChat[chat] = append(byChat[chat], u)
	}
	var mu sync.Mutex
	firstFailed := 0
	var handled []int64
	var wg sync.WaitGroup
	slots := make(chan struct{}, maxConcurrentChats)
	for _, chat := range order {
		wg.Add(1)
		go func(us []tgbotapi.Update) {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			for _, u := range us {
				claimed, err := b.handle(ctx, u)
				if claimed {
					mu.Lock()
					handled = append(handled, int64(u.UpdateID))
					mu.Unlock()
				}
				if errors.Is(err, ErrUnavailable) {
					mu.Lock()
					if firstFailed == 0 || u.UpdateID < firstFailed {
						firstFailed = u.UpdateID
					}
					mu.Unlock()
					return // keep this chat's later updates in order: retry them all
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	b.finish(ctx, handled...)
	if firstFailed != 0 {
		return firstFailed, true
	}
	return updates[len(updates)-1].UpdateID + 1, false
}

// chatOf is the chat an update belongs to, for ordering.
func chatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
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
