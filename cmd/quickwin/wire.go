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
	"quickwin/report"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/workbook"
)

// app is the wired program: the bot and the loops that run beside it.
type app struct {
	bot        *bot.Bot
	scheduler  *scheduler.Scheduler
	background map[string]func(context.Context) error
}

// wire plugs the packages together: the bot answers people; the scheduler
// (on the instance holding the lease) queues reminders, prompts, digests
// and leaderboards in the outbox; every instance's dispatcher sends the
// outbox within Telegram's limits.
func (m *Main) wire(cfg *Config, s *store.Store, api *tgbotapi.BotAPI, reg prometheus.Registerer, instance string, log *slog.Logger) *app {
	pub := report.New(s, m.Now)
	sched := newScheduler(cfg, s, pub, instance, m.Now, log)
	limits := scheduler.DefaultLimits()
	limits.PerSecond = cfg.SendPerSecond
	dispatcher := scheduler.NewDispatcher(scheduler.DispatcherConfig{
		Queue: s, Sender: scheduler.NewTelegramSender(api), Owner: instance, Registerer: reg, Logger: log, Clock: clock(m.Now),
		Limits: limits,
		Blocked: func(ctx context.Context, chatID int64) error {
			if chatID < 0 {
				return s.DeactivateGroup(ctx, chatID)
			}
			return s.MarkBlocked(ctx, chatID)
		},
	})
	b := bot.New(bot.Config{
		API: api, Store: s, Outbox: wakingOutbox{s, dispatcher.Wake}, Publisher: pub, Log: log, Now: m.Now, Instance: instance,
		Metrics:      bot.NewMetrics(reg),
		FileEndpoint: bot.FileEndpointFor(cfg.TelegramEndpoint),
		ValidateSpec: scheduler.ValidateSpec,
		ParseHolidays: func(data []byte) ([]string, error) {
			return scheduler.ParseHolidays(bytes.NewReader(data))
		},
		NextRuns: nextRuns,
		Importer: workbook.New(s, m.Now),
	})
	return &app{bot: b, scheduler: sched, background: map[string]func(context.Context) error{
		"scheduler":  sched.Run,
		"dispatcher": dispatcher.Run,
	}}
}

// newScheduler makes the scheduler on the store; `job run` and `serve`
// share it.
func newScheduler(cfg *Config, s *store.Store, pub quickwin.Publisher, instance string, now func() time.Time, log *slog.Logger) *scheduler.Scheduler {
	return scheduler.New(scheduler.Config{
		Directory: s, Work: s, Outbox: s, Publisher: pub, Runs: s, Leases: s, Pruner: s,
		Owner: instance, Grace: cfg.CatchUpGrace, Clock: clock(now), Logger: log,
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

// funcClock is the system clock with Now taken from the program's clock,
// so `job run` and tests see the same time as the rest.
type funcClock struct {
	scheduler.SystemClock
	now func() time.Time
}

func (c funcClock) Now() time.Time { return c.now() }

func clock(now func() time.Time) scheduler.Clock { return funcClock{now: now} }

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
