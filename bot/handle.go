package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// errUnavailable marks an update that was not handled because the
// database cannot be reached: HandleBatch has it delivered again.
var errUnavailable = errors.New("database unavailable; update not handled")

// maxConcurrentChats bounds how many chats are handled at once. More buys
// nothing: the database (one connection in embedded mode) is the limit, and
// fewer at once keeps each update's own handling time short.
const maxConcurrentChats = 4

// HandleBatch is the telegram.BatchHandler of polling and webhooks: it
// handles updates concurrently across chats and in order within a chat, and
// returns the id of the first update that must be delivered again (the
// database is down; that chat's later updates are retried with it), or 0.
// Handled updates are marked finished in one write.
func (b *Bot) HandleBatch(ctx context.Context, updates []tgbotapi.Update) (retryFrom int) {
	byChat := map[int64][]tgbotapi.Update{}
	var order []int64
	for _, u := range updates {
		chat := telegram.ChatOf(u)
		if _, ok := byChat[chat]; !ok {
			order = append(order, chat)
		}
		byChat[chat] = append(byChat[chat], u)
	}
	var mu sync.Mutex
	var handled []string
	var wg sync.WaitGroup
	slots := make(chan struct{}, maxConcurrentChats)
	for _, chat := range order {
		wg.Add(1)
		go func(us []tgbotapi.Update) {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			for _, u := range us {
				key, claimed, err := b.handle(ctx, u)
				mu.Lock()
				if claimed {
					handled = append(handled, key)
				}
				failed := errors.Is(err, errUnavailable)
				if failed && (retryFrom == 0 || u.UpdateID < retryFrom) {
					retryFrom = u.UpdateID
				}
				mu.Unlock()
				if failed {
					return // keep this chat's later updates in order: retry them all
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	b.finish(ctx, handled...)
	return retryFrom
}

// handle claims and handles one update under its key (telegram.Key);
// claimed reports whether it was handled here and so must be marked
// finished. No panic escapes it: one update's bug costs that update an
// apology, never the process.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) (key string, claimed bool, err error) {
	start := time.Now() // handling time is measured on the system clock, not the program's
	kind := telegram.Kind(u)
	defer func() {
		d := time.Since(start)
		b.Metrics.Duration.WithLabelValues(kind).Observe(d.Seconds())
		if b.observe != nil {
			b.observe(d)
		}
	}()

	key = telegram.Key(u)
	claimed, err = b.claims.ClaimUpdate(ctx, key, b.Instance)
	if err != nil {
		b.Metrics.Updates.WithLabelValues("unavailable").Inc()
		b.tellUnavailable(ctx, u)
		return key, false, fmt.Errorf("%w: %v", errUnavailable, err)
	}
	if !claimed {
		b.Metrics.Updates.WithLabelValues("duplicate").Inc()
		return key, false, nil
	}
	outcome := "ok"
	func() {
		var r *Request
		defer func() {
			if p := recover(); p != nil {
				outcome = "panic"
				b.Log.ErrorContext(ctx, "panic while handling update", "update", u.UpdateID, "panic", p, "stack", string(debug.Stack()))
				if r != nil {
					b.apologize(r)
				}
			}
		}()
		r = b.newRequest(ctx, u)
		if herr := b.route(r); herr != nil {
			outcome = "error"
			if quickwin.ErrorCode(herr) == quickwin.EUNAVAILABLE {
				outcome = "unavailable"
				err = herr
			}
			b.replyError(r, herr)
		}
		r.Answer("")
	}()
	b.Metrics.Updates.WithLabelValues(outcome).Inc()
	if outcome == "unavailable" {
		// Forget the claim so the redelivered update is handled; if even
		// that fails, the claim expires (store.UpdateRetryAfter).
		_ = b.claims.ReleaseUpdate(context.WithoutCancel(ctx), key)
		return key, false, fmt.Errorf("%w: %v", errUnavailable, err)
	}
	return key, true, nil
}

// finish marks handled updates finished, so that a redelivery is ignored.
func (b *Bot) finish(ctx context.Context, keys ...string) {
	if len(keys) == 0 {
		return
	}
	if err := b.claims.FinishUpdates(context.WithoutCancel(ctx), keys); err != nil {
		b.Log.WarnContext(ctx, "updates handled but not marked finished", "updates", keys, "err", err)
	}
}

// newRequest reads who sent the update. A failure to read the member leaves
// them a stranger for routing; route reports the failure.
func (b *Bot) newRequest(ctx context.Context, u tgbotapi.Update) *Request {
	r := &Request{Ctx: ctx, bot: b, Update: u, Lang: locales.Default, ChatID: telegram.ChatOf(u)}
	switch {
	case u.Message != nil:
		m := u.Message
		r.ChatType, r.From = m.Chat.Type, m.From
		r.Text = strings.TrimSpace(m.Text)
		if r.Text == "" {
			r.Text = strings.TrimSpace(m.Caption)
		}
		if len(m.Photo) > 0 {
			p := m.Photo[len(m.Photo)-1] // the largest size
			r.Files = append(r.Files, quickwin.Evidence{FileID: p.FileID, Kind: "photo", Caption: strings.TrimSpace(m.Caption)})
		}
		if m.Document != nil {
			r.Files = append(r.Files, quickwin.Evidence{FileID: m.Document.FileID, Kind: "document", FileName: m.Document.FileName, Caption: strings.TrimSpace(m.Caption)})
		}
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		r.Callback, r.From, r.ChatType = q, q.From, "private" // a press without its message comes from the presser's chat
		if q.Message != nil && q.Message.Chat != nil {
			r.ChatType = q.Message.Chat.Type
		}
	}
	if r.From != nil {
		r.Lang = locales.ParseLang(r.From.LanguageCode)
	}
	return r
}

// identify loads the sender's membership and tenant.
func (b *Bot) identify(r *Request) error {
	if r.From == nil {
		return nil
	}
	m, err := b.memberByTelegramID(r.Ctx, r.From.ID)
	switch quickwin.ErrorCode(err) {
	case "":
		r.Member = m
		r.Lang = locales.ParseLang(m.Lang)
		r.Tenant, err = b.tenant(r.Ctx, m.TenantID)
		return err
	case quickwin.ENOTFOUND:
		r.Tenant, err = b.defaultTenant(r.Ctx)
		if _, known := locales.MatchLang(r.From.LanguageCode); err == nil && !known {
			r.Lang = locales.ParseLang(r.Tenant.Lang)
		}
		return err
	}
	return err
}

// replyError tells the user what went wrong, in their language: the
// domain error's own key when it has one, else a message per code; internal
// errors are logged and answered with an apology only.
func (b *Bot) replyError(r *Request, err error) {
	if r.ChatID == 0 {
		return
	}
	text := b.errorText(r, err)
	if r.Callback != nil && !r.answered {
		// A short toast as well, so the press visibly did something.
		r.Answer(truncate(stripTags(text), 180))
	}
	if _, serr := r.Reply(text, nil); serr != nil {
		b.Log.WarnContext(r.Ctx, "could not send error reply", "chat", r.ChatID, "err", serr)
	}
}

func (b *Bot) errorText(r *Request, err error) string {
	var pe *locales.ParseError
	if errors.As(err, &pe) {
		// The parse error quotes what the person typed: escape it for HTML.
		return r.T(pe.Key, escapeData(pe.Data))
	}
	var qe *quickwin.Error
	if errors.As(err, &qe) && qe.Key != "" && locales.Has(r.Lang, qe.Key) {
		return r.T(qe.Key, escapeData(qe.Data))
	}
	switch quickwin.ErrorCode(err) {
	case quickwin.EINVALID:
		return r.T("error.invalid", nil)
	case quickwin.ENOTFOUND:
		return r.T("error.not_found", nil)
	case quickwin.EFORBIDDEN:
		return r.T("error.forbidden", map[string]any{"Reason": r.T("forbidden.generic", nil)})
	case quickwin.ECONFLICT:
		return r.T("error.conflict", nil)
	case quickwin.EUNAVAILABLE:
		// The update is released and handled again once the database
		// answers (polling retries it; a webhook answers 503 and Telegram
		// retries): say so rather than ask the person to start over.
		return r.T("error.db_unavailable_queued", nil)
	}
	b.Log.ErrorContext(r.Ctx, "update failed", "update", r.Update.UpdateID, "chat", r.ChatID, "err", err)
	return r.T("error.internal", nil)
}

func (b *Bot) apologize(r *Request) {
	if r.ChatID != 0 {
		_, _ = r.Reply(r.T("error.internal", nil), nil)
		r.Answer("")
	}
}

// tellUnavailable answers an update that cannot be handled now because the
// database is down. It is told once per update: the loop retries the update
// until the database is back.
func (b *Bot) tellUnavailable(ctx context.Context, u tgbotapi.Update) {
	defer func() { _ = recover() }() // a notice is best effort
	r := b.newRequest(ctx, u)
	if r.ChatID == 0 || !b.firstUnavailableNotice(u.UpdateID) {
		return
	}
	if r.Callback != nil {
		r.Answer(r.T("error.db_unavailable_toast", nil))
		return
	}
	if r.Private() {
		_, _ = r.Reply(r.T("error.db_unavailable_queued", nil), nil)
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, c := range s {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// escapeData escapes the text values of a message's template data for
// Telegram HTML; numbers and other values pass as they are.
func escapeData(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok {
			v = esc(s)
		}
		out[k] = v
	}
	return out
}
