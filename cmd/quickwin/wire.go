package main

import (
	"context"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"

	"quickwin/bot"
	"quickwin/store"
)

// wire plugs the packages together: the bot, and (when their packages are
// in) the scheduler, the outbox dispatcher and the publisher.
func (m *Main) wire(ctx context.Context, cfg *Config, s *store.Store, api *tgbotapi.BotAPI, reg prometheus.Registerer, instance string, log *slog.Logger) (*app, error) {
	b := bot.New(bot.Config{API: api, Store: s, Log: log, Now: m.Now, Instance: instance, Metrics: bot.NewMetrics(reg)})
	return &app{bot: b, background: map[string]func(context.Context) error{}}, nil
}
