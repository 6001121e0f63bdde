package telegram

import (
	"context"
	"log/slog"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin/telegramtest"
)

// TestReplyRetriesOnceAndNeverHangs: a reply that meets a 5xx is tried once
// more; a reply to a chat Telegram paused (429 retry_after 40) fails at
// once with RetryAfter, past MaxReplyWait, without asking Telegram again,
// while a reply to another chat goes out.
func TestReplyRetriesOnceAndNeverHangs(t *testing.T) {
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	// No per-chat spacing: the test is about retries and pauses, not pace.
	c := NewClient(ClientConfig{API: api, Limiter: NewLimiter(Limits{PerSecond: 30}), Log: slog.New(slog.DiscardHandler), APIEndpoint: srv.APIEndpoint()})
	ana, budi := srv.NewUser(5, "Ana", "id"), srv.NewUser(6, "Budi", "id")
	ctx := context.Background()

	srv.FailNext("sendMessage", 1, 502, 0)
	if _, err := c.Reply(ctx, Message{ChatID: ana.ID, Text: "halo"}); err != nil {
		t.Fatalf("a reply after one 502: %v, want it sent on the second try", err)
	}
	if n := srv.Calls("sendMessage"); n != 2 {
		t.Errorf("%d sendMessage calls, want 2 (the 502, then the retry)", n)
	}
	srv.FailNext("sendMessage", 2, 502, 0)
	if _, err := c.Reply(ctx, Message{ChatID: ana.ID, Text: "lagi"}); ClassOf(err) != Retry {
		t.Errorf("a reply after two 502s: %v, want class retry (tried twice, no more)", err)
	}
	if n := srv.Calls("sendMessage"); n != 4 {
		t.Errorf("%d sendMessage calls, want 4 (a reply is tried at most twice)", n)
	}

	srv.FailChat(ana.ID, 1, telegramtest.Fault{Code: 429, RetryAfter: 40})
	if _, err := c.Reply(ctx, Message{ChatID: ana.ID, Text: "satu"}); ClassOf(err) != RetryAfter {
		t.Fatalf("the 429: %v, want class retry_after", err)
	}
	calls := srv.Calls("sendMessage")
	if _, err := c.Reply(ctx, Message{ChatID: ana.ID, Text: "dua"}); ClassOf(err) != RetryAfter {
		t.Errorf("a reply to the paused chat: %v, want class retry_after at once", err)
	}
	if n := srv.Calls("sendMessage"); n != calls {
		t.Errorf("a reply to the paused chat reached Telegram (%d calls, had %d)", n, calls)
	}
	if _, err := c.Reply(ctx, Message{ChatID: budi.ID, Text: "halo Budi"}); err != nil {
		t.Errorf("a reply to another chat: %v, want it sent", err)
	}
}
