package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"quickwin/digest"
)

// Config is the whole configuration, from QW_* environment variables and
// the matching flags (a flag wins). The names are a contract (SPEC §8):
// administrators script against them.
type Config struct {
	TelegramToken    string
	TelegramEndpoint string
	MongoURI         string
	MongoListen      string
	DataDir          string
	TimeZone         string
	Lang             string
	TenantName       string
	AdminIDs         []int64
	WebhookURL       string
	WebhookSecret    string
	Listen           string
	PublicURL        string
	LogLevel         string
	CatchUpGrace     time.Duration
	SendPerSecond    int
	InstanceID       string
	Paper            digest.Paper // of the workbooks and the digest PDF
}

// setting describes one variable and its flag.
type setting struct {
	env, flag, def, usage string
	set                   func(c *Config, v string) error
}

var settings = []setting{
	{"QW_TELEGRAM_TOKEN", "telegram-token", "", "bot token from @BotFather (required for serve)", func(c *Config, v string) error { c.TelegramToken = v; return nil }},
	{"QW_TELEGRAM_API_ENDPOINT", "telegram-api-endpoint", "https://api.telegram.org/bot%s/%s", "Bot API endpoint; %s for token and method", func(c *Config, v string) error { c.TelegramEndpoint = v; return nil }},
	{"QW_MONGODB_URI", "mongodb-uri", "", "MongoDB to use; empty: the embedded database under the data dir", func(c *Config, v string) error { c.MongoURI = v; return nil }},
	{"QW_MONGODB_LISTEN", "mongodb-listen", "", "embedded mode: also expose the database on this address (e.g. 127.0.0.1:27017)", func(c *Config, v string) error { c.MongoListen = v; return nil }},
	{"QW_DATA_DIR", "data-dir", "./data", "local state (the embedded database)", func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"QW_TIMEZONE", "timezone", "Asia/Jakarta", "time zone of the first tenant (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT)", func(c *Config, v string) error {
		if _, err := time.LoadLocation(v); err != nil {
			return fmt.Errorf("unknown time zone %q", v)
		}
		c.TimeZone = v
		return nil
	}},
	{"QW_LANG", "lang", "id", "language of the first tenant: id or en", func(c *Config, v string) error {
		if v != "id" && v != "en" {
			return fmt.Errorf("language must be id or en, got %q", v)
		}
		c.Lang = v
		return nil
	}},
	{"QW_TENANT_NAME", "tenant-name", "Pemerintah Daerah", "name of the first tenant", func(c *Config, v string) error { c.TenantName = v; return nil }},
	{"QW_ADMIN_IDS", "admin-ids", "", "comma-separated Telegram user ids made admin of the first tenant", func(c *Config, v string) error {
		c.AdminIDs = nil
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil || id <= 0 {
				return fmt.Errorf("admin id %q is not a Telegram user id", f)
			}
			c.AdminIDs = append(c.AdminIDs, id)
		}
		return nil
	}},
	{"QW_WEBHOOK_URL", "webhook-url", "", "public HTTPS URL for webhook mode; empty: long polling", func(c *Config, v string) error { c.WebhookURL = v; return nil }},
	{"QW_WEBHOOK_SECRET", "webhook-secret", "", "secret Telegram sends with every webhook request", func(c *Config, v string) error { c.WebhookSecret = v; return nil }},
	{"QW_LISTEN", "listen", "127.0.0.1:8080", "HTTP address for the webhook, /healthz, /metrics and the dashboard (this machine only by default: /metrics is not for the internet; the reverse proxy forwards the webhook and /app/)", func(c *Config, v string) error { c.Listen = v; return nil }},
	{"QW_PUBLIC_URL", "public-url", "", "HTTPS address where Telegram reaches the dashboard (Mini App) at /app/; empty: no dashboard button", func(c *Config, v string) error { c.PublicURL = v; return validPublicURL(v) }},
	{"QW_LOG_LEVEL", "log-level", "info", "debug, info, warn or error", func(c *Config, v string) error { c.LogLevel = v; return nil }},
	{"QW_SEND_PER_SECOND", "send-per-second", "30", "messages per second this instance sends (Telegram allows about 30 per bot: with N instances, 30/N)", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 30 {
			return fmt.Errorf("messages per second must be 1–30, got %q", v)
		}
		c.SendPerSecond = n
		return nil
	}},
	{"QW_CATCHUP_GRACE", "catchup-grace", "12h", "scheduled work missed while down is made up when less late than this", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return fmt.Errorf("catch-up grace %q is not a duration like 12h", v)
		}
		c.CatchUpGrace = d
		return nil
	}},
	{"QW_INSTANCE_ID", "instance-id", "", "this instance's identity in leases and outbox claims; empty: kept in the data dir, so that a restart takes its own leases back at once", func(c *Config, v string) error { c.InstanceID = v; return nil }},
	{"QW_PAPER", "paper", "a4", "paper of the printed workbooks and the digest PDF: a4 or f4 (215 × 330 mm)", func(c *Config, v string) (err error) {
		c.Paper, err = digest.ParsePaper(v)
		return err
	}},
}

// parseConfig reads the environment, then the flags in args, and returns
// the configuration and the remaining arguments.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (*Config, []string, error) {
	return parseConfigWith(name, args, getenv, stderr, flag.NewFlagSet(name, flag.ContinueOnError))
}

// parseConfigWith is parseConfig on a flag set that may carry a
// subcommand's own flags too.
func parseConfigWith(name string, args []string, getenv func(string) string, stderr io.Writer, fs *flag.FlagSet) (*Config, []string, error) {
	c := &Config{}
	fs.SetOutput(io.Discard) // the caller prints the error, then one line on how to get help
	values := make([]*string, len(settings))
	for i, s := range settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		values[i] = fs.String(s.flag, def, s.usage+" ("+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	for i, s := range settings {
		if err := s.set(c, *values[i]); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", s.env, err)
		}
	}
	return c, fs.Args(), nil
}
