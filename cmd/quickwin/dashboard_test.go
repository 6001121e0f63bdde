package main

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin/locales"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// TestDashboardLink makes a one-time link with `quickwin dashboard link`,
// then opens it on a running `quickwin serve`: it signs the admin in once.
func TestDashboardLink(t *testing.T) {
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
		"QW_DATA_DIR":              filepath.Join(t.TempDir(), "data"),
		"QW_LISTEN":                addr,
		"QW_ADMIN_IDS":             "77",
		"QW_PUBLIC_URL":            "https://quickwin.example.go.id",
		"QW_LOG_LEVEL":             "error",
	}
	if code, out, errOut := run(t, env, "dashboard", "link"); code != exitUsage || !strings.Contains(errOut, "--user") {
		t.Errorf("without --user: %d %q %q", code, out, errOut)
	}
	badListen := maps.Clone(env)
	badListen["QW_LISTEN"] = "8080"
	if code, out, errOut := run(t, badListen, "dashboard", "link", "--user", "77"); code != exitUsage || !strings.Contains(errOut, "QW_LISTEN") {
		t.Errorf("QW_LISTEN without a host: %d %q %q; want a usage error, not a guessed address", code, out, errOut)
	}
	if code, _, errOut := run(t, env, "dashboard", "link", "--user", "12345"); code != exitError || !strings.Contains(errOut, "no active member") {
		t.Errorf("a stranger: %d %q", code, errOut)
	}
	code, out, errOut := run(t, env, "dashboard", "link", "--user", "77")
	if code != 0 || !strings.HasPrefix(out, "http://"+addr+"/app/link?token=") {
		t.Fatalf("link: %d %q %q", code, out, errOut)
	}
	link := strings.Fields(out)[0]

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Ready: ready}
		done <- m.Run(ctx, []string{"serve"})
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exit %d", code)
		}
	}()
	srv.WaitCalls(t, "setChatMenuButton", 1) // set in the background after the start
	if n := srv.Calls("setChatMenuButton"); n != 1 {
		t.Errorf("setChatMenuButton called %d times with QW_PUBLIC_URL set, want once", n)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path != "/app/month" || !strings.Contains(string(body), "Evaluasi") {
		t.Errorf("link opened %s: %d %s", res.Request.URL, res.StatusCode, body)
	}
	res, err = (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the link a second time: %d, want 401", res.StatusCode)
	}
}

func TestPublicURLMustBeHTTPS(t *testing.T) {
	for _, bad := range []string{"http://quickwin.example.go.id", "quickwin.example.go.id", "https://x.example/app", "ftp://x"} {
		if code, _, errOut := run(t, map[string]string{"QW_PUBLIC_URL": bad}, "migrate"); code != exitUsage || !strings.Contains(errOut, "QW_PUBLIC_URL") {
			t.Errorf("%q: exit %d %q", bad, code, errOut)
		}
		if err := validPublicURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"", "https://quickwin.example.go.id", "https://x.example:8443/", "http://localhost:8080"} {
		if err := validPublicURL(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
}

// TestMenuButtonRequest checks what setChatMenuButton sends: a web_app
// button named in the tenant's language, opening the dashboard.
func TestMenuButtonRequest(t *testing.T) {
	var got url.Values
	tg := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"QW","username":"qw_bot"}}`)
			return
		}
		got = r.PostForm
		io.WriteString(w, `{"ok":true,"result":true}`)
	}))
	defer tg.Close()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:x", tg.URL+"/bot%s/%s")
	if err != nil {
		t.Fatal(err)
	}
	client := telegram.NewClient(telegram.ClientConfig{API: api})
	if err := setDashboardMenuButton(context.Background(), client, "https://qw.example.go.id/app/", locales.ID); err != nil {
		t.Fatal(err)
	}
	var button struct {
		Type   string `json:"type"`
		Text   string `json:"text"`
		WebApp struct {
			URL string `json:"url"`
		} `json:"web_app"`
	}
	if err := json.Unmarshal([]byte(got.Get("menu_button")), &button); err != nil {
		t.Fatalf("menu_button %q: %v", got.Get("menu_button"), err)
	}
	if button.Type != "web_app" || button.Text != "📊 Dasbor" || button.WebApp.URL != "https://qw.example.go.id/app/" || got.Has("chat_id") {
		t.Errorf("sent %v", got)
	}
}
