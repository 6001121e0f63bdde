// Command quickwin runs the quickwin Telegram bot and its operator tools.
//
//	quickwin [serve]                     run the bot (long polling or webhook)
//	quickwin migrate                     create the database indexes and the dashboard's copies
//	quickwin opd import FILE.csv         add or rename OPDs (header code,name or kode,nama)
//	quickwin export --out FILE.xlsx      the tenant's quick wins, steps and reports
//	quickwin import FILE.xlsx [--dry-run]  quick wins and action steps from a workbook, all or none
//	quickwin import template --out F.xlsx  the workbook to fill in
//	quickwin job list                    jobs, their cron specs and next runs
//	quickwin job run NAME [--at TIME]    run one scheduled job as if it were TIME
//	quickwin tenant add NAME --admins IDS  serve another Pemda (a province hosting regencies)
//	quickwin tenant list
//	quickwin invite bulk --role R --opd all|CODES --out FILE.pdf|FILE.xlsx  invites for a whole room
//	quickwin health                      ask the running bot's /healthz (Docker HEALTHCHECK)
//	quickwin dashboard link --user ID    open the dashboard as a member, without Telegram
//	quickwin outbox list [--state failed]  what could not be delivered, and why
//	quickwin version
//
// Every QW_* environment variable also has a flag (see quickwin help).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // time zones in an image without /usr/share/zoneinfo

	"quickwin"
	"quickwin/store"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the program; main() and the end-to-end tests share it.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Clock is the program's one clock (tests set it); nil means the system
	// clock.
	Clock quickwin.Clock
	// Ready, when set, receives the serving bot's HTTP address once it
	// listens (tests use it to know the bot is up).
	Ready chan<- string
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the work failed (bad CSV row, database error, ...)
	exitUsage = 2 // the command line or configuration is wrong
)

// Run runs one subcommand and returns the process exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if m.Clock == nil {
		m.Clock = quickwin.SystemClock{}
	}
	cmd, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	if cmd == "opd" || cmd == "job" || cmd == "tenant" || cmd == "invite" || cmd == "dashboard" || cmd == "outbox" {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			return m.usage(fmt.Errorf("%s needs a subcommand", cmd))
		}
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	run, ok := map[string]func(context.Context, *Config, []string, *flag.FlagSet) error{
		"serve":       m.serve,
		"migrate":     m.migrate,
		"opd import":  m.opdImport,
		"export":      m.export,
		"import":      m.importCmd,
		"job list":    m.jobList,
		"tenant add":  m.tenantAdd,
		"tenant list": m.tenantList,
		"job run":     m.jobRun,
		"invite bulk": m.inviteBulk,
		"health":      m.health,

		"dashboard link": m.dashboardLink,
		"outbox list":    m.outboxList,
	}[cmd]
	switch {
	case cmd == "version":
		fmt.Fprintf(m.Stdout, "quickwin %s\n", versionString())
		return exitOK
	case cmd == "help" || cmd == "-h" || cmd == "--help":
		m.help()
		return exitOK
	case !ok:
		return m.usage(fmt.Errorf("unknown command %q", cmd))
	}
	positional, flagArgs := splitArgs(rest)
	extra := flag.NewFlagSet(cmd, flag.ContinueOnError)
	registerCommandFlags(cmd, extra)
	cfg, more, err := parseConfigWith(cmd, flagArgs, m.Getenv, m.Stderr, extra)
	if errors.Is(err, flag.ErrHelp) {
		m.help()
		m.commandHelp(cmd, extra)
		return exitOK
	}
	if err != nil {
		return m.usage(err)
	}
	positional = append(positional, more...)
	if err := run(ctx, cfg, positional, extra); err != nil {
		var ue usageError
		if asUsage(err, &ue) {
			return m.usage(ue)
		}
		fmt.Fprintf(m.Stderr, "quickwin %s: %v\n", cmd, err)
		return exitError
	}
	return exitOK
}

func (m *Main) usage(err error) int {
	fmt.Fprintf(m.Stderr, "quickwin: %v\n", err)
	fmt.Fprintln(m.Stderr, "run `quickwin help` for the commands and settings")
	return exitUsage
}

