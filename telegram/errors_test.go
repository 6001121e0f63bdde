package telegram

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/telegramtest"
)

// TestClassifiesTelegramsAnswers: every refusal Telegram can give comes
// back as one *Error class, for a text (JSON) and for a photo (a multipart
// upload, where tgbotapi drops the status and the client must note it).
func TestClassifiesTelegramsAnswers(t *testing.T) {
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(ClientConfig{API: api, Log: slog.New(slog.DiscardHandler), APIEndpoint: srv.APIEndpoint()})
	u := srv.NewUser(5, "Ana", "id")
	png := telegramtest.DefaultPhoto()
	for _, tc := range []struct {
		code, retryAfter int
		want             Class
	}{
		{429, 3, RetryAfter},
		{500, 0, Retry},
		{502, 0, Retry},
		{403, 0, Blocked},
		{400, 0, BadRequest},
		{401, 0, Unauthorized},
		{404, 0, Unauthorized},
	} {
		for _, kind := range []struct {
			method string
			msg    quickwin.OutboxMessage
		}{
			{"sendMessage", quickwin.OutboxMessage{ChatID: u.ID, Text: "halo"}},
			{"sendPhoto", quickwin.OutboxMessage{ChatID: u.ID, Text: "grafik", Photo: png}},
		} {
			srv.FailNext(kind.method, 1, tc.code, tc.retryAfter)
			err := c.Deliver(context.Background(), &kind.msg)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s answered %d: got %v, want a *telegram.Error", kind.method, tc.code, err)
			}
			if e.Class != tc.want || e.Code != tc.code || ClassOf(err) != tc.want {
				t.Errorf("%s answered %d: class %v code %d, want %v", kind.method, tc.code, e.Class, e.Code, tc.want)
			}
			if tc.retryAfter > 0 && e.RetryAfter != time.Duration(tc.retryAfter)*time.Second {
				t.Errorf("%s answered 429: retry after %v, want %ds", kind.method, e.RetryAfter, tc.retryAfter)
			}
		}
	}
	// No answer at all (the server is gone) is a network failure: retry.
	srv.Close()
	err = c.Deliver(context.Background(), &quickwin.OutboxMessage{ChatID: u.ID, Text: "halo"})
	if e := (*Error)(nil); !errors.As(err, &e) || e.Class != Retry || e.Code != 0 {
		t.Errorf("unreachable Telegram: %v, want class retry with code 0", err)
	}
}
