package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/telegramtest"
)

var (
	ctx     = context.Background()
	jakarta = mustLoc("Asia/Jakarta")
	quiet   = slog.New(slog.NewTextHandler(io.Discard, nil))
)

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// wib is a time in Jakarta.
func wib(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, jakarta)
}

// clock is a settable clock; timers are real (only the dispatcher uses
// them, with the system clock in these tests).
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) NewTimer(d time.Duration) quickwin.Timer { return quickwin.SystemClock{}.NewTimer(d) }

// fixture is a tenant (Asia/Jakarta, no own holidays) with OPD DINKES (a
// head speaking Indonesian, a staff member speaking English), OPD BAPPEDA
// (a head), a leader and an admin.
type fixture struct {
	s                                 *store.Store
	clock                             *clock
	tenant                            *quickwin.Tenant
	admin, head, staff, leader, head2 *quickwin.Member
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureOn(t, storetest.New(t))
}

func newFixtureOn(t testing.TB, s *store.Store) *fixture {
	t.Helper()
	f := &fixture{s: s, clock: &clock{now: wib(2027, 4, 1, 8, 0)}}
	s.Clock = quickwin.ClockFunc(f.clock.Now)
	var err error
	if f.tenant, err = s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	if f.admin, err = s.EnsureAdmin(ctx, f.tenant.ID, 100); err != nil {
		t.Fatal(err)
	}
	for _, o := range []quickwin.OPD{{Code: "DINKES", Name: "Dinas Kesehatan"}, {Code: "BAPPEDA", Name: "Bappeda"}} {
		o.TenantID = f.tenant.ID
		if _, err := s.CreateOPD(ctx, f.admin, o); err != nil {
			t.Fatal(err)
		}
	}
	join := func(role quickwin.Role, opd string, id int64, lang string) *quickwin.Member {
		inv, err := s.CreateInvite(ctx, f.admin, role, opd)
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: id, Name: string(role), Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetMemberLang(ctx, m.ID, lang); err != nil {
			t.Fatal(err)
		}
		m.Lang = lang
		return m
	}
	f.head = join(quickwin.RoleHead, "DINKES", 201, "id")
	f.staff = join(quickwin.RoleStaff, "DINKES", 202, "en")
	f.leader = join(quickwin.RoleLeader, "", 301, "id")
	f.head2 = join(quickwin.RoleHead, "BAPPEDA", 401, "id")
	return f
}

// commitment creates an active quick win of DINKES due on deadline, with
// steps due on the given dates.
func (f *fixture) commitment(t testing.TB, opd, title string, deadline time.Time, steps ...time.Time) *quickwin.QuickWin {
	t.Helper()
	c := &quickwin.QuickWin{
		TenantID: f.tenant.ID, OPDCode: opd, Title: title, Kind: quickwin.KindMilestone, Status: quickwin.StatusActive,
		Start: wib(2027, 1, 1, 0, 0), Deadline: deadline,
	}
	for i, d := range steps {
		c.Steps = append(c.Steps, quickwin.Step{Title: fmt.Sprintf("Langkah %d", i+1), Due: d})
	}
	actor := f.head
	if opd != "DINKES" {
		actor = f.head2
	}
	if err := f.s.CreateQuickWin(ctx, actor, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) jobs() *scheduler.Jobs {
	return &scheduler.Jobs{Directory: f.s, Work: f.s, Outbox: f.s, Publisher: &fakePublisher{}, Log: quiet}
}

// queued returns the keys of the tenant's outbox, in order.
func (f *fixture) queued(t testing.TB) []string {
	t.Helper()
	ms, err := f.s.OutboxMessages(ctx, f.tenant.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range ms {
		keys = append(keys, m.Key)
	}
	return keys
}

func (f *fixture) message(t testing.TB, key string) *quickwin.OutboxMessage {
	t.Helper()
	m, err := f.s.OutboxMessage(ctx, key)
	if err != nil {
		t.Fatalf("message %s: %v\nqueued: %v", key, err, strings.Join(f.queued(t), "\n"))
	}
	return m
}

// fakePublisher renders recognisable documents.
type fakePublisher struct {
	mu        sync.Mutex
	snapshots []time.Time
	fail      bool
}

func (p *fakePublisher) TenantDigest(_ context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	if p.fail {
		return nil, fmt.Errorf("publisher down")
	}
	return &quickwin.Document{
		Parts: []string{"<b>Evaluasi " + month.Format("2006-01") + "</b> " + lang, "part 2"},
		Chart: []byte("\x89PNG chart"), File: []byte("PK xlsx"), FileName: "evaluasi.xlsx",
	}, nil
}

func (p *fakePublisher) TenantSummary(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	return nil, fmt.Errorf("the scheduler sends digests, not summaries")
}

func (p *fakePublisher) OPDDigest(_ context.Context, tenantID, opd string, month time.Time, lang string) (*quickwin.Document, error) {
	return &quickwin.Document{Parts: []string{"OPD " + opd + " " + month.Format("2006-01") + " " + lang}}, nil
}

func (p *fakePublisher) Leaderboard(_ context.Context, tenantID string, now time.Time, lang string) (*quickwin.Document, error) {
	return &quickwin.Document{Parts: []string{"🏆 peringkat " + lang}, Chart: []byte("\x89PNG board")}, nil
}

func (p *fakePublisher) SnapshotLeaderboard(_ context.Context, tenantID string, now time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.snapshots = append(p.snapshots, now)
	return nil
}

func (p *fakePublisher) Export(context.Context, string, string) (*quickwin.Document, error) {
	return nil, fmt.Errorf("not used")
}

// newBot connects go-telegram-bot-api to a fake Telegram.
func newBot(t testing.TB, srv *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	return bot
}

// runDispatcher runs a dispatcher until the test ends and returns a stop
// function that waits for it.
func runDispatcher(t testing.TB, cfg scheduler.DispatcherConfig) func() {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quiet
	}
	d := scheduler.NewDispatcher(cfg)
	c, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = d.Run(c)
	}()
	stop := func() {
		cancel()
		<-done
	}
	t.Cleanup(stop)
	return stop
}

// awaitSends waits until the fake Telegram accepted n sends in all.
func awaitSends(t testing.TB, srv *telegramtest.Server, n int) {
	t.Helper()
	if n == 0 {
		return
	}
	// A generous overall limit, not a window: a loaded 2-core machine under
	// -race sends far slower than Telegram's pace, and the wait ends at
	// the signal (the n-th send) however fast that comes.
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if _, err := srv.Await(wctx, func(x telegramtest.Sent) bool { return x.Seq >= n }); err != nil {
		t.Fatalf("waiting for %d sends: %v\n%s", n, err, srv.Dump())
	}
}
