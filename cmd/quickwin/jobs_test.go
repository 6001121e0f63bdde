package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

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
	s.Clock = quickwin.ClockFunc(func() time.Time { return now })
	tn, _ := s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
	admin, _ := s.EnsureAdmin(ctx, tn.ID, 1)
	if _, err := s.CreateOPD(ctx, admin, quickwin.OPD{TenantID: tn.ID, Code: "DINKES", Name: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	inv, _ := s.CreateInvite(ctx, admin, quickwin.RoleHead, "DINKES")
	if _, err := s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: 2, Name: "Dewi", Lang: "id"}); err != nil {
		t.Fatal(err)
	}
	c := &quickwin.QuickWin{TenantID: tn.ID, OPDCode: "DINKES", Title: "Posyandu digital", Kind: quickwin.KindNumeric, Direction: quickwin.HigherIsBetter,
		Target: 100, Unit: "posyandu", Status: quickwin.StatusActive, Start: now.AddDate(0, -2, 0), Deadline: now.AddDate(0, 0, 3)}
	if err := s.CreateQuickWin(ctx, admin, c); err != nil {
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

// TestMongoListenExposesTheEmbeddedDatabase: with QW_MONGODB_LISTEN the
// embedded database answers on that address, so mongosh or Compass can
// look in while the bot runs.
func TestMongoListenExposesTheEmbeddedDatabase(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string {
		return map[string]string{"QW_DATA_DIR": dir, "QW_MONGODB_LISTEN": addr, "QW_LOG_LEVEL": "error"}[k]
	}}
	cfg, _, err := parseConfig("test", nil, m.Getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	m.Clock = quickwin.SystemClock{}
	s, tn, err := m.openStore(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	client, err := mongo.Connect(options.Client().ApplyURI("mongodb://" + addr + "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	var got quickwin.Tenant
	if err := client.Database("quickwin").Collection("tenants").FindOne(context.Background(), bson.D{}).Decode(&got); err != nil || got.ID != tn.ID {
		t.Fatalf("tenant through %s: %+v, %v", addr, got, err)
	}
}

// TestTenantAdd: a second regency with its own zone and admin; its admin
// acts in it, the first tenant's admin in the first.
func TestTenantAdd(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error", "QW_ADMIN_IDS": "1"}
	code, out, errOut := run(t, env, "tenant", "add", "Kabupaten Majene", "--zone", "Asia/Makassar", "--admins", "77")
	if code != 0 || !strings.Contains(out, "Asia/Makassar") {
		t.Fatalf("tenant add: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, env, "tenant", "list")
	if code != 0 || !strings.Contains(out, "Kabupaten Majene") || !strings.Contains(out, "default") {
		t.Errorf("tenant list: %d %q", code, out)
	}
	for _, bad := range [][]string{
		{"tenant", "add", "X"},                    // no admin
		{"tenant", "add", "X", "--admins", "abc"}, // not an id
		{"tenant", "add", "X", "--admins", "5", "--language", "fr"},
	} {
		if code, _, _ := run(t, env, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errOut := run(t, env, "tenant", "add", "X", "--admins", "5", "--zone", "Mars/Olympus"); code != exitError || !strings.Contains(errOut, "time zone") {
		t.Errorf("bad zone: %d %q", code, errOut)
	}
	s, err := store.Open(context.Background(), store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	m, err := s.MemberByTelegramID(context.Background(), 77)
	if err != nil || m.Role != quickwin.RoleAdmin || m.TenantID == "default" {
		t.Fatalf("admin of the new tenant: %+v %v", m, err)
	}
	tn, _ := s.Tenant(context.Background(), m.TenantID)
	if tn.TimeZone != "Asia/Makassar" || tn.Name != "Kabupaten Majene" {
		t.Errorf("new tenant: %+v", tn)
	}
}

// TestJobRunComputesAsOfAt: `job run digest --at` renders everything as of
// that time — the month, "Status per …", what is late — not as of the wall
// clock of the machine that runs it.
func TestJobRunComputesAsOfAt(t *testing.T) {
	dir := t.TempDir()
	wib, _ := time.LoadLocation("Asia/Jakarta")
	seed(t, dir, time.Date(2026, 11, 27, 9, 0, 0, 0, wib)) // due 30 November: late in December
	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error"}
	code, out, errOut := run(t, env, "job", "run", "digest", "--at", "2027-01-05T08:00:00+07:00")
	if code != 0 || !strings.Contains(out, "queued") {
		t.Fatalf("job run: %d %q %q", code, out, errOut)
	}
	s, err := store.Open(context.Background(), store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	msgs, err := s.OutboxMessages(context.Background(), "default", quickwin.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, m := range msgs {
		if m.ChatID == 1 { // the admin receives the leaders' digest
			text.WriteString(m.Text + "\n")
		}
	}
	for _, want := range []string{"Desember 2026", "Status per 5 Januari 2027", "Terlambat (1)", "DINKES-01"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the digest run --at 5 January 2027 lacks %q:\n%s", want, text.String())
		}
	}
}
