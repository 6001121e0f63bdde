package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/invitecard"
	"quickwin/locales"
)

const inviteBulkUsage = "usage: quickwin invite bulk --role kepala|operator[,…] [--opd all|CODE,…] [--days 1–30] --out FILE.pdf [--out FILE.xlsx] [--bot USERNAME]"

// outFiles is a repeatable --out flag (also comma-separated).
type outFiles []string

func (o *outFiles) String() string { return strings.Join(*o, ",") }

func (o *outFiles) Set(v string) error {
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*o = append(*o, f)
		}
	}
	return nil
}

// registerInviteBulkFlags adds the flags of `invite bulk`.
func registerInviteBulkFlags(fs *flag.FlagSet) {
	fs.String("role", "", "who to invite: kepala (head), operator (staff), or both as kepala,operator")
	fs.String("opd", "all", "all for every active OPD, or OPD codes separated by commas")
	fs.Int("days", quickwin.DefaultInviteDays, fmt.Sprintf("how many days the links work (1–%d)", quickwin.MaxInviteDays))
	fs.Var(&outFiles{}, "out", "file to write: .pdf (cards to print) or .xlsx (links for WhatsApp); repeat for both")
	fs.String("bot", "", "the bot's Telegram username for the links; default: asked from Telegram with QW_TELEGRAM_TOKEN")
	fs.String("tenant", "", "tenant id (default: the first tenant)")
	fs.String("language", "", "language of the cards: id or en (default: the tenant's)")
}

// inviteBulk makes one single-use invite per OPD and role, all or none, and
// writes them as A4 cards with QR codes (PDF) and as a workbook. The links
// name the bot: --bot, or else Telegram's answer to getMe for the
// configured token, so a typo cannot print 40 dead QR codes.
func (m *Main) inviteBulk(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	if len(args) != 0 {
		return usageError{errors.New(inviteBulkUsage)}
	}
	batch, err := inviteBatchFromFlags(fs)
	if err != nil {
		return usageError{err}
	}
	outs := *fs.Lookup("out").Value.(*outFiles)
	if len(outs) == 0 {
		return usageError{errors.New("--out: name a .pdf or .xlsx file; " + inviteBulkUsage)}
	}
	for _, out := range outs {
		if ext := strings.ToLower(filepath.Ext(out)); ext != ".pdf" && ext != ".xlsx" {
			return usageError{fmt.Errorf("--out %s: the file must end in .pdf or .xlsx", out)}
		}
	}
	username, err := botUsername(cfg, fs.Lookup("bot").Value.String())
	if err != nil {
		return err
	}
	s, t, lang, err := m.openTenant(ctx, cfg, fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	// The command line acts as an admin of the tenant: whoever runs it
	// holds the database already. The audit log names it "cli".
	actor := &quickwin.Member{ID: "cli", TenantID: t.ID, Name: "quickwin invite bulk", Role: quickwin.RoleAdmin, Active: true}
	invs, err := s.CreateInvites(ctx, actor, batch)
	if err != nil {
		return err
	}
	opds, err := s.OPDs(ctx, t.ID, false)
	if err != nil {
		return err
	}
	cards := quickwin.InviteCards(invs, opds, username)
	var printer invitecard.Printer
	files := map[string][]byte{}
	for _, out := range outs {
		var data []byte
		if strings.EqualFold(filepath.Ext(out), ".pdf") {
			data, err = printer.InvitePDF(t, cards, lang)
		} else {
			data, err = printer.InviteWorkbook(t, cards, lang)
		}
		if err != nil {
			return fmt.Errorf("%s: %w (the %d invites are stored but were shown to nobody; they expire unused)", out, err, len(invs))
		}
		files[out] = data
	}
	for _, out := range outs {
		if err := writeFileAtomic(out, files[out]); err != nil {
			return fmt.Errorf("%w (the %d invites are stored but were shown to nobody; they expire unused)", err, len(invs))
		}
	}
	fmt.Fprintf(m.Stdout, "made %d single-use invite(s) for @%s, valid until %s; wrote %s\n", len(invs), username,
		locales.FormatDateTime(locales.Lang(lang), invs[0].ExpiresAt.In(t.Location())), strings.Join(outs, ", "))
	return nil
}

// inviteBatchFromFlags reads --role, --opd and --days.
func inviteBatchFromFlags(fs *flag.FlagSet) (quickwin.InviteBatch, error) {
	var b quickwin.InviteBatch
	for _, w := range strings.Split(fs.Lookup("role").Value.String(), ",") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		role, ok := quickwin.ParseRole(w)
		if !ok || !role.NeedsOPD() {
			return b, fmt.Errorf("--role %q: one invite per OPD is for kepala (head) or operator (staff); invite leaders and admins one by one with /undang", w)
		}
		b.Roles = append(b.Roles, role)
	}
	if len(b.Roles) == 0 {
		return b, errors.New("--role: say who to invite (kepala, operator, or kepala,operator); " + inviteBulkUsage)
	}
	switch opd := strings.TrimSpace(fs.Lookup("opd").Value.String()); strings.ToLower(opd) {
	case "all", "semua":
	case "":
		return b, errors.New("--opd: all, or OPD codes separated by commas")
	default:
		for _, c := range strings.Split(opd, ",") {
			c = strings.ToUpper(strings.TrimSpace(c))
			if c == "" {
				continue
			}
			if !quickwin.ValidOPDCode(c) {
				return b, fmt.Errorf("--opd: %q is not an OPD code (2–16 letters, digits, _ or -, starting with a letter)", c)
			}
			b.OPDs = append(b.OPDs, c)
		}
	}
	days, _ := strconv.Atoi(fs.Lookup("days").Value.String())
	if _, err := quickwin.InviteValidity(days); err != nil || days == 0 {
		return b, fmt.Errorf("--days %s: an invite works for 1–%d days", fs.Lookup("days").Value.String(), quickwin.MaxInviteDays)
	}
	b.Days = days
	return b, nil
}

// botUsername is --bot, or the username Telegram gives for the configured
// token (getMe). A usage error when there is neither.
func botUsername(cfg *Config, flagValue string) (string, error) {
	if u := strings.TrimPrefix(strings.TrimSpace(flagValue), "@"); u != "" {
		if !validBotUsername(u) {
			return "", usageError{fmt.Errorf("--bot %q is not a bot username (5–32 letters, digits or _, ending in bot)", flagValue)}
		}
		return u, nil
	}
	if cfg.TelegramToken == "" {
		return "", usageError{errors.New("the links need the bot's username: pass --bot USERNAME, or set QW_TELEGRAM_TOKEN to ask Telegram")}
	}
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(cfg.TelegramToken, cfg.TelegramEndpoint)
	if err != nil {
		return "", fmt.Errorf("ask Telegram for the bot's username (getMe): %w; or pass --bot USERNAME", err)
	}
	return api.Self.UserName, nil
}

// validBotUsername: Telegram's rule for bot usernames.
func validBotUsername(u string) bool {
	if len(u) < 5 || len(u) > 32 || !strings.HasSuffix(strings.ToLower(u), "bot") {
		return false
	}
	for _, c := range u {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
