package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"quickwin/locales"
	"quickwin/store"
	"strings"
	"text/tabwriter"

	"quickwin"
)

// tenantAdd creates another tenant — a regency served by the same
// deployment — with its time zone, language and first admins, who then
// invite everyone else from the chat.
func (m *Main) tenantAdd(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
		return usageError{errors.New(`usage: quickwin tenant add "Kabupaten Majene" --zone Asia/Makassar --admins 123456`)}
	}
	admins := &Config{}
	if err := settingFor("QW_ADMIN_IDS").set(admins, fs.Lookup("admins").Value.String()); err != nil {
		return usageError{fmt.Errorf("--admins: %w", err)}
	}
	if len(admins.AdminIDs) == 0 {
		return usageError{errors.New("--admins: a new tenant needs at least one admin (a Telegram user id)")}
	}
	lang := fs.Lookup("language").Value.String()
	if lang != "id" && lang != "en" {
		return usageError{fmt.Errorf("--language must be id or en, got %q", lang)}
	}
	s, _, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	t, err := s.CreateTenant(ctx, quickwin.Tenant{Name: strings.TrimSpace(args[0]), TimeZone: fs.Lookup("zone").Value.String(), Lang: lang})
	if err != nil {
		return err
	}
	for _, id := range admins.AdminIDs {
		if _, err := s.EnsureAdmin(ctx, t.ID, id); err != nil {
			return fmt.Errorf("make %d admin of %s: %w", id, t.ID, err)
		}
	}
	fmt.Fprintf(m.Stdout, "tenant %s (%s, %s) created with %d admin(s); they send /undang in the bot to invite the rest\n", t.ID, t.TimeZone, t.Lang, len(admins.AdminIDs))
	return nil
}

// tenantList prints the tenants.
func (m *Main) tenantList(ctx context.Context, cfg *Config, _ []string, _ *flag.FlagSet) error {
	if err := requireData(cfg); err != nil {
		return err
	}
	s, _, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	ts, err := s.Tenants(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tZONE\tLANG")
	for _, t := range ts {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.ID, t.Name, t.TimeZone, t.Lang)
	}
	return w.Flush()
}

// settingFor returns the setting of an environment variable.
func settingFor(env string) setting {
	for _, s := range settings {
		if s.env == env {
			return s
		}
	}
	panic("no setting " + env)
}

// openTenant opens the store of an existing installation and returns the
// tenant named by --tenant (the first one by default) and the language of
// --language (the tenant's by default); the caller closes the store.
func (m *Main) openTenant(ctx context.Context, cfg *Config, fs *flag.FlagSet) (*store.Store, *quickwin.Tenant, string, error) {
	lang := fs.Lookup("language").Value.String()
	if lang != "" && lang != string(locales.ID) && lang != string(locales.EN) {
		return nil, nil, "", usageError{fmt.Errorf("--language must be id or en, got %q", lang)}
	}
	if err := requireData(cfg); err != nil {
		return nil, nil, "", err
	}
	s, t, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return nil, nil, "", err
	}
	if id := fs.Lookup("tenant").Value.String(); id != "" {
		if t, err = s.Tenant(ctx, id); err != nil {
			_ = s.Close(context.Background())
			return nil, nil, "", err
		}
	}
	if lang == "" {
		lang = t.Lang
	}
	return s, t, lang, nil
}
