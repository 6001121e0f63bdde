package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SetWebhook registers url with Telegram together with the secret that
// Telegram then sends on every request (the library's WebhookConfig lacks
// the secret_token field, hence the generic request).
func (b *Bot) SetWebhook(url, secret string) error {
	params := tgbotapi.Params{"url": url}
	params.AddNonEmpty("secret_token", secret)
	params["allowed_updates"] = `["message","callback_query","my_chat_member"]`
	_, err := b.API.MakeRequest("setWebhook", params)
	return err
}

// webhookHandleTimeout bounds the handling of one webhook update.
const webhookHandleTimeout = time.Minute

// maxUpdateBytes bounds a webhook request body; updates are small.
const maxUpdateBytes = 1 << 20

// WebhookHandler receives updates from Telegram. Requests without the
// matching X-Telegram-Bot-Api-Secret-Token header are refused. An update is
// handled before the answer, and a 503 asks Telegram to deliver it again
// when the database is down: nothing is lost.
func (b *Bot) WebhookHandler(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := req.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret != "" && subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(io.LimitReader(req.Body, maxUpdateBytes))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(body, &u); err != nil {
			// A malformed update is answered 200: Telegram would only send
			// the same bytes again.
			b.Log.WarnContext(req.Context(), "malformed webhook update", "err", err, "bytes", len(body))
			w.WriteHeader(http.StatusOK)
			return
		}
		// The update is handled to the end even if Telegram drops the
		// connection meanwhile: a half-handled update helps nobody.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), webhookHandleTimeout)
		defer cancel()
		if err := b.HandleUpdate(ctx, u); errors.Is(err, ErrUnavailable) {
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
