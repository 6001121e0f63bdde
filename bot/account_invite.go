package bot

import (
	"strings"

	"quickwin"
	"quickwin/locales"
)

// cmdInvite makes an invite link: typed (/undang DINKES kepala,
// /undang pimpinan, /undang DINKES kepala 30 for 30 days) or through
// buttons (role, then OPD); /undang massal makes them for a whole room.
func (b *Bot) cmdInvite(r *Request) error {
	if r.Args == "" {
		return b.askInviteRole(r)
	}
	if first, rest, _ := strings.Cut(strings.TrimSpace(r.Args), " "); quickwin.Keyword(first) == "massal" || quickwin.Keyword(first) == "bulk" {
		return b.cmdInviteBulk(r, rest)
	}
	var role quickwin.Role
	var opd string
	days := 0
	for _, w := range strings.Fields(r.Args) {
		if rl, ok := quickwin.ParseRole(w); ok && role == "" {
			role = rl
		} else if d, ok := inviteDays(quickwin.Keyword(w)); ok {
			days = d
		} else {
			opd = strings.ToUpper(w)
		}
	}
	if days != 0 {
		return b.makeInviteFor(r, role, opd, days)
	}
	if role == "" {
		_, err := r.Reply(r.T("invite.usage", nil), nil)
		return err
	}
	if role.NeedsOPD() && opd == "" {
		return b.askInviteOPD(r, role)
	}
	return b.makeInvite(r, role, opd)
}

func (b *Bot) askInviteRole(r *Request) error {
	var row []quickwin.Button
	var rows [][]quickwin.Button
	for _, role := range quickwin.Roles {
		row = append(row, quickwin.Button{Text: r.T("role."+string(role), nil), Data: cb("inv", "r", string(role))})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	return r.EditOrReply(r.T("invite.choose_role", nil), rows)
}

func (b *Bot) askInviteOPD(r *Request, role quickwin.Role) error {
	opds, err := b.directory.OPDs(r.Ctx, r.Tenant.ID, true)
	if err != nil {
		return err
	}
	if len(opds) == 0 {
		return r.EditOrReply(r.T("invite.no_opds", nil), nil)
	}
	var buttons []quickwin.Button
	for _, o := range opds {
		buttons = append(buttons, quickwin.Button{Text: o.Code, Data: cb("inv", "o", string(role), o.Code)})
	}
	return r.EditOrReply(r.T("invite.choose_opd", map[string]any{"Role": r.T("role."+string(role), nil)}), grid(buttons, 3))
}

// inviteButton handles inv:r:<role> and inv:o:<role>:<opd>.
func (b *Bot) inviteButton(r *Request) error {
	args := r.Action.Args
	if len(args) < 2 {
		return staleButton(r)
	}
	role := quickwin.Role(args[1])
	if !role.Valid() {
		return staleButton(r)
	}
	switch {
	case args[0] == "r" && len(args) == 2:
		if role.NeedsOPD() {
			return b.askInviteOPD(r, role)
		}
		return b.makeInvite(r, role, "")
	case args[0] == "o" && len(args) == 3:
		return b.makeInvite(r, role, args[2])
	}
	return staleButton(r)
}

func (b *Bot) makeInvite(r *Request, role quickwin.Role, opd string) error {
	inv, err := b.accounts.CreateInvite(r.Ctx, r.Member, role, opd)
	if err != nil {
		return err
	}
	return b.inviteCreated(r, inv)
}

// inviteCreated tells the admin the link of a new invite.
func (b *Bot) inviteCreated(r *Request, inv *quickwin.Invite) error {
	role := inv.Role
	target := r.T("role."+string(role), nil)
	if inv.OPDCode != "" {
		target += " " + inv.OPDCode
	}
	text := r.T("invite.created", map[string]any{
		"Target":  esc(target),
		"Link":    esc(quickwin.InviteLink(b.username, inv.Token)),
		"Expires": locales.FormatDateTime(r.Lang, inv.ExpiresAt.In(r.Tenant.Location())),
	})
	return r.EditOrReply(text, nil)
}

// grid lays buttons out n to a row.
func grid(buttons []quickwin.Button, n int) [][]quickwin.Button {
	var rows [][]quickwin.Button
	for i := 0; i < len(buttons); i += n {
		rows = append(rows, buttons[i:min(i+n, len(buttons))])
	}
	return rows
}
