package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"quickwin"
	"quickwin/store/storetest"
)

func msg(key string, chat int64, prio int) quickwin.OutboxMessage {
	return quickwin.OutboxMessage{Key: key, TenantID: "t1", ChatID: chat, Text: "hi " + key, Priority: prio}
}

func TestEnqueueIsIdempotentByKey(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	n, err := s.Enqueue(ctx, msg("a", 1, 10), msg("b", 2, 10))
	if err != nil || n != 2 {
		t.Fatalf("Enqueue = %d, %v; want 2 new", n, err)
	}
	// Again, with one new message in the middle and a duplicate within the call.
	n, err = s.Enqueue(ctx, msg("a", 1, 10), msg("c", 3, 10), msg("b", 2, 10), msg("c", 3, 10))
	if err != nil || n != 1 {
		t.Fatalf("Enqueue again = %d, %v; want 1 new", n, err)
	}
	m, err := s.OutboxMessage(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	if m.State != quickwin.OutboxPending || !m.NextAttempt.Equal(now) || !m.CreatedAt.Equal(now) {
		t.Errorf("stored %+v, want pending and due now", m)
	}
	if _, err := s.Enqueue(ctx, quickwin.OutboxMessage{Key: "", ChatID: 1}); quickwin.ErrorCode(err) != quickwin.EINVALID {
		t.Errorf("empty key: got %v, want EINVALID", err)
	}
}

func TestClaimOrderLeaseAndExpiry(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	if _, err := s.Enqueue(ctx, msg("b1", 1, 10), msg("b2", 1, 10), msg("b3", 1, 10)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Second)
	if _, err := s.Enqueue(ctx, msg("urgent", 2, 0)); err != nil {
		t.Fatal(err)
	}
	got, err := s.ClaimOutbox(ctx, "d1", 3, now, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if keys := keysOf(got); fmt.Sprint(keys) != "[urgent b1 b2]" {
		t.Fatalf("claimed %v, want [urgent b1 b2] (priority, then enqueue order)", keys)
	}
	if got[0].State != quickwin.OutboxSending || got[0].ClaimedBy != "d1" || !got[0].ClaimedUntil.Equal(now.Add(time.Minute)) {
		t.Errorf("claimed message %+v", got[0])
	}
	// Another dispatcher gets only what is left.
	other, _ := s.ClaimOutbox(ctx, "d2", 10, now, time.Minute)
	if keys := keysOf(other); fmt.Sprint(keys) != "[b3]" {
		t.Fatalf("d2 claimed %v, want [b3]", keys)
	}
	// d1 dies; after its lease d2 re-claims its messages.
	if more, _ := s.ClaimOutbox(ctx, "d2", 10, now.Add(59*time.Second), time.Minute); len(more) != 0 {
		t.Fatalf("claimed %v before the lease expired", keysOf(more))
	}
	later := now.Add(61 * time.Second)
	more, err := s.ClaimOutbox(ctx, "d2", 10, later, time.Minute)
	if err != nil || len(more) != 4 {
		t.Fatalf("after expiry claimed %v, %v; want all 4 (every claim expired)", keysOf(more), err)
	}
	// d1 wakes up: its claim is lost, so it cannot reschedule the message...
	if err := s.MarkRetry(ctx, "d1", "b1", later, "502"); quickwin.ErrorCode(err) != quickwin.ECONFLICT {
		t.Errorf("MarkRetry by the old owner: %v, want ECONFLICT", err)
	}
	// ...but a send it finished still counts: the message went out.
	if err := s.MarkSent(ctx, "d1", "b1"); err != nil {
		t.Errorf("MarkSent by the old owner: %v", err)
	}
	if m, _ := s.OutboxMessage(ctx, "b1"); m.State != quickwin.OutboxSent {
		t.Errorf("b1 is %s, want sent", m.State)
	}
}

func TestMarkRetryPostponeFailed(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	photo := msg("p", 1, 10)
	photo.Photo = []byte("PNG")
	photo.Buttons = [][]quickwin.Button{{{Text: "Lapor", Data: "rp:1"}, {Text: "Web", URL: "https://example.org"}}, {{Text: "Ok", Data: "ok"}}}
	if _, err := s.Enqueue(ctx, photo, msg("r", 2, 10), msg("z", 3, 10), msg("f", 4, 10)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutbox(ctx, "d", 10, now, time.Minute); err != nil {
		t.Fatal(err)
	}
	next := now.Add(30 * time.Second)
	if err := s.MarkSent(ctx, "d", "p"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRetry(ctx, "d", "r", next, "502 Bad Gateway"); err != nil {
		t.Fatal(err)
	}
	if err := s.Postpone(ctx, "d", "z", next, "429"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, "d", "f", "403 Forbidden"); err != nil {
		t.Fatal(err)
	}
	check := func(key string, state quickwin.OutboxState, attempts int) *quickwin.OutboxMessage {
		t.Helper()
		m, err := s.OutboxMessage(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if m.State != state || m.Attempts != attempts {
			t.Errorf("%s: state %s attempts %d, want %s %d", key, m.State, m.Attempts, state, attempts)
		}
		return m
	}
	if m := check("p", quickwin.OutboxSent, 0); m.Photo != nil || !m.SentAt.Equal(now) {
		t.Errorf("sent message keeps photo %q, sent_at %v", m.Photo, m.SentAt)
	} else if fmt.Sprint(m.Buttons) != fmt.Sprint(photo.Buttons) {
		t.Errorf("buttons %v, want %v", m.Buttons, photo.Buttons)
	}
	check("r", quickwin.OutboxPending, 1)
	check("z", quickwin.OutboxPending, 0)
	check("f", quickwin.OutboxFailed, 1)
	if got, _ := s.ClaimOutbox(ctx, "d", 10, next.Add(-time.Millisecond), time.Minute); len(got) != 0 {
		t.Errorf("claimed %v before next attempt", keysOf(got))
	}
	if got, _ := s.ClaimOutbox(ctx, "d", 10, next, time.Minute); len(got) != 2 {
		t.Errorf("claimed %v at next attempt, want r and z", keysOf(got))
	}
	// A re-enqueue of a sent message stays sent.
	if n, _ := s.Enqueue(ctx, photo); n != 0 {
		t.Errorf("re-enqueue of a sent message: %d new", n)
	}
	now = now.Add(48 * time.Hour)
	if n, err := s.PruneOutbox(ctx, now.Add(-24*time.Hour)); err != nil || n != 2 {
		t.Errorf("PruneOutbox = %d, %v; want the sent and the failed one", n, err)
	}
	if n, _ := s.CountOutbox(ctx, quickwin.OutboxSending); n != 2 {
		t.Errorf("sending = %d, want 2", n)
	}
}

// TestConcurrentClaimsOnOneStore: dispatchers of one process share the
// store's connection, and each message is claimed exactly once.
func TestConcurrentClaimsOnOneStore(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	var msgs []quickwin.OutboxMessage
	for i := range 60 {
		msgs = append(msgs, msg(fmt.Sprintf("m%02d", i), int64(i+1), 10))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprint("d", w)
			for {
				got, err := s.ClaimOutbox(ctx, owner, 5, now, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					if prev, dup := seen[m.Key]; dup {
						t.Errorf("%s claimed by %s and %s", m.Key, prev, owner)
					}
					seen[m.Key] = owner
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Errorf("claimed %d messages, want 60", len(seen))
	}
}

func keysOf(ms []quickwin.OutboxMessage) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Key)
	}
	return out
}
