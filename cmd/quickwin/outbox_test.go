package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
)

// TestOutboxList: the IT team sees what the bot gave up delivering and
// why, newest first, and what still waits with --state pending.
func TestOutboxList(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error", "QW_ADMIN_IDS": "1"}
	if code, out, errOut := run(t, env, "outbox", "list"); code != 0 || !strings.Contains(out, "no failed messages") {
		t.Fatalf("empty outbox: %d %q %q", code, out, errOut)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, 3, 25, 7, 0, 0, 0, time.UTC)
	if _, err := s.Enqueue(ctx,
		quickwin.OutboxMessage{Key: "reminder/42/DINKES-01/2027-03-25/d3", TenantID: "default", ChatID: 42, Text: "x", CreatedAt: at},
		quickwin.OutboxMessage{Key: "digest/43/2027-02", TenantID: "default", ChatID: 43, Text: "y", CreatedAt: at.Add(time.Hour)},
		quickwin.OutboxMessage{Key: "prompt/44/2027-03", TenantID: "default", ChatID: 44, Text: "z", CreatedAt: at.Add(2 * time.Hour)},
	); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.ClaimOutbox(ctx, "test", 2, at.Add(3*time.Hour), time.Minute)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim: %d %v", len(claimed), err)
	}
	for _, m := range claimed {
		if err := s.MarkFailed(ctx, "test", m.Key, "Forbidden: bot was blocked by the user"); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.Close(ctx)

	code, out, errOut := run(t, env, "outbox", "list")
	if code != 0 || !strings.Contains(out, "bot was blocked by the user") || strings.Contains(out, "prompt/44") {
		t.Fatalf("outbox list: %d %q %q", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "digest/43") || !strings.Contains(lines[2], "reminder/42") {
		t.Errorf("want a header and the two failed messages, newest first:\n%s", out)
	}
	if code, out, _ := run(t, env, "outbox", "list", "--state", "failed", "--limit", "1"); code != 0 || !strings.Contains(out, "1 of 2 failed messages shown") {
		t.Errorf("--limit 1: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "outbox", "list", "--state", "pending"); code != 0 || !strings.Contains(out, "prompt/44") || strings.Contains(out, "digest/43") {
		t.Errorf("--state pending: %d %q", code, out)
	}
	for _, bad := range [][]string{{"outbox", "list", "--state", "lost"}, {"outbox", "list", "--limit", "0"}, {"outbox"}} {
		if code, _, _ := run(t, env, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
