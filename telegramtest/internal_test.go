package telegramtest

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTB captures Fatalf so the failure path itself can be tested.
type fakeTB struct {
	testing.TB
	mu  sync.Mutex
	msg string
}

func (f *fakeTB) Helper()                  {}
func (f *fakeTB) Context() context.Context { return context.Background() }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.msg = fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}

func runFake(fn func(tb *fakeTB)) string {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.msg
}

func TestTimeoutFailsWithDump(t *testing.T) {
	srv := New(t, WithTimeout(50*time.Millisecond))
	srv.mu.Lock()
	srv.recordLocked(Sent{Method: "sendMessage", ChatID: 42, MessageID: 1, Text: "Hello there"})
	srv.mu.Unlock()
	u := srv.NewUser(42, "A", "en")
	msg := runFake(func(tb *fakeTB) { u.WaitText(tb, "Goodbye") })
	for _, want := range []string{"timed out", `containing "Goodbye"`, `"Hello there"`, "recorded sends (1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("failure message lacks %q:\n%s", want, msg)
		}
	}
}

func TestCommandEntity(t *testing.T) {
	for text, want := range map[string]int{
		"/start": 6, "/start args": 6, "/report@quickwin_test_bot x": 25, "/foo-bar": 4,
		"hello": 0, "/": 0, "/ x": 0,
	} {
		got := 0
		if e := commandEntity(text); e != nil {
			got = e[0].Length
		}
		if got != want {
			t.Errorf("%q: length %d, want %d", text, got, want)
		}
	}
}
