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
// message is delivered, that at most one message per worker of the killed
// dispatcher is delivered twice (sent, but killed before MarkSent), and
// that what the killed one held is free for another within its claim lease
// (renewed claims, not a two-minute lease). The lease is 8 s here so that
// the suite does not wait out production's 25 s;
// QW_TEST_CLAIM_LEASE=25s measures the default.
func TestKillNineMidBroadcast(t *testing.T) {
	lease := killTestLease(t)
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
			"QW_HELPER_API="+srv.APIEndpoint(), "QW_HELPER_TOKEN="+srv.Token(), "QW_HELPER_OWNER="+owner,
			"QW_TEST_CLAIM_LEASE="+lease.String())
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
	killedAt := time.Now()
	sentAtKill := len(srv.Sent())
	held, err := s.OutboxMessages(ctx, "t1", quickwin.OutboxSending)
	if err != nil {
		t.Fatal(err)
	}
	heldChats := map[int64]bool{}
	for _, m := range held {
		if m.ClaimedBy == "first" {
			heldChats[m.ChatID] = true
			if m.ClaimedUntil.After(killedAt.Add(lease)) {
				t.Errorf("%s claimed until %s after the kill, more than the %s lease", m.Key, m.ClaimedUntil.Sub(killedAt), lease)
			}
		}
	}

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
	// No fixed window: the drain is a signal; a hang is the test timeout's.
	if ok := <-drained; !ok {
		t.Fatal("second dispatcher exited without draining the outbox")
	}
	_ = second.Wait()
	var resent time.Duration
	for _, x := range srv.Sent() {
		if heldChats[x.ChatID] && x.At.After(killedAt) {
			resent = max(resent, x.At.Sub(killedAt))
		}
	}
	t.Logf("the killed dispatcher held %d claimed messages; all sent again %.1f s after the kill", len(heldChats), resent.Seconds())

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
		Workers: helperWorkers, MaxInflight: 16, Poll: 100 * time.Millisecond, Logger: quiet,
		Lease: killTestLease(t), RenewEvery: killTestLease(t) / 5, SendTimeout: killTestLease(t) / 2,
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

// killTestLease is the claim lease of TestKillNineMidBroadcast's
// dispatchers: 8 s, or QW_TEST_CLAIM_LEASE.
func killTestLease(t *testing.T) time.Duration {
	v := os.Getenv("QW_TEST_CLAIM_LEASE")
	if v == "" {
		return 8 * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Second {
		t.Fatalf("QW_TEST_CLAIM_LEASE=%q: want a duration of a second or more", v)
	}
	return d
}