func (m *Main) help() {
	fmt.Fprint(m.Stdout, `quickwin — a Telegram bot that keeps the quick wins of a regional government moving.

Commands:
  serve (default)                  run the bot
  migrate                          create the database indexes (also done on start) and the
                                   dashboard's copies older quick wins lack (after an upgrade)
  opd import FILE.csv              add or rename OPDs; header code,name or kode,nama
  export --out FILE.xlsx           write the tenant's quick wins, steps, reports and audit log
  export --out FILE.zip --evidence [--from DAY] [--to DAY]
                                   the workbook and the reports' evidence files, in a folder per OPD / quick win / report
  import FILE.xlsx [--dry-run]     load quick wins and action steps from a workbook (all rows or none)
  import template --out FILE.xlsx  write the workbook to fill in, with instructions
  job list                         jobs, cron specs and next runs per tenant
  tenant add NAME [--zone Z] [--language L] --admins IDS
                                   serve another Pemda from this deployment
  tenant list                      the tenants, their ids, zones and languages
  job run NAME [--at TIME]         run one job as if it were TIME (RFC 3339)
  invite bulk --role kepala|operator [--opd all|CODES] [--days 1–30] --out FILE.pdf|FILE.xlsx [--bot USERNAME]
                                   one single-use invite per OPD and role: cards with QR codes to print, a workbook for WhatsApp
  health                           exit 0 when the running bot answers GET /healthz on QW_LISTEN, else 1 (Docker HEALTHCHECK)
  dashboard link --user ID         a one-time local address that opens the dashboard as that member
  outbox list [--state failed|pending|sending|sent] [--tenant ID] [--limit N]
                                   messages the bot could not deliver and why (default: failed), newest first
  version

`+"`quickwin COMMAND --help`"+` also lists the command's own flags.

Settings (environment variable, or the flag):
`)
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = "none"
		}
		fmt.Fprintf(m.Stdout, "  %-26s --%-22s %s (default: %s)\n", s.env, s.flag, s.usage, def)
	}
}

// usageError marks an error in how a command was called (exit 2).
type usageError struct{ error }

func asUsage(err error, target *usageError) bool {
	ue, ok := err.(usageError)
	if ok {
		*target = ue
	}
	return ok
}

// splitArgs separates leading positional words ("FILE.csv", "NAME") from
// the flags after them, so both `job run NAME --at T` and
// `job run --at T NAME` work.
func splitArgs(args []string) (positional, flags []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			return positional, args[i:]
		}
		positional = append(positional, a)
	}
	return positional, nil
}

// registerCommandFlags adds a subcommand's own flags.
func registerCommandFlags(cmd string, fs *flag.FlagSet) {
	switch cmd {
	case "export":
		fs.String("out", "", "the XLSX file to write (a ZIP with --evidence)")
		fs.Bool("evidence", false, "write a ZIP: the workbook and every report's archived evidence files, linked from it")
		fs.String("from", "", "with --evidence: reports dated from this day (YYYY-MM-DD)")
		fs.String("to", "", "with --evidence: reports dated up to this day, included (YYYY-MM-DD)")
		fs.String("tenant", "", "tenant id (default: the first tenant)")
		fs.String("language", "", "language of the headers: id or en (default: the tenant's)")
	case "import":
		registerImportFlags(fs)
	case "job run":
		fs.String("at", "", "run as if it were this time (RFC 3339, e.g. 2027-03-25T09:00:00+07:00); default now")
		fs.String("tenant", "", "tenant id (default: every tenant)")
	case "job list":
		fs.String("tenant", "", "tenant id (default: every tenant)")
	case "invite bulk":
		registerInviteBulkFlags(fs)
	case "dashboard link":
		fs.String("user", "", "the member's Telegram user id (or member id)")
	case "outbox list":
		fs.String("state", "failed", "failed (given up: blocked, bad request), pending, sending or sent")
		fs.String("tenant", "", "tenant id (default: every tenant)")
		fs.String("limit", "100", "show at most this many, newest first")
	case "tenant add":
		fs.String("zone", "Asia/Jakarta", "the new tenant's time zone (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT)")
		fs.String("language", "id", "the new tenant's language: id or en")
		fs.String("admins", "", "comma-separated Telegram user ids made admin of the new tenant")
	}
}

// logger makes the structured logger for a configured level.
func (m *Main) logger(cfg *Config) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: level}))
}

// openStore opens the database and makes sure the first tenant exists and
// the configured admins are admins of it.
func (m *Main) openStore(ctx context.Context, cfg *Config, log *slog.Logger) (*store.Store, *quickwin.Tenant, error) {
	s, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, DataDir: cfg.DataDir, Listen: cfg.MongoListen, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	s.Clock = m.Clock
	t, err := s.EnsureTenant(ctx, cfg.TenantName, cfg.TimeZone, cfg.Lang)
	if err != nil {
		_ = s.Close(context.Background())
		return nil, nil, err
	}
	for _, id := range cfg.AdminIDs {
		if _, err := s.EnsureAdmin(ctx, t.ID, id); err != nil {
			_ = s.Close(context.Background())
			return nil, nil, fmt.Errorf("make %d admin: %w", id, err)
		}
	}
	return s, t, nil
}

func (m *Main) migrate(ctx context.Context, cfg *Config, _ []string, _ *flag.FlagSet) error {
	s, t, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	fmt.Fprintf(m.Stdout, "indexes are in place; tenant %q (%s, %s)\n", t.Name, t.TimeZone, t.Lang)
	if books, histories, err := s.FillCopies(ctx); err != nil || books+histories > 0 { // store/copies_fill.go
		fmt.Fprintf(m.Stdout, "report books made: %d, histories made: %d\n", books, histories)
		return err
	}
	return nil
}
