package scheduler_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

func outMsg(key string, chat int64, text string) quickwin.OutboxMessage {
	return quickwin.OutboxMessage{Key: key, TenantID: "t1", ChatID: chat, Text: text, Priority: 10}
}

func TestDispatcherRespectsTelegramLimits(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	srv.EnforceRateLimits(true)
	var msgs []quickwin.OutboxMessage
	for i := range 60 {
		msgs = append(msgs, outMsg(fmt.Sprint("b", i), int64(1000+i), fmt.Sprintf("halo <b>%d</b>", i)))
	}
	for i := range 3 { // one private chat and one group get three each, in order
		msgs = append(msgs, outMsg(fmt.Sprint("p", i), 42, fmt.Sprint("part ", i)))
		msgs = append(msgs, outMsg(fmt.Sprint("g", i), -100123, fmt.Sprint("group ", i)))
	}
	msgs[0].Buttons = [][]quickwin.Button{{{Text: "Lapor", Data: "rp:abc"}}}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv)}), Owner: "d1", Workers: 4, Registerer: reg})
	awaitSends(t, srv, len(msgs))
	if n := srv.Count429(); n != 0 {
		t.Errorf("%d answers 429, want 0:\n%v", n, srv.Failures())
	}
	for _, chat := range []int64{42, -100123} {
		got := srv.SentTo(chat)
		if len(got) != 3 {
			t.Fatalf("chat %d got %d messages", chat, len(got))

		}
		for i, x := range got {
			if want := fmt.Sprint([]string{"part ", "group "}[map[bool]int{true: 0, false: 1}[chat > 0]], i); x.Text != want {
				t.Errorf("chat %d message %d = %q, want %q (order kept)", chat, i, x.Text, want)
			}
		}
		if chat > 0 && got[2].At.Sub(got[1].At) < 950*time.Millisecond {
			t.Errorf("private chat messages %v apart", got[2].At.Sub(got[1].At))
		}
	}
	first := srv.SentTo(1000)[0]
	if b, ok := first.Button("Lapor"); !ok || b.CallbackData != "rp:abc" || first.ParseMode != "HTML" {
		t.Errorf("first message %v", first)
	}
	waitState(t, s, "g2", quickwin.OutboxSent)
	if got := counter(t, reg, "quickwin_outbox_sent_total"); got < float64(len(msgs)-1) {
		t.Errorf("sent counter %v", got)
	}
}

// counter sums a counter family of reg.
func counter(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() == name {
			for _, m := range mf.GetMetric() {
				sum += m.GetCounter().GetValue()
			}
		}
	}
	return sum
}

func TestDispatcherRetriesAfter429And5xx(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	srv.FailNext("sendMessage", 1, 429, 1)
	srv.FailNext("sendMessage", 2, 502, 0)
	if _, err := s.Enqueue(ctx, outMsg("a", 7, "satu")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv)}), Owner: "d",
		BackoffBase: 20 * time.Millisecond, Poll: 10 * time.Millisecond, Registerer: prometheus.NewRegistry()})
	awaitSends(t, srv, 1)
	if d := time.Since(start); d < time.Second {
		t.Errorf("sent %v after a 429 with retry_after 1", d)
	}
	f := srv.Failures()
	if len(f) != 3 || f[0].Code != 429 || f[1].Code != 502 || f[2].Code != 502 {
		t.Errorf("failures %v", f)
	}
	if f[1].At.Sub(f[0].At) < time.Second {
		t.Errorf("retried %v after 429 retry_after 1", f[1].At.Sub(f[0].At))
	}
	m, _ := s.OutboxMessage(ctx, "a")
	waitState(t, s, "a", quickwin.OutboxSent)
	if m, _ = s.OutboxMessage(ctx, "a"); m.Attempts != 2 {
		t.Errorf("attempts %d, want 2 (the 429 does not count)", m.Attempts)
	}
}

// waitState waits for the dispatcher to store a message's outcome, which
// follows the send by one database write.
func waitState(t *testing.T, s interface {
	OutboxMessage(context.Context, string) (*quickwin.OutboxMessage, error)
}, key string, want quickwin.OutboxState) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		m, err := s.OutboxMessage(ctx, key)
		if err == nil && m.State == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: state %+v, want %s", key, m, want)
		}
		time.Sleep(5 * time.Millisecond) // polls a database write, not a timing assumption
	}
}

func TestDispatcherGivesUpAndBlocked(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	srv.BlockUser(555)
	srv.FailNext("sendMessage", 3, 500, 0)
	if _, err := s.Enqueue(ctx, outMsg("flaky", 777, "x")); err != nil {
		t.Fatal(err)
	}
	blocked := make(chan int64, 1)
	reg := prometheus.NewRegistry()
	stop := runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv)}), Owner: "d",
		BackoffBase: 10 * time.Millisecond, Poll: 10 * time.Millisecond, MaxAttempts: 3, Registerer: reg,
		Blocked: func(_ context.Context, chat int64) error { blocked <- chat; return nil }})
	srv.WaitCalls(t, "sendMessage", 3)
	waitState(t, s, "flaky", quickwin.OutboxFailed)
	if m, _ := s.OutboxMessage(ctx, "flaky"); m.Attempts != 3 {
		t.Errorf("gave up after %d attempts, want 3", m.Attempts)
	}
	if _, err := s.Enqueue(ctx, outMsg("blocked", 555, "y")); err != nil {
		t.Fatal(err)
	}
	select {
	case chat := <-blocked:
		if chat != 555 {
			t.Errorf("Blocked(%d), want 555", chat)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("Blocked hook not called; failures %v", srv.Failures())
	}
	stop()
	if m, _ := s.OutboxMessage(ctx, "blocked"); m.State != quickwin.OutboxFailed || m.Attempts != 1 {
		t.Errorf("blocked message %+v", m)
	}
	if got := counter(t, reg, "quickwin_outbox_failed_total"); got != 2 {
		t.Errorf("failed counter %v, want 2", got)
	}
	if len(srv.SentTo(555)) != 0 || len(srv.SentTo(777)) != 0 {
		t.Error("something was delivered")
	}
}
