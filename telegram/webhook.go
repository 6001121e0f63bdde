package telegram

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// MaxUpdateBytes bounds a webhook request body; real updates are a few KB.
const MaxUpdateBytes = 1 << 20

// webhookHandleTimeout bounds the handling of one webhook update.
const webhookHandleTimeout = time.Minute

// SetWebhook registers url with Telegram together with the secret that
// Telegram then sends on every request (the library's WebhookConfig lacks
// the secret_token field, hence the generic request).
func (c *Client) SetWebhook(ctx context.Context, url, secret string) error {
	if secret == "" {
		return errors.New("a webhook needs a secret")
	}
	params := tgbotapi.Params{"url": url, "secret_token": secret, "allowed_updates": allowedUpdates}
	return c.Request(ctx, rawCall{method: "setWebhook", params: params})
}

// NewSecret makes a random webhook secret (Telegram allows A-Z a-z 0-9 _ -,
// up to 256 characters), for when none is configured.
func NewSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// WebhookHandler receives updates from Telegram. A request without the
// matching X-Telegram-Bot-Api-Secret-Token header is refused (403), a body
// over MaxUpdateBytes too (413). A malformed update is logged, counted and
// confirmed (200): Telegram would only send the same bytes again. An update
// is handled before the answer, and a handler that returns a retry id
// (the database is down) gets 503, so that Telegram delivers it again.
func WebhookHandler(secret string, handle BatchHandler, log *slog.Logger, metrics *Metrics) (http.Handler, error) {
	if secret == "" {
		return nil, errors.New("a webhook needs a secret: without one anyone could post updates")
	}
	if log == nil {
		log = slog.Default()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := req.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(io.LimitReader(req.Body, MaxUpdateBytes+1))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if len(body) > MaxUpdateBytes {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		u, err := DecodeUpdate(body)
		if err != nil {
			var de *DecodeError
			errors.As(err, &de)
			log.WarnContext(req.Context(), "skipped a malformed update", "update", de.UpdateID, "why", de.Reason, "bytes", len(body))
			if metrics != nil {
				metrics.Refused.Inc()
			}
			w.WriteHeader(http.StatusOK)
			return
		}
		// The update is handled to the end even if Telegram drops the
		// connection meanwhile: a half-handled update helps nobody.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), webhookHandleTimeout)
		defer cancel()
		if handle(ctx, []tgbotapi.Update{u}) != 0 {
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	}), nil
}
