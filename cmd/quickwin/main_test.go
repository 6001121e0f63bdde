package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"quickwin"
	"strings"
	"sync"
	"testing"
	"time"

	"quickwin/telegramtest"
)

// run runs quickwin in-process with env and returns exit code, stdout and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := run(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "quickwin ") {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ := run(t, nil, "help")
	for _, want := range []string{"QW_TELEGRAM_TOKEN", "QW_MONGODB_URI", "QW_MONGODB_LISTEN", "QW_DATA_DIR", "QW_TIMEZONE", "QW_LANG", "QW_ADMIN_IDS", "QW_WEBHOOK_URL", "QW_WEBHOOK_SECRET", "QW_LISTEN", "opd import", "job run"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help lacks %s", want)
		}
	}
	if code, _, errOut := run(t, nil, "frobnicate"); code != exitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
}

func TestServeWithoutTokenSaysWhereToGetOne(t *testing.T) {
	code, _, errOut := run(t, map[string]string{"QW_DATA_DIR": t.TempDir()}, "serve")
	if code != exitUsage || !strings.Contains(errOut, "@BotFather") || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := run(t, map[string]string{"QW_TIMEZONE": "Mars/Olympus"}, "migrate"); code != exitUsage || !strings.Contains(errOut, "QW_TIMEZONE") {
		t.Errorf("bad time zone: %d %q", code, errOut)
	}
}

