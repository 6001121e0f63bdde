package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// fakeLeases holds one lease that a test hands from owner to owner.
type fakeLeases struct {
	mu     sync.Mutex
	holder string
	fail   bool
}

func (f *fakeLeases) TakeLease(_ context.Context, name, owner string, _ time.Duration) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return false, errors.New("database down")
	}
	if f.holder == "" {
		f.holder = owner
	}
	return f.holder == owner, nil
}

func (f *fakeLeases) ReleaseLease(_ context.Context, name, owner string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.holder == owner {
		f.holder = ""
	}
	return nil
}

func (f *fakeLeases) set(holder string, fail bool) {
	f.mu.Lock()
	f.holder, f.fail = holder, fail
	f.mu.Unlock()
}

// TestElectorRunsOnlyWithTheLease: two instances, one polls; when the
// lease moves, the first stops and the second starts; the lease is given
// back on shutdown.
func TestElectorRunsOnlyWithTheLease(t *testing.T) {
	t.Parallel()
	l := &fakeLeases{}
	events := make(chan string, 16)
	poll := func(name string) func(context.Context) error {
		return func(ctx context.Context) error {
			events <- name + " started"
			<-ctx.Done()
			events <- name + " stopped"
			return nil
		}
	}
	quiet := slog.New(slog.DiscardHandler)

	ctxA, stopA := context.WithCancel(context.Background())
	ctxB, stopB := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = (&Elector{Leases: l, Name: PollerLease, Owner: "a", TTL: time.Minute, Renew: 5 * time.Millisecond, Log: quiet}).Run(ctxA, poll("a"))
	}()
	expect := func(want string) {
		t.Helper()
		select {
		case got := <-events:
			if got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("timed out waiting for %q", want)
		}
	}
	expect("a started")
	go func() {
		defer wg.Done()
		_ = (&Elector{Leases: l, Name: PollerLease, Owner: "b", TTL: time.Minute, Renew: 5 * time.Millisecond, Log: quiet}).Run(ctxB, poll("b"))
	}()
	l.set("b", false) // a's lease expired and b took it
	// The two happen in either order: a learns of the loss at its next
	// renewal (overlaps of up to one renewal are harmless: update claims
	// keep each update handled once).
	expectBoth := func(x, y string) {
		t.Helper()
		seen := map[string]bool{}
		for len(seen) < 2 {
			select {
			case got := <-events:
				if got != x && got != y {
					t.Fatalf("got %q, want %q and %q", got, x, y)
				}
				seen[got] = true
			case <-time.After(5 * time.Second):
				t.Fatalf("timed out waiting for %q and %q", x, y)
			}
		}
	}
	expectBoth("a stopped", "b started")
	l.set("b", true) // the database is unreachable: b cannot tell, so it stops
	expect("b stopped")
	l.set("", false)
	stopA()
	stopB()
	wg.Wait()
	if l.holder != "" {
		t.Errorf("lease still held by %q after both stopped", l.holder)
	}
}
