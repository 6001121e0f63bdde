package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/telegramtest"
)

// TestRestartTakesItsOwnLeasesBack: a process that died held the poller
// lease and had claimed an outbox message, both for ten more minutes. The
// next process with the same identity (kept in the data dir) polls and
// sends at once, instead of waiting for them to expire: the answer to
// /start and the message arrive while the dead one's lease still runs.
func TestRestartTakesItsOwnLeasesBack(t *testing.T) {
	dir := t.TempDir()
	cfg := &Config{DataDir: dir}
	id, err := instanceID(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := instanceID(cfg); again != id {
		t.Fatalf("identity changed between runs: %q, then %q", id, again)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "instance-id")); strings.TrimSpace(string(b)) != id {
		t.Fatalf("identity not kept in the data dir: %q", b)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	deadUntil := time.Now().Add(10 * time.Minute)
	if ok, err := s.TakeLease(ctx, scheduler.PollerLease, id, 10*time.Minute); !ok || err != nil {
		t.Fatalf("take lease: %v %v", ok, err)
	}
	if _, err := s.Enqueue(ctx, quickwin.OutboxMessage{Key: "left-behind", TenantID: "t", ChatID: 7, Text: "pesan yang tertinggal", Priority: 10}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ClaimOutbox(ctx, id, 10, time.Now(), 10*time.Minute); err != nil || len(got) != 1 {
		t.Fatalf("claim: %v %v", got, err)
	}
	_ = s.Close(ctx)

	srv := telegramtest.New(t)
	env := map[string]string{
		"QW_TELEGRAM_TOKEN":        srv.Token(),
		"QW_TELEGRAM_API_ENDPOINT": srv.APIEndpoint(),
		"QW_DATA_DIR":              dir,
		"QW_LISTEN":                "127.0.0.1:0",
		"QW_LOG_LEVEL":             "error",
	}
	runCtx, cancel := context.WithCancel(ctx)
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Ready: ready}
		done <- m.Run(runCtx, nil)
	}()
	<-ready
	ana := srv.NewUser(7, "Ana", "id")
	ana.Send("/start")
	srv.WaitText(t, 7, "pesan yang tertinggal")
	srv.WaitText(t, 7, "belum terdaftar")
	if time.Now().After(deadUntil) {
		t.Fatal("the test took as long as the dead process's lease: nothing was shown")
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}
