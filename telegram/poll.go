package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// BatchHandler handles a batch of decoded updates (in update order) and
// returns the id of the first update that must be delivered again because
// it could not be handled now (the database is down), or 0 when every
// update was handled.
type BatchHandler func(ctx context.Context, updates []tgbotapi.Update) (retryFrom int)

// Poller receives updates by long polling. Unlike tgbotapi's GetUpdatesChan
// it decodes each update on its own (one malformed update is skipped, not
// fatal to the batch), honours retry_after on getUpdates, takes a context,
// and confirms a batch (the next offset) only after it was handled.
type Poller struct {
	API     *tgbotapi.BotAPI
	Handle  BatchHandler
	Log     *slog.Logger
	Clock   quickwin.Clock
	Metrics *Metrics
	// Timeout is the long-poll timeout asked of Telegram (25 s).
	Timeout time.Duration
}

// Run polls until ctx ends. Errors from Telegram are retried with backoff
// (after retry_after on a 429); it returns nil when ctx ends.
func (p *Poller) Run(ctx context.Context) error {
	if p.Clock == nil {
		p.Clock = quickwin.SystemClock{}
	}
	if p.Log == nil {
		p.Log = slog.Default()
	}
	if p.Timeout <= 0 {
		p.Timeout = 25 * time.Second
	}
	if _, err := p.API.MakeRequest("deleteWebhook", nil); err != nil {
		p.Log.WarnContext(ctx, "deleteWebhook before polling", "err", err)
	}
	offset, backoff := 0, time.Second
	refused := map[int]bool{} // logged once each, even when a batch is retried
	for ctx.Err() == nil {
		raws, err := p.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			wait := backoff
			var te *tgbotapi.Error
			if errors.As(err, &te) && te.RetryAfter > 0 {
				wait = time.Duration(te.RetryAfter) * time.Second
			} else {
				backoff = min(backoff*2, time.Minute)
			}
			p.Log.WarnContext(ctx, "getUpdates failed", "err", err, "retry_in", wait)
			quickwin.Sleep(p.Clock, wait, ctx.Done())
			continue
		}
		backoff = time.Second
		if len(raws) == 0 {
			continue
		}
		good, last := p.decode(ctx, raws, refused)
		next := last + 1
		if len(good) > 0 {
			// A batch that started is finished even when shutdown begins
			// (SIGTERM): its updates take milliseconds, and stopping
			// half-way would answer them with an error.
			if retry := p.Handle(context.WithoutCancel(ctx), good); retry != 0 {
				next = retry
				quickwin.Sleep(p.Clock, 2*time.Second, ctx.Done())
			}
		}
		offset = next
		for id := range refused {
			if id < offset {
				delete(refused, id)
			}
		}
	}
	return nil
}

// decode decodes each raw update; the refused ones are logged once and
// counted. last is the highest update id seen, decoded or not, so that the
// offset confirms refused updates too.
func (p *Poller) decode(ctx context.Context, raws []json.RawMessage, refused map[int]bool) (good []tgbotapi.Update, last int) {
	for _, raw := range raws {
		u, err := DecodeUpdate(raw)
		var de *DecodeError
		if errors.As(err, &de) {
			id := de.UpdateID
			if id == 0 {
				// Unreadable id: confirm past the previous one so that the
				// next getUpdates does not return it again.
				id = last + 1
			}
			last = max(last, id)
			if !refused[id] {
				refused[id] = true
				p.refuse(ctx, de, len(raw))
			}
			continue
		}
		last = max(last, u.UpdateID)
		good = append(good, u)
	}
	return good, last
}

func (p *Poller) refuse(ctx context.Context, de *DecodeError, size int) {
	p.Log.WarnContext(ctx, "skipped a malformed update", "update", de.UpdateID, "why", de.Reason, "bytes", size)
	if p.Metrics != nil {
		p.Metrics.Refused.Inc()
	}
}

// getUpdates asks for updates from offset and returns them undecoded. The
// library's call takes no context, so it runs aside and is abandoned when
// ctx ends (Telegram ends the long poll by itself).
func (p *Poller) getUpdates(ctx context.Context, offset int) ([]json.RawMessage, error) {
	type result struct {
		raws []json.RawMessage
		err  error
	}
	done := make(chan result, 1)
	go func() {
		params := tgbotapi.Params{}
		params.AddNonZero("offset", offset)
		params["timeout"] = strconv.Itoa(int(p.Timeout / time.Second))
		params["allowed_updates"] = allowedUpdates
		resp, err := p.API.MakeRequest("getUpdates", params)
		if err != nil {
			done <- result{err: err}
			return
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(resp.Result, &raws); err != nil {
			done <- result{err: err}
			return
		}
		done <- result{raws: raws}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		return r.raws, r.err
	}
}

// allowedUpdates are the update kinds the bot handles, for getUpdates and
// setWebhook.
const allowedUpdates = `["message","callback_query","my_chat_member"]`
