package scheduler_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// TestOneChatsRateLimitDoesNotHoldOthers: Telegram answers one chat 429
// with retry_after 40; the other chats' messages all go out while that
// chat is still paused, and its message follows after the pause.
func TestOneChatsRateLimitDoesNotHoldOthers(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	srv.EnforceRateLimits(true)
	const slow = int64(7)
	msgs := []quickwin.OutboxMessage{outMsg("slow", slow, "pesan untuk chat yang lambat")}
	for i := range 90 {
		msgs = append(msgs, outMsg(fmt.Sprint("o", i), int64(3000+i), fmt.Sprint("siaran ", i)))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	srv.FailChat(slow, 1, telegramtest.Fault{Code: 429, RetryAfter: 40})
	client := telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv), Log: quiet})
	runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: client, Owner: "d", Poll: 50 * time.Millisecond})
	// Every other chat's message is a signal; had the 429 paused everything,
	// they would come only after chat 7's 40 s, and chat 7's own first.
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute) // an overall limit for a loaded machine, not a window
	defer cancel()
	for i := range 90 {
		if _, err := srv.Await(wctx, func(x telegramtest.Sent) bool { return x.ChatID == int64(3000+i) }); err != nil {
			t.Fatalf("chat %d: %v", 3000+i, err)
		}
	}
	if got := srv.SentTo(slow); len(got) != 0 {
		t.Errorf("chat %d got %v during its 40 s pause", slow, got)
	}
	m, err := s.OutboxMessage(ctx, "slow")
	if err != nil {
		t.Fatal(err)
	}
	if m.State != quickwin.OutboxPending || m.NextAttempt.Sub(m.CreatedAt) < 39*time.Second {
		t.Errorf("the paused chat's message: %s, next attempt %s after it was queued; want pending for retry_after 40 s", m.State, m.NextAttempt.Sub(m.CreatedAt))
	}
	if n := srv.Count429(); n != 1 {
		t.Errorf("%d answers 429, want only the injected one:\n%v", n, srv.Failures())
	}
}

// TestRepliesAndOutboxShareTheLimits: the bot's replies and a broadcast
// from the outbox go through one client and one limiter, so that together
// they keep Telegram's limits (the fake enforces them: 0 answers 429),
// although replies and broadcast go to the same chats at the same time.
func TestRepliesAndOutboxShareTheLimits(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	srv.EnforceRateLimits(true)
	var msgs []quickwin.OutboxMessage
	for i := range 60 {
		msgs = append(msgs, outMsg(fmt.Sprint("b", i), int64(4000+i), fmt.Sprint("siaran ", i)))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv), Log: quiet})
	client.MaxReplyWait = time.Minute // this test counts 429s, not patience
	runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: client, Owner: "d", Poll: 50 * time.Millisecond})
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 { // half to chats the broadcast also reaches
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(4000 + i*3/2)
			if _, err := client.Reply(context.Background(), telegram.Message{ChatID: chat, Text: fmt.Sprint("balasan ", i)}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	awaitSends(t, srv, 100)
	if n := srv.Count429(); n != 0 {
		t.Errorf("%d answers 429, want 0:\n%v", n, srv.Failures())
	}
}

// TestStoppedDispatcherGivesItsClaimsBack: messages a dispatcher claimed
// and had not sent when it stopped (SIGTERM) are at once free for another
// instance, not after the claim lease.
func TestStoppedDispatcherGivesItsClaimsBack(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	var msgs []quickwin.OutboxMessage
	for i := range 4 { // one chat: one message a second, so three wait
		msgs = append(msgs, outMsg(fmt.Sprint("w", i), 77, fmt.Sprint("bagian ", i)))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv), Log: quiet})
	stop := runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: client, Owner: "d", Poll: 50 * time.Millisecond})
	awaitSends(t, srv, 1)
	stop()
	stoppedAt := time.Now()
	sent := len(srv.SentTo(77))
	left, err := s.OutboxMessages(ctx, "t1", quickwin.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	if len(left)+sent != 4 {
		t.Fatalf("%d sent and %d pending after the stop, want 4 in all (none still claimed)", sent, len(left))
	}
	for _, m := range left {
		if m.NextAttempt.After(stoppedAt) {
			t.Errorf("%s due %s after the stop, want at once", m.Key, m.NextAttempt.Sub(stoppedAt))
		}
	}
}

// TestClaimsAreRenewedWhileWorkedOn: a dispatcher's claims last only its
// lease (here 2 s), yet messages waiting for their chat's turn (one a
// second) longer than that keep their claim — it is renewed — and each
// goes out once.
func TestClaimsAreRenewedWhileWorkedOn(t *testing.T) {
	s := storetest.New(t)
	srv := telegramtest.New(t)
	var msgs []quickwin.OutboxMessage
	for i := range 6 {
		msgs = append(msgs, outMsg(fmt.Sprint("r", i), 88, fmt.Sprint("bagian ", i)))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: newBot(t, srv), Log: quiet})
	runDispatcher(t, scheduler.DispatcherConfig{Queue: s, Sender: client, Owner: "d",
		Lease: 2 * time.Second, RenewEvery: 300 * time.Millisecond, SendTimeout: 500 * time.Millisecond, Poll: 50 * time.Millisecond})
	awaitSends(t, srv, 4) // about 3 s after the claim: past the first lease
	held, err := s.OutboxMessages(ctx, "t1", quickwin.OutboxSending)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, m := range held {
		if !m.ClaimedUntil.After(now) {
			t.Errorf("%s: claim ran out %s ago while waiting for its turn", m.Key, now.Sub(m.ClaimedUntil))
		}
	}
	awaitSends(t, srv, 6)
	if got := srv.SentTo(88); len(got) != 6 {
		t.Errorf("%d messages sent, want each of the 6 once", len(got))
	}
}
