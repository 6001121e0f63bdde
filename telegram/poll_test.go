package telegram

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/telegramtest"
)

// waitsClock is the system clock whose timers fire at once and note how
// long they were asked to wait: the poller's pauses, without the pauses.
type waitsClock struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (c *waitsClock) Now() time.Time { return time.Now() }

func (c *waitsClock) NewTimer(d time.Duration) quickwin.Timer {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	return quickwin.SystemClock{}.NewTimer(0)
}

func (c *waitsClock) asked() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// TestPollerWaitsRetryAfter: a 429 on getUpdates makes the poller wait the
// retry_after Telegram named (not its own backoff), then go on polling and
// deliver the update.
func TestPollerWaitsRetryAfter(t *testing.T) {
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext("getUpdates", 1, 429, 7)
	u := srv.NewUser(5, "Ana", "id")
	in := u.Send("/start")
	got := make(chan int, 1)
	clock := &waitsClock{}
	p := &Poller{API: api, Clock: clock, Log: slog.New(slog.DiscardHandler), Timeout: time.Second,
		Handle: func(_ context.Context, us []tgbotapi.Update) int {
			for _, x := range us {
				got <- x.UpdateID
			}
			return 0
		}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	select {
	case id := <-got:
		if id != in.UpdateID {
			t.Errorf("handled update %d, want %d", id, in.UpdateID)
		}
	case <-t.Context().Done():
		t.Fatal("the update never came after the 429")
	}
	cancel()
	<-done
	if w := clock.asked(); len(w) == 0 || w[0] != 7*time.Second {
		t.Errorf("waits after the 429: %v, want 7s first (retry_after)", w)
	}
}
