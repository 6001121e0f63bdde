package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
)

// seed makes a tenant with one OPD, its head and a quick win due in three
// days, in the embedded database under dir.
func seed(t *testing.T, dir string, now time.Time) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	s.Now = func() time.Time { return now }
	tn, _ := s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
	admin, _ := s.EnsureAdmin(ctx, tn.ID, 1)
	if _, err := s.CreateOPD(ctx, admin, quickwin.OPD{TenantID: tn.ID, Code: "DINKES", Name: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	inv, _ := s.CreateInvite(ctx, admin, quickwin.RoleHead, "DINKES")
	if _, err := s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: 2, Name: "Dewi", LangCode: "id"}); err != nil {
		t.Fatal(err)
	}
	c := &quickwin.Commitment{TenantID: tn.ID, OPDCode: "DINKES", Title: "Posyandu digital", Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter,
		Target: 100, Unit: "posyandu", Status: quickwin.StatusActive, Start: now.AddDate(0, -2, 0), Deadline: now.AddDate(0, 0, 3)}
	if err := s.CreateCommitment(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
}

func TestJobListRunAndExport(t *testing.T) {
	dir := t.TempDir()
	wib, _ := time.LoadLocation("Asia/Jakarta")
	at := time.Date(2027, 3, 24, 7, 0, 0, 0, wib) // a Wednesday
	seed(t, dir, at)
	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error"}

	code, out, errOut := run(t, env, "job", "list")
	if code != 0 || !strings.Contains(out, "reminders") || !strings.Contains(out, "0 7 * * *") || !strings.Contains(out, "WIB") {
		t.Fatalf("job list: %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, env, "job", "run", "reminders", "--at", at.Format(time.RFC3339))
	if code != 0 || !strings.Contains(out, "queued 1 message") {
		t.Fatalf("job run: %d %q %q", code, out, errOut)
	}
	// Running it again queues nothing new.
	if code, out, _ := run(t, env, "job", "run", "reminders", "--at", at.Format(time.RFC3339)); code != 0 || !strings.Contains(out, "queued 0 message") {
		t.Errorf("second run: %d %q", code, out)
	}
	if code, _, errOut := run(t, env, "job", "run", "nope"); code != exitUsage || !strings.Contains(errOut, "unknown job") {
		t.Errorf("unknown job: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, env, "job", "run", "reminders", "--at", "tomorrow"); code != exitUsage || !strings.Contains(errOut, "RFC 3339") {
		t.Errorf("bad --at: %d %q", code, errOut)
	}

	xlsx := filepath.Join(t.TempDir(), "qw.xlsx")
	code, out, errOut = run(t, env, "export", "--out", xlsx)
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	data, err := os.ReadFile(xlsx)
	if err != nil || len(data) < 100 || string(data[:2]) != "PK" {
		t.Errorf("export file: %d bytes, %v", len(data), err)
	}
	if code, _, _ := run(t, env, "export"); code != exitUsage {
		t.Errorf("export without --out: %d", code)
	}
}
