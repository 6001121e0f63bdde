package telegram

import (
	"testing"
	"time"
)

// TestLimiterForgetsIdleChats: a broadcast to many chats must not leave
// one entry per chat behind for ever.
func TestLimiterForgetsIdleChats(t *testing.T) {
	l := NewLimiter(DefaultLimits())
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	for chat := int64(1); chat <= 100; chat++ {
		_, ticket := l.Plan(chat, now)
		if _, ok := l.Reserve(chat, now, Bulk); !ok {
			// The global window is full: the rest wait; still tracked.
			l.Release(chat, ticket)
			continue
		}
		l.Release(chat, ticket)
	}
	if n := l.size(); n != 100 {
		t.Fatalf("tracked %d chats, want 100", n)
	}
	// Over a minute later every chat is idle: the next reservation prunes.
	later := now.Add(2 * time.Minute)
	_, ticket := l.Plan(7, later)
	if _, ok := l.Reserve(7, later, Bulk); !ok {
		t.Fatal("an idle chat could not send")
	}
	l.Release(7, ticket)
	if n := l.size(); n != 1 {
		t.Errorf("tracked %d chats after pruning, want 1 (the one just used)", n)
	}
}

// TestRateLimitPausesOnlyThatChat: a 429 with retry_after 40 for one chat
// pauses that chat, not the others; only 429s in several chats within a
// short span pause everything.
func TestRateLimitPausesOnlyThatChat(t *testing.T) {
	l := NewLimiter(DefaultLimits())
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	if l.BackOff(1, now, now.Add(40*time.Second)) {
		t.Fatal("one chat's 429 paused everything")
	}
	if at, ok := l.Reserve(1, now, Bulk); ok || !at.Equal(now.Add(40*time.Second)) {
		t.Errorf("paused chat: Reserve = %v, %v; want to wait until +40 s", at.Sub(now), ok)
	}
	if _, ok := l.Reserve(2, now, Bulk); !ok {
		t.Error("another chat waits for the first chat's 429")
	}
	// The same chat again is still one chat.
	if l.BackOff(1, now.Add(time.Second), now.Add(41*time.Second)) {
		t.Fatal("two 429s of one chat paused everything")
	}
	l.BackOff(3, now.Add(2*time.Second), now.Add(5*time.Second))
	if !l.BackOff(4, now.Add(3*time.Second), now.Add(6*time.Second)) {
		t.Fatal("429s in three chats within seconds did not pause everything")
	}
	if _, ok := l.Reserve(5, now.Add(3*time.Second), Bulk); ok {
		t.Error("a global pause let a send through")
	}
	// 429s spread out in time stay per chat.
	l2 := NewLimiter(DefaultLimits())
	for i := range 5 {
		at := now.Add(time.Duration(i) * GlobalWindow)
		if l2.BackOff(int64(10+i), at, at.Add(time.Second)) {
			t.Fatalf("429 #%d, %s apart from the last, paused everything", i+1, GlobalWindow)
		}
	}
}

// TestRepliesGoBeforeBulk: while a reply waits for a slot, bulk sends step
// back.
func TestRepliesGoBeforeBulk(t *testing.T) {
	l := NewLimiter(DefaultLimits())
	now := time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)
	l.waitingReply(1)
	if _, ok := l.Reserve(7, now, Bulk); ok {
		t.Error("a bulk send went while a reply waited")
	}
	if _, ok := l.Reserve(8, now, Reply); !ok {
		t.Error("the reply did not get its slot")
	}
	l.waitingReply(-1)
	if _, ok := l.Reserve(7, now, Bulk); !ok {
		t.Error("bulk still waits after the reply went")
	}
}

// size is the number of chats tracked (the tests check pruning).
func (l *Limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}
