package bot

import (
	"context"
	"errors"
	"log/slog"
	"quickwin/telegram"
	"sync/atomic"
	"time"

	"quickwin"
)

// Config is what the bot needs; cmd/quickwin fills it.
type Config struct {
	// Client is the process's one Telegram client (shared with the outbox
	// dispatcher, and so is its rate limiter).
	Client    *telegram.Client
	Store     Store
	Outbox    quickwin.Outbox    // notifications to other people go through it
	Publisher quickwin.Publisher // digests, leaderboard, export; nil hides them
	Importer  quickwin.Importer  // workbook imports (/templat, a sent workbook); nil hides them
	Log       *slog.Logger
	Clock     quickwin.Clock
	Instance  string // names this process in update claims
	Metrics   *Metrics
	Edge      *telegram.Metrics // refused updates
	// ValidateSpec checks a cron spec for /jadwal (the scheduler's parser).
	ValidateSpec func(spec string) error
	// ParseHolidays reads an uploaded holiday file for /jadwal.
	ParseHolidays func(data []byte) ([]string, error)
	// NextRuns tells /jadwal when each job runs next (the scheduler's).
	NextRuns func(t *quickwin.Tenant, now time.Time) map[string]time.Time
	// InvitePrinter renders the cards of /undang massal; nil refuses it.
	InvitePrinter quickwin.InvitePrinter
	// DashboardURL is the Mini App's address ending in "/"; empty: no dashboard buttons.
	DashboardURL string
	// Archive is the evidence archive (progress_evidence_archive.go); zero: evidence is
	// shown by Telegram file id only and /ekspor offers no ZIP.
	Archive Archive
}

// Bot handles Telegram updates.
type Bot struct {
	Config
	username string

	// The store as each feature group sees it (store.go); Config.Store is
	// read only here, in New.
	directory     directoryStore
	accounts      accountStore
	admin         adminStore
	quickwins     quickWinStore
	progress      progressStore
	questions     questionStore
	overview      overviewStore
	conversations *conversations // remembered while polling (conversations.go)
	claims        UpdateClaims

	commands  []*command
	byName    map[string]*command
	callbacks map[string]handler
	buttons   telegram.Codec
	wizards   map[string]*Wizard

	// observe, when set (benchmarks), receives each update's handling time.
	observe func(time.Duration)

	byWebhook atomic.Bool // WebhookHandler was made: updates come by webhook

	notices unavailableNotices
	members ttlCache[int64, quickwin.Member]   // by Telegram id (account_members_cache.go)
	tenants ttlCache[string, *quickwin.Tenant] // by id; "" is the default tenant
}

// New makes a bot. The client must already know who it is (getMe).
func New(cfg Config) *Bot {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Clock == nil {
		cfg.Clock = quickwin.SystemClock{}
	}
	if cfg.Edge == nil {
		cfg.Edge = telegram.NewMetrics(nil)
	}
	if cfg.Instance == "" {
		cfg.Instance = "bot"
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	b := &Bot{Config: cfg, username: cfg.Client.Username(),
		members: ttlCache[int64, quickwin.Member]{ttl: memberCacheTTL}, tenants: ttlCache[string, *quickwin.Tenant]{ttl: tenantCacheTTL},
		directory: cfg.Store, accounts: cfg.Store, admin: cfg.Store, quickwins: cfg.Store, progress: cfg.Store,
		questions: cfg.Store, overview: cfg.Store, conversations: &conversations{store: cfg.Store}, claims: cfg.Store}
	b.register()
	return b
}

// Now is the time on the bot's clock.
func (b *Bot) Now() time.Time { return b.Clock.Now() }

// Username is the bot's Telegram username (without @).
func (b *Bot) Username() string { return b.username }

// tenantCacheTTL bounds how stale a cached tenant may be on one instance;
// this instance drops its copy at once when it changes the tenant itself.
const tenantCacheTTL = time.Minute

// tenant returns a tenant through the cache: almost every update needs
// it, and it rarely changes.
func (b *Bot) tenant(ctx context.Context, id string) (*quickwin.Tenant, error) {
	return b.tenants.get(id, b.Now(), func() (*quickwin.Tenant, error) { return b.directory.Tenant(ctx, id) })
}

// defaultTenant is the tenant strangers talk to: the first one.
func (b *Bot) defaultTenant(ctx context.Context) (*quickwin.Tenant, error) {
	return b.tenants.get("", b.Now(), func() (*quickwin.Tenant, error) {
		ts, err := b.directory.Tenants(ctx)
		if err != nil {
			return nil, err
		}
		if len(ts) == 0 {
			return nil, errors.New("no tenant: start the bot once with `quickwin serve` or run `quickwin migrate`")
		}
		return &ts[0], nil
	})
}

// forgetTenant drops the cached copies of a tenant after a change.
func (b *Bot) forgetTenant(id string) { b.tenants.forget(id, "") }
