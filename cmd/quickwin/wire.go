package main

import (
	"bytes"
	"context"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"

	"quickwin"
	"quickwin/bot"
	"quickwin/digest"
	"quickwin/invitecard"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/telegram"
	"quickwin/workbook"
)

// app is the wired program: the bot and the loops that run beside it.
type app struct {
	client     *telegram.Client // the one way to Telegram
	bot        *bot.Bot
	scheduler  *scheduler.Scheduler
	background map[string]func(context.Context) error
}

// wire plugs the packages together: the bot answers people; the scheduler
// (on the instance holding the lease) queues reminders, prompts, digests
// and leaderboards in the outbox; every instance's dispatcher sends the
// outbox within Telegram's limits. The bot's replies and the dispatcher
// share one Telegram client and so one rate limiter.
func (m *Main) wire(cfg *Config, s *store.Store, api *tgbotapi.BotAPI, reg prometheus.Registerer, instance string, log *slog.Logger) *app {
	pub := digest.New(s, m.Clock).WithPaper(cfg.Paper)
	sched := newScheduler(cfg, s, pub, instance, m.Clock, log)
	limits := telegram.DefaultLimits()
	limits.PerSecond = cfg.SendPerSecond
	edge := telegram.NewMetrics(reg)
	client := telegram.NewClient(telegram.ClientConfig{
		API: api, Limiter: telegram.NewLimiter(limits), Log: log, Metrics: edge, APIEndpoint: cfg.TelegramEndpoint,
	})
	dispatcher := scheduler.NewDispatcher(scheduler.DispatcherConfig{
		Queue: s, Sender: client, Owner: instance, Registerer: reg, Logger: log, Clock: m.Clock,
		Blocked: func(ctx context.Context, chatID int64) error {
			if chatID < 0 {
				return s.DeactivateGroup(ctx, chatID)
			}
			return s.MarkBlocked(ctx, chatID)
		},
	})
	archiver := newArchiver(cfg, s, client, instance, m.Clock, log)
	b := bot.New(bot.Config{
		Client: client, Store: s, Outbox: wakingOutbox{s, dispatcher.Wake}, Publisher: pub, Log: log, Clock: m.Clock, Instance: instance,
		Metrics:      bot.NewMetrics(reg),
		Edge:         edge,
		DashboardURL: dashboardURL(cfg),
		ValidateSpec: scheduler.ValidateSpec,
		ParseHolidays: func(data []byte) ([]string, error) {
			return scheduler.ParseHolidays(bytes.NewReader(data))
		},
		NextRuns:      nextRuns,
		InvitePrinter: invitecard.Printer{},
		Archive:       botArchive(cfg, s, pub, archiver),
		Importer:      workbook.New(s, m.Clock),
	})
	return &app{client: client, bot: b, scheduler: sched, background: map[string]func(context.Context) error{
		"scheduler":  elected(s, scheduler.LeaseName, instance, log, sched.Run),
		"dispatcher": dispatcher.Run,
		"evidence":   archiver.Run,
		"summaries":  func(ctx context.Context) error { s.WarmSummaries(ctx); return nil }, // store/summaries.go
	}}
}

// newScheduler makes the scheduler on the store; `job run` and `serve`
// share it.
func newScheduler(cfg *Config, s *store.Store, pub quickwin.Publisher, instance string, clock quickwin.Clock, log *slog.Logger) *scheduler.Scheduler {
	return scheduler.New(scheduler.Config{
		Directory: s, Work: s, Outbox: s, Publisher: pub, Runs: s, Pruner: s,
		Owner: instance, Grace: cfg.CatchUpGrace, Clock: clock, Logger: log,
		DashboardURL: dashboardURL(cfg),
	})
}

// nextRuns adapts scheduler.NextRuns for the bot's /jadwal.
func nextRuns(t *quickwin.Tenant, now time.Time) map[string]time.Time {
	out := map[string]time.Time{}
	for _, u := range scheduler.NextRuns(t, now) {
		if u.Err == nil {
			out[u.Job] = u.Next
		}
	}
	return out
}

// wakingOutbox wakes the dispatcher when the bot queues a notification (a
// report for the head, a question for an OPD), so it goes out at once
// rather than at the dispatcher's next poll.
type wakingOutbox struct {
	quickwin.Outbox
	wake func()
}

func (o wakingOutbox) Enqueue(ctx context.Context, msgs ...quickwin.OutboxMessage) (int, error) {
	n, err := o.Outbox.Enqueue(ctx, msgs...)
	if n > 0 {
		o.wake()
	}
	return n, err
}

// Lease timing: renewed every leaseRenew, lost after leaseTTL without
// renewal, so another instance takes over within leaseTTL of one dying.
const (
	leaseTTL   = 30 * time.Second
	leaseRenew = 10 * time.Second
)

// elected runs fn only on the instance holding the lease name.
func elected(s *store.Store, name, instance string, log *slog.Logger, fn func(context.Context) error) func(context.Context) error {
	e := &scheduler.Elector{Leases: s, Name: name, Owner: instance, TTL: leaseTTL, Renew: leaseRenew, Log: log}
	return func(ctx context.Context) error { return e.Run(ctx, fn) }
}
