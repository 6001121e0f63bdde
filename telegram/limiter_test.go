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
