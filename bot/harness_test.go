package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// harness is a bot polling a fake Telegram, on a test database, with an
// admin (Telegram id 1) and one OPD (DINKES).
type harness struct {
	t      testing.TB
	srv    *telegramtest.Server
	store  *store.Store
	cfg    store.Config
	tenant *quickwin.Tenant
	admin  *telegramtest.User
	bot    *Bot
	cancel context.CancelFunc
	done   chan struct{}
	now    time.Time
	mu     sync.Mutex
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	h := &harness{t: t, srv: telegramtest.New(t), cfg: storetest.Config(t), now: time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)}
	h.openStore()
	var err error
	if h.tenant, err = h.store.EnsureTenant(context.Background(), "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	adminMember, err := h.store.EnsureAdmin(context.Background(), h.tenant.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The admin has written to the bot before: no first-contact welcome
	// (first_admin_test.go tests that one).
	if err := h.store.UpdateMemberProfile(context.Background(), adminMember.ID, quickwin.TelegramUser{ID: 1, Name: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.CreateOPD(context.Background(), adminMember, quickwin.OPD{TenantID: h.tenant.ID, Code: "DINKES", Name: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	h.admin = h.srv.NewUser(1, "Admin", "id")
	h.start(nil)
	t.Cleanup(h.stop)
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

func (h *harness) openStore() {
	s, err := store.Open(context.Background(), h.cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	s.Clock = quickwin.ClockFunc(h.clock)
	h.store = s
}

// start runs a bot (as a fresh process would) with optional extra set-up.
// extend, when given, changes the new bot before it polls (test wizards).
func (h *harness) start(setup func(*Config), extend ...func(*Bot)) {
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(h.srv.Token(), h.srv.APIEndpoint())
	if err != nil {
		h.t.Fatal(err)
	}
	// Replies are paced by the global window only: the bot tests read
	// conversations, not pacing (telegram's and the edge tests do that).
	client := telegram.NewClient(telegram.ClientConfig{API: api, Limiter: telegram.NewLimiter(telegram.Limits{PerSecond: 30}), Log: slog.New(slog.DiscardHandler), APIEndpoint: h.srv.APIEndpoint()})
	cfg := Config{Client: client, Store: h.store, Log: slog.New(slog.DiscardHandler), Clock: quickwin.ClockFunc(h.clock), Instance: "test"}
	if setup != nil {
		setup(&cfg)
	}
	h.bot = New(cfg)
	for _, f := range extend {
		f(h.bot)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan struct{})
	go func() {
		defer close(h.done)
		_ = h.bot.Poll(ctx)
	}()
}

// stop ends the bot and closes its database connection, like a process exit.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	<-h.done
	h.cancel = nil
	_ = h.store.Close(context.Background())
}

// restart stops the bot and starts a new one on the same database.
func (h *harness) restart(setup func(*Config), extend ...func(*Bot)) {
	h.stop()
	h.openStore()
	h.start(setup, extend...)
}

// invite makes an invite as the admin, typed, and returns the token.
func (h *harness) invite(args string) string {
	h.t.Helper()
	h.admin.Send("/undang " + args)
	reply := h.admin.WaitText(h.t, "https://t.me/")
	i := strings.Index(reply.Text, "?start=")
	if i < 0 {
		h.t.Fatalf("no deep link in %q", reply.Text)
	}
	token := reply.Text[i+len("?start="):]
	if j := strings.IndexAny(token, " \n"); j >= 0 {
		token = token[:j]
	}
	return token
}

func (h *harness) member(tgID int64) *quickwin.Member {
	h.t.Helper()
	m, err := h.store.MemberByTelegramID(context.Background(), tgID)
	if err != nil {
		h.t.Fatalf("member %d: %v", tgID, err)
	}
	return m
}

func contains(t *testing.T, got telegramtest.Sent, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got.Text, w) {
			t.Errorf("reply to chat %d does not contain %q:\n%s", got.ChatID, w, got.Text)
		}
	}
}

func telegramtestChatScope(chatID int64) telegramtest.CommandScope {
	return telegramtest.CommandScope{Type: "chat", ChatID: chatID}
}

func hasCommand(cmds []telegramtest.BotCommand, name string) bool {
	for _, c := range cmds {
		if c.Command == name {
			return true
		}
	}
	return false
}

// message waits for the next new message (not an edit) to u.
func (h *harness) message(u *telegramtest.User) telegramtest.Sent {
	h.t.Helper()
	return h.srv.Next(h.t, func(s telegramtest.Sent) bool { return s.ChatID == u.ID && s.Method == "sendMessage" })
}
