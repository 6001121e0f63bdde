package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"quickwin"
	"quickwin/scheduler"
	"quickwin/store"
	"quickwin/telegram"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"quickwin/locales"
)

// errNoToken explains where a token comes from.
var errNoToken = usageError{errors.New("QW_TELEGRAM_TOKEN is not set: talk to @BotFather in Telegram (https://t.me/BotFather), send /newbot, and set QW_TELEGRAM_TOKEN to the token it gives")}

// serve runs the bot until ctx ends (SIGTERM or SIGINT): updates by long
// polling or webhook, the scheduler and the outbox dispatcher, and the HTTP
// endpoints /healthz and /metrics.
func (m *Main) serve(ctx context.Context, cfg *Config, _ []string, _ *flag.FlagSet) error {
	if cfg.TelegramToken == "" {
		return errNoToken
	}
	log := m.logger(cfg)
	s, tenant, err := m.openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	log.Info("database ready", "embedded", s.Embedded(), "tenant", tenant.ID, "tz", tenant.TimeZone)
	// The dashboard's summaries are made afresh by every start of the bot
	// (a killed process may have left one behind its quick wins); they are
	// warmed in the background (wire.go).
	if err := s.DropSummaries(ctx); err != nil {
		return err
	}

	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(cfg.TelegramToken, cfg.TelegramEndpoint)
	if err != nil {
		return fmt.Errorf("telegram: %w (check QW_TELEGRAM_TOKEN)", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(outboxBacklog(s, quickwin.OutboxPending), outboxBacklog(s, quickwin.OutboxFailed))
	instance, err := instanceID(cfg)
	if err != nil {
		return err
	}
	app := m.wire(cfg, s, api, reg, instance, log)

	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		pctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := s.Ping(pctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle(dashboardPrefix, m.newDashboard(cfg, s, log))
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil || u.Scheme != "https" && u.Scheme != "http" {
			return usageError{fmt.Errorf("QW_WEBHOOK_URL %q is not an http(s) URL", cfg.WebhookURL)}
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		if cfg.WebhookSecret == "" {
			// Never accept updates without a secret: anyone who guessed the
			// address could post them. Telegram learns this one below.
			cfg.WebhookSecret = telegram.NewSecret()
			log.Info("no QW_WEBHOOK_SECRET given: generated a random webhook secret for this run")
		}
		h, err := app.bot.WebhookHandler(cfg.WebhookSecret)
		if err != nil {
			return err
		}
		mux.Handle("POST "+path, h)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s (QW_LISTEN): %w", cfg.Listen, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	goRun := func(name string, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil && ctx.Err() == nil {
				log.Error(name+" stopped", "err", err)
				cancel()
			}
		}()
	}
	goRun("http", func(context.Context) error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	if cfg.WebhookURL != "" {
		if err := app.bot.SetWebhook(ctx, cfg.WebhookURL, cfg.WebhookSecret); err != nil {
			return fmt.Errorf("setWebhook: %w", err)
		}
		log.Info("webhook mode", "url", cfg.WebhookURL)
	} else {
		goRun("polling", elected(s, scheduler.PollerLease, instance, log, app.bot.Poll))
	}
	// The menus are Telegram calls (five) that nothing else waits for: the
	// bot answers and polls meanwhile, and a failure is only a warning.
	goRun("menus", func(ctx context.Context) error {
		if err := app.bot.SetCommands(ctx); err != nil && ctx.Err() == nil {
			log.Warn("could not set the command menus", "err", err)
		}
		if u := dashboardURL(cfg); u != "" {
			if err := setDashboardMenuButton(ctx, app.client, u, locales.ParseLang(tenant.Lang)); err != nil && ctx.Err() == nil {
				log.Warn("could not set the dashboard menu button", "err", err)
			}
		}
		return nil
	})
	goRun("maintenance", func(ctx context.Context) error { app.bot.RunMaintenance(ctx, 10*time.Minute); return nil })
	for name, f := range app.background {
		goRun(name, f)
	}
	log.Info("quickwin is running", "bot", "@"+app.bot.Username(), "listen", ln.Addr().String(), "instance", instance)
	if m.Ready != nil {
		m.Ready <- ln.Addr().String()
	}
	<-ctx.Done()
	log.Info("stopping")
	shutdown, cancelShutdown := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelShutdown()
	_ = srv.Shutdown(shutdown)
	wg.Wait()
	log.Info("stopped")
	return nil
}

// instanceID names this process in leases and claims. It is
// QW_INSTANCE_ID, or an id made once and kept in QW_DATA_DIR: an instance
// restarted with the same identity takes its own leases (poller, scheduler)
// and outbox claims back at once instead of waiting for them to expire.
// Two processes must not share one identity (nor one data dir).
func instanceID(cfg *Config) (string, error) {
	if cfg.InstanceID != "" {
		return cfg.InstanceID, nil
	}
	path := filepath.Join(cfg.DataDir, "instance-id")
	if b, err := os.ReadFile(path); err == nil {
		if id := strings.TrimSpace(string(b)); id != "" {
			return id, nil
		}
	}
	host, _ := os.Hostname()
	var b [3]byte
	_, _ = rand.Read(b[:])
	id := host + "-" + hex.EncodeToString(b[:])
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return "", fmt.Errorf("data dir %s (QW_DATA_DIR): %w", cfg.DataDir, err)
	}
	if err := writeFileAtomic(path, []byte(id+"\n")); err != nil {
		return "", fmt.Errorf("keep the instance id: %w", err)
	}
	return id, nil
}

// outboxBacklog is a gauge of the outbox messages in a state, counted at
// each scrape: a growing pending count means Telegram is refusing or the
// dispatcher is stuck; failed ones are messages given up on.
func outboxBacklog(s *store.Store, state quickwin.OutboxState) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "quickwin_outbox_" + string(state), Help: "Outbox messages " + string(state) + " now.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		n, err := s.CountOutbox(ctx, state)
		if err != nil {
			return -1
		}
		return float64(n)
	})
}