func TestOPDImport(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"QW_DATA_DIR": filepath.Join(dir, "data")}
	good := filepath.Join(dir, "opd.csv")
	os.WriteFile(good, []byte("\ufeffkode,nama\nDINKES,Dinas Kesehatan\ndisdik, Dinas  Pendidikan\n\n"), 0o600)
	if code, out, errOut := run(t, env, "opd", "import", good); code != 0 || !strings.Contains(out, "2 new") {
		t.Fatalf("good import: %d %q %q", code, out, errOut)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("code,name\nDINSOS,Dinas Sosial\n1X,Bad code\nDINSOS,Again\nBAPPEDA,B\n"), 0o600)
	code, _, errOut := run(t, env, "opd", "import", bad)
	for _, want := range []string{"line 3: code \"1X\"", "line 4: code DINSOS appears again (first on line 2)", "line 5: name of BAPPEDA"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != exitError {
		t.Errorf("bad import exit %d, want 1", code)
	}
	// Nothing of the bad file was stored: importing DINSOS alone is new.
	os.WriteFile(bad, []byte("code,name\nDINSOS,Dinas Sosial\nDINKES,Dinas Kesehatan Kab.\n"), 0o600)
	if code, out, _ := run(t, env, "opd", "import", bad); code != 0 || !strings.Contains(out, "1 new, 1 updated") {
		t.Errorf("second import: %d %q", code, out)
	}
	noHeader := filepath.Join(dir, "nohdr.csv")
	os.WriteFile(noHeader, []byte("DINKES;Dinas Kesehatan\n"), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", noHeader); code != exitError || !strings.Contains(errOut, "line 1: header must have code,name") {
		t.Errorf("no header: %d %q", code, errOut)
	}
	if code, _, _ := run(t, env, "opd", "import"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
}

// TestServeAnswersStartInBothLanguages runs `quickwin serve` on the embedded
// database against a fake Telegram, checks /healthz and /metrics, and stops
// it the way SIGTERM does.
func TestServeAnswersStartInBothLanguages(t *testing.T) {
	srv := telegramtest.New(t)
	env := map[string]string{
		"QW_TELEGRAM_TOKEN":        srv.Token(),
		"QW_TELEGRAM_API_ENDPOINT": srv.APIEndpoint(),
		"QW_DATA_DIR":              t.TempDir(),
		"QW_LISTEN":                "127.0.0.1:0",
		"QW_ADMIN_IDS":             "1",
		"QW_LOG_LEVEL":             "error",
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var wg sync.WaitGroup
	var code int
	var logs bytes.Buffer
	wg.Add(1)
	go func() {
		defer wg.Done()
		m := &Main{Stdout: io.Discard, Stderr: &logs, Getenv: func(k string) string { return env[k] }, Ready: ready}
		code = m.Run(ctx, []string{"serve"})
	}()
	var addr string
	select {
	case addr = <-ready:
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start: %s", logs.String())
	}

	ana := srv.NewUser(7, "Ana", "id")
	ana.Send("/start")
	if r := ana.NextReply(t); !strings.Contains(r.Text, "Anda belum terdaftar") {
		t.Errorf("id /start: %q", r.Text)
	}
	john := srv.NewUser(8, "John", "en")
	john.Send("/start")
	if r := john.NextReply(t); !strings.Contains(r.Text, "You have not joined yet") {
		t.Errorf("en /start: %q", r.Text)
	}
	admin := srv.NewUser(1, "Admin", "id")
	admin.Send("/help")
	// The admin from QW_ADMIN_IDS writes for the first time: welcomed by name.
	if r := admin.NextReply(t); !strings.Contains(r.Text, "Selamat datang, Admin") {
		t.Errorf("admin's first contact: %q", r.Text)
	}
	if r := admin.NextReply(t); !strings.Contains(r.Text, "/undang") {
		t.Errorf("admin /help: %q", r.Text)
	}
	srv.WaitCalls(t, "setMyCommands", 4) // in the background after the start: 2 languages × 2 scopes
	if _, ok := srv.CommandsFor(telegramtest.CommandScope{Type: "all_private_chats"}, "en"); !ok {
		t.Error("no English command menu")
	}

	for path, want := range map[string]string{"/healthz": "ok", "/metrics": "quickwin_outbox_pending 0"} {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %q", path, res.StatusCode, body)
		}
	}
	cancel() // what SIGTERM does through signal.NotifyContext
	wg.Wait()
	if code != 0 {
		t.Errorf("serve exit %d: %s", code, logs.String())
	}
}

// TestServeWebhookMode sets the webhook with its secret and handles an
// update posted to it; a post without the secret is refused.
func TestServeWebhookMode(t *testing.T) {
	for _, secret := range []string{"rahasia", ""} {
		t.Run("secret="+secret, func(t *testing.T) { testServeWebhookMode(t, secret) })
	}
}

// testServeWebhookMode runs serve in webhook mode with the secret given, or
// none: then a random one is made and given to Telegram, and an update
// without it is refused all the same.
func testServeWebhookMode(t *testing.T, secret string) {
	srv := telegramtest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := map[string]string{
		"QW_TELEGRAM_TOKEN":        srv.Token(),
		"QW_TELEGRAM_API_ENDPOINT": srv.APIEndpoint(),
		"QW_DATA_DIR":              t.TempDir(),
		"QW_LISTEN":                addr,
		"QW_WEBHOOK_URL":           "http://" + addr + "/telegram/hook",
		"QW_WEBHOOK_SECRET":        secret,
		"QW_LOG_LEVEL":             "error",
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Ready: ready}
		done <- m.Run(ctx, nil)
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	w := srv.Webhook()
	if w.URL != env["QW_WEBHOOK_URL"] || secret != "" && w.SecretToken != secret || len(w.SecretToken) < 32 && secret == "" {
		t.Fatalf("webhook: %+v", w)
	}
	u := srv.NewUser(9, "Sari", "id")
	u.Send("/start")
	for _, forged := range []string{"wrong", ""} {
		res, err := srv.PostToWebhookWithSecret(forged)
		if err != nil || res.StatusCode != http.StatusForbidden {
			t.Fatalf("secret %q: %v %v", forged, res, err)
		}
	}
	res, err := srv.PostToWebhook()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("post: %v %v", res, err)
	}
	if r := u.NextReply(t); !strings.Contains(r.Text, "belum terdaftar") {
		t.Errorf("reply: %q", r.Text)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestServeSendsMissedRemindersOnStart is the whole chain in one process:
// a reminder run that was due at 07:00 while the bot was down is made up
// when `serve` starts at 07:30 (catch-up), queued in the outbox and sent
// by the dispatcher to the OPD head through the fake Telegram, with the
// button that opens the report wizard.
func TestServeSendsMissedRemindersOnStart(t *testing.T) {
	dir := t.TempDir()
	wib, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2027, 3, 24, 7, 30, 0, 0, wib) // a Wednesday
	seed(t, dir, now)
	srv := telegramtest.New(t)
	env := map[string]string{
		"QW_TELEGRAM_TOKEN":        srv.Token(),
		"QW_TELEGRAM_API_ENDPOINT": srv.APIEndpoint(),
		"QW_DATA_DIR":              dir,
		"QW_LISTEN":                "127.0.0.1:0",
		"QW_LOG_LEVEL":             "error",
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Ready: ready,
			Clock: quickwin.ClockFunc(func() time.Time { return now })}
		done <- m.Run(ctx, nil)
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	reminder := srv.WaitText(t, 2, "DINKES-01")
	if _, ok := reminder.Button("Lapor"); !ok {
		t.Errorf("reminder without a report button: %v", reminder)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}
