package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"quickwin"
	"quickwin/dashboard"
	"quickwin/locales"
	"quickwin/store"
	"quickwin/telegram"
)

// dashboardPrefix is where the Mini App lives on QW_LISTEN (and behind
// QW_PUBLIC_URL): the reverse proxy must pass it through unchanged.
const dashboardPrefix = "/app/"

// newDashboard makes the Mini App's handler. It is served whether or not
// QW_PUBLIC_URL is set, so that `quickwin dashboard link` works on a
// machine Telegram cannot reach; QW_PUBLIC_URL only decides whether the
// chat offers it.
func (m *Main) newDashboard(cfg *Config, s *store.Store, log *slog.Logger) http.Handler {
	return dashboard.New(dashboard.Config{
		Store: s, BotToken: cfg.TelegramToken, Clock: m.Clock, Log: log, Prefix: dashboardPrefix,
		SecureCookies: strings.HasPrefix(cfg.PublicURL, "https://"),
		Evidence:      evidenceFiles(cfg, s), // thumbnails from the evidence archive
	})
}

// dashboardURL is the Mini App's public address, or "" when QW_PUBLIC_URL is unset.
func dashboardURL(cfg *Config) string {
	if cfg.PublicURL == "" {
		return ""
	}
	return strings.TrimSuffix(cfg.PublicURL, "/") + dashboardPrefix
}

// validPublicURL checks QW_PUBLIC_URL: an https origin (Telegram opens
// Mini Apps over HTTPS only; http is allowed for localhost, for trying),
// with no path: the pages' addresses start at /app/.
func validPublicURL(v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.Path != "" && u.Path != "/" {
		return fmt.Errorf("%q is not an address like https://quickwin.example.go.id (no path: the dashboard is served at /app/)", v)
	}
	local := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1"
	if u.Scheme != "https" && !(u.Scheme == "http" && local) {
		return fmt.Errorf("%q must start with https:// (Telegram opens Mini Apps over HTTPS only)", v)
	}
	return nil
}

// setDashboardMenuButton makes "📊 Dasbor" the bot's menu button in
// private chats, in the tenant's language. A stranger who presses it gets
// a page that explains how to join.
func setDashboardMenuButton(ctx context.Context, client *telegram.Client, appURL string, lang locales.Lang) error {
	return client.SetMenuButton(ctx, locales.T(lang, "dash.button.menu", nil), appURL)
}

// dashboardLink prints a local address with a one-time token that opens
// the dashboard as a member: --user is a Telegram user id or a member id.
func (m *Main) dashboardLink(ctx context.Context, cfg *Config, _ []string, fs *flag.FlagSet) error {
	if cfg.TelegramToken == "" {
		return usageError{fmt.Errorf("QW_TELEGRAM_TOKEN is not set: the link is signed with the bot token, so the serving bot accepts it")}
	}
	user := strings.TrimSpace(fs.Lookup("user").Value.String())
	if user == "" {
		return usageError{fmt.Errorf("dashboard link needs --user: a member's Telegram user id (or member id)")}
	}
	base, err := localBase(cfg.Listen)
	if err != nil {
		return usageError{err}
	}
	s, _, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	var member *quickwin.Member
	if id, perr := strconv.ParseInt(user, 10, 64); perr == nil {
		member, err = s.MemberByTelegramID(ctx, id)
	} else {
		member, err = s.Member(ctx, user)
	}
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return fmt.Errorf("no active member %s: they join through an invite link first", user)
	}
	if err != nil {
		return err
	}
	if !member.Active {
		return fmt.Errorf("member %s (%s) is deactivated", member.ID, member.Name)
	}
	token := dashboard.LinkToken(cfg.TelegramToken, member.ID, m.Clock.Now())
	fmt.Fprintf(m.Stdout, "%s%slink?token=%s\n", base, dashboardPrefix, url.QueryEscape(token))
	fmt.Fprintf(m.Stdout, "opens the dashboard once as %s (%s, %s), within %v, while `quickwin serve` runs\n",
		member.Name, member.Role, member.TenantID, dashboard.LinkTTL)
	return nil
}
