package bot

import (
	"slices"
	"strconv"
	"strings"

	"quickwin"
	"quickwin/locales"
)

// cmdInviteBulk makes the invites for a whole room (/undang massal): one
// single-use link per OPD and role, sent back as printable cards (PDF) and
// as a workbook for WhatsApp. Typed:
//
//	/undang massal kepala semua
//	/undang massal operator DINKES DISDIK 14
//	/undang massal kepala operator semua 30
//
// or /undang massal alone, then the role with a button (every active OPD).
func (b *Bot) cmdInviteBulk(r *Request, args string) error {
	if b.InvitePrinter == nil {
		_, err := r.Reply(r.T("invite.bulk.unavailable", nil), nil)
		return err
	}
	batch, ok := parseInviteBatch(args)
	if !ok {
		_, err := r.Reply(r.T("invite.bulk.usage", nil), nil)
		return err
	}
	if len(batch.Roles) == 0 && len(batch.OPDs) == 0 {
		return b.askBulkRole(r, batch.Days)
	}
	for _, role := range batch.Roles {
		if !role.NeedsOPD() {
			_, err := r.Reply(r.T("invite.bulk.opd_roles_only", nil), nil)
			return err
		}
	}
	return b.makeInviteBatch(r, batch)
}

// makeInviteFor makes one invite valid for days (/undang DINKES kepala 30):
// a batch of one, so the validity is checked in one place.
func (b *Bot) makeInviteFor(r *Request, role quickwin.Role, opd string, days int) error {
	if role == "" {
		_, err := r.Reply(r.T("invite.usage", nil), nil)
		return err
	}
	batch := quickwin.InviteBatch{Roles: []quickwin.Role{role}, Days: days}
	if role.NeedsOPD() {
		if opd == "" {
			return quickwin.Errorf(quickwin.EINVALID, "role %s needs an OPD", role).WithKey("invite.invalid.opd_required", nil)
		}
		batch.OPDs = []string{opd}
	}
	invs, err := b.accounts.CreateInvites(r.Ctx, r.Member, batch)
	if err != nil {
		return err
	}
	return b.inviteCreated(r, &invs[0])
}

// parseInviteBatch reads the words after /undang massal: roles, OPD codes
// (or semua/all for every active OPD), and a validity in days. ok is false
// when a word is none of these or "semua" comes with codes.
func parseInviteBatch(args string) (quickwin.InviteBatch, bool) {
	var batch quickwin.InviteBatch
	all := false
	for _, w := range strings.FieldsFunc(args, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' }) {
		k := quickwin.Keyword(w)
		if role, ok := quickwin.ParseRole(w); ok {
			batch.Roles = append(batch.Roles, role)
			continue
		}
		if days, ok := inviteDays(k); ok {
			batch.Days = days
			continue
		}
		switch k {
		case "semua", "all", "semuaopd", "allopds":
			all = true
		case "keduanya", "both":
			batch.Roles = append(batch.Roles, quickwin.RoleHead, quickwin.RoleStaff)
		case "hari", "days", "day":
		default:
			code := strings.ToUpper(strings.TrimSpace(w))
			if !quickwin.ValidOPDCode(code) {
				return batch, false
			}
			batch.OPDs = append(batch.OPDs, code)
		}
	}
	return batch, !(all && len(batch.OPDs) > 0)
}

// inviteDays reads a validity typed as "30", "30hari" or "30days"; the
// range is the domain's to check, so that 45 gets its own answer.
func inviteDays(k string) (int, bool) {
	for _, unit := range []string{"hari", "days", "day", "d"} {
		k = strings.TrimSuffix(k, unit)
	}
	n, err := strconv.Atoi(k)
	return n, err == nil
}

// askBulkRole offers the roles for invites to every active OPD.
func (b *Bot) askBulkRole(r *Request, days int) error {
	if _, err := quickwin.InviteValidity(days); err != nil {
		return err
	}
	if days == 0 {
		days = quickwin.DefaultInviteDays
	}
	d := strconv.Itoa(days)
	return r.EditOrReply(r.T("invite.bulk.choose_role", map[string]any{"Days": locales.TPlural(r.Lang, "common.days", days, nil)}), [][]quickwin.Button{
		{
			{Text: r.T("role.head", nil), Data: cb("invb", "head", d)},
			{Text: r.T("role.staff", nil), Data: cb("invb", "staff", d)},
		},
		{{Text: r.T("invite.bulk.both", nil), Data: cb("invb", "head+staff", d)}},
	})
}

// inviteBulkButton handles invb:<role[+role]>:<days>.
func (b *Bot) inviteBulkButton(r *Request) error {
	args := r.Action.Args
	if len(args) != 2 || b.InvitePrinter == nil {
		return staleButton(r)
	}
	days, err := strconv.Atoi(args[1])
	if err != nil {
		return staleButton(r)
	}
	batch := quickwin.InviteBatch{Days: days}
	for _, s := range strings.Split(args[0], "+") {
		role := quickwin.Role(s)
		if !role.NeedsOPD() {
			return staleButton(r)
		}
		batch.Roles = append(batch.Roles, role)
	}
	r.Answer("")
	return b.makeInviteBatch(r, batch)
}

// makeInviteBatch stores the batch (all or none), then sends the summary,
// the cards and the workbook. The cards are rendered before anything is
// sent, so a rendering failure leaves the admin with an apology and links
// nobody has seen (they expire unused) rather than half a delivery.
func (b *Bot) makeInviteBatch(r *Request, batch quickwin.InviteBatch) error {
	if len(batch.Roles) == 0 {
		_, err := r.Reply(r.T("invite.bulk.no_role", nil), nil)
		return err
	}
	invs, err := b.accounts.CreateInvites(r.Ctx, r.Member, batch)
	if err != nil {
		return err
	}
	opds, err := b.directory.OPDs(r.Ctx, r.Tenant.ID, false)
	if err != nil {
		return err
	}
	cards := quickwin.InviteCards(invs, opds, b.username)
	lang := string(r.Lang)
	pdf, err := b.InvitePrinter.InvitePDF(r.Tenant, cards, lang)
	if err != nil {
		return err
	}
	xlsx, err := b.InvitePrinter.InviteWorkbook(r.Tenant, cards, lang)
	if err != nil {
		return err
	}
	codes := map[string]bool{}
	var roles []string
	for _, inv := range invs {
		if inv.OPDCode != "" {
			codes[inv.OPDCode] = true
		}
		if name := r.T("role."+string(inv.Role), nil); !slices.Contains(roles, name) {
			roles = append(roles, name)
		}
	}
	loc := r.Tenant.Location()
	text := r.T("invite.bulk.created", map[string]any{
		"Links": locales.TPlural(r.Lang, "invite.bulk.links", len(invs), nil), "OPDs": locales.TPlural(r.Lang, "invite.bulk.opds", len(codes), nil), "Roles": esc(strings.Join(roles, ", ")),
		"Expires": locales.FormatDateTime(r.Lang, invs[0].ExpiresAt.In(loc)),
	})
	if err := r.EditOrReply(text, nil); err != nil {
		return err
	}
	base := r.T("invite.bulk.file", nil) + "-" + invs[0].CreatedAt.In(loc).Format("2006-01-02")
	if err := b.sendDocument(r, &quickwin.Document{File: pdf, FileName: base + ".pdf"}, locales.TPlural(r.Lang, "invite.bulk.pdf_caption", len(invs), nil)); err != nil {
		return err
	}
	return b.sendDocument(r, &quickwin.Document{File: xlsx, FileName: base + ".xlsx"}, r.T("invite.bulk.xlsx_caption", nil))
}
