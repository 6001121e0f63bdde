package scheduler_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

const helperWorkers = 4

// TestKillNineMidBroadcast kills a dispatcher process with SIGKILL in the
// middle of a 200-message broadcast, starts another, and checks that every
// message is delivered and that at most one message per worker of the
// killed dispatcher is delivered twice (sent, but killed before MarkSent).
func TestKillNineMidBroadcast(t *testing.T) {
	cfg := storetest.Config(t)
	s, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	srv := telegramtest.New(t, telegramtest.WithTimeout(60*time.Second))
	srv.EnforceRateLimits(true)
	const n = 200
	var msgs []quickwin.OutboxMessage
	for i := range n {
		msgs = append(msgs, outMsg(fmt.Sprint("k", i), int64(5000+i), fmt.Sprint("siaran ", i)))
	}
	if _, err := s.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	killAt := 20 + rand.IntN(n-40)
	child := func(owner string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDispatcher$", "-test.v")
		cmd.Env = append(os.Environ(), "QW_HELPER_DISPATCHER=1", "QW_HELPER_URI="+cfg.URI, "QW_HELPER_DB="+cfg.Database,
			"QW_HELPER_API="+srv.APIEndpoint(), "QW_HELPER_TOKEN="+srv.Token(), "QW_HELPER_OWNER="+owner)
		cmd.Stderr = os.Stderr
		return cmd
	}
	first := child("first")
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	awaitSends(t, srv, killAt)
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	sentAtKill := len(srv.Sent())

	second := child("second")
	out, err := second.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	defer second.Process.Kill()
	drained := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "DRAINED") {
				drained <- true
				return
			}
		}
		drained <- false
	}()
	select {
	case ok := <-drained:
		if !ok {
			t.Fatal("second dispatcher exited without draining the outbox")
		}
	case <-time.After(90 * time.Second):
		t.Fatal("second dispatcher did not drain the outbox")
	}
	_ = second.Wait()

	count := map[int64]int{}
	for _, x := range srv.Sent() {
		count[x.ChatID]++
	}
	dups := 0
	for i := range n {
		c := count[int64(5000+i)]
		if c == 0 {
			t.Errorf("message %d never delivered", i)
		}
		dups += max(c-1, 0)
	}
	t.Logf("killed after %d sends (asked for %d); duplicates: %d (bound %d); 429s: %d", sentAtKill, killAt, dups, helperWorkers, srv.Count429())
	if dups > helperWorkers {
		t.Errorf("%d duplicates, want at most %d (one per worker in flight at the kill)", dups, helperWorkers)
	}
	if left, _ := s.CountOutbox(ctx, quickwin.OutboxPending); left != 0 {
		t.Errorf("%d messages still pending", left)
	}
}

// TestHelperDispatcher is the dispatcher process of TestKillNineMidBroadcast;
// it runs only when started by it.
func TestHelperDispatcher(t *testing.T) {
	if os.Getenv("QW_HELPER_DISPATCHER") != "1" {
		t.Skip("helper process of TestKillNineMidBroadcast")
	}
	s, err := store.Open(ctx, store.Config{URI: os.Getenv("QW_HELPER_URI"), Database: os.Getenv("QW_HELPER_DB"), PoolSize: 1, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(os.Getenv("QW_HELPER_TOKEN"), os.Getenv("QW_HELPER_API"))
	if err != nil {
		t.Fatal(err)
	}
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{
		Queue: s, Sender: telegram.NewClient(telegram.ClientConfig{API: bot}), Owner: os.Getenv("QW_HELPER_OWNER"),
		Workers: helperWorkers, MaxInflight: 16, Lease: 5 * time.Second, SendTimeout: 2 * time.Second, Poll: 100 * time.Millisecond, Logger: quiet,
	})
	c, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Run(c) }()
	for { // report when nothing is left to send, for the parent to check
		time.Sleep(200 * time.Millisecond)
		p, err1 := s.CountOutbox(ctx, quickwin.OutboxPending)
		q, err2 := s.CountOutbox(ctx, quickwin.OutboxSending)
		if err1 == nil && err2 == nil && p+q == 0 {
			break
		}
	}
	cancel()
	<-done
	fmt.Println("DRAINED")
}
