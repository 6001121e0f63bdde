package bot

import (
	"strconv"
	"strings"

	"quickwin"
)

// maxMemberButtons bounds the deactivate buttons under the member list;
// beyond it, /anggota nonaktif <Telegram id> does the same.
const maxMemberButtons = 30

// cmdMembers lists who has joined, by OPD and role, with buttons to
// deactivate someone (typed: /anggota nonaktif <Telegram id>).
func (b *Bot) cmdMembers(r *Request) error {
	if f := strings.Fields(r.Args); len(f) == 2 && (quickwin.Keyword(f[0]) == "nonaktif" || quickwin.Keyword(f[0]) == "deactivate") {
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			_, err := r.Reply(r.T("members.usage", nil), nil)
			return err
		}
		if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActDeactivate, ""); err != nil {
			return err
		}
		return b.deactivateByTelegramID(r, id)
	}
	// Leaders see the members; only admins deactivate (SPEC §3), so only
	// they get the buttons.
	mayDeactivate := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActDeactivate, "") == nil
	ms, err := b.directory.Members(r.Ctx, r.Tenant.ID, true)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("<b>" + r.T("members.title", map[string]any{"N": len(ms)}) + "</b>")
	group := "\x00"
	var buttons []quickwin.Button
	for _, m := range ms {
		if m.OPDCode != group {
			group = m.OPDCode
			name := m.OPDCode
			if name == "" {
				name = r.T("members.no_opd", nil)
			}
			sb.WriteString("\n\n<b>" + esc(name) + "</b>")
		}
		line := "\n• " + esc(m.Name)
		if m.Username != "" {
			line += " (@" + esc(m.Username) + ")"
		}
		sb.WriteString(line + " — " + r.T("role."+string(m.Role), nil) + " · <code>" + strconv.FormatInt(m.TelegramID, 10) + "</code>")
		if mayDeactivate && m.ID != r.Member.ID && len(buttons) < maxMemberButtons {
			buttons = append(buttons, quickwin.Button{Text: "✖ " + truncate(m.Name, 20), Data: cb("mem", "d", m.ID)})
		}
	}
	if mayDeactivate {
		sb.WriteString("\n\n" + r.T("members.hint", nil))
	}
	if _, err = r.Reply(sb.String(), grid(buttons, 2)); err != nil || !r.Is(quickwin.RoleAdmin) {
		return err
	}
	return b.showOpenInvites(r, ms)
}

func (b *Bot) deactivateByTelegramID(r *Request, tgID int64) error {
	ms, err := b.directory.Members(r.Ctx, r.Tenant.ID, true)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.TelegramID == tgID {
			return b.confirmDeactivate(r, &m)
		}
	}
	_, err = r.Reply(r.T("members.not_found", nil), nil)
	return err
}

func (b *Bot) confirmDeactivate(r *Request, m *quickwin.Member) error {
	return r.EditOrReply(r.T("members.confirm", map[string]any{"Name": esc(m.Name), "Role": r.T("role."+string(m.Role), nil)}),
		[][]quickwin.Button{{
			{Text: r.T("common.yes", nil), Data: cb("mem", "D", m.ID)},
			{Text: r.T("common.no", nil), Data: cb("mem", "n")},
		}})
}

// membersButton handles mem:d:<id> (ask), mem:D:<id> (do) and mem:n (no).
// Every one of them is about deactivating, which the domain allows admins
// only: anyone else's press (a leader's old or forged button) changes
// nothing and says why.
func (b *Bot) membersButton(r *Request) error {
	args := r.Action.Args
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActDeactivate, ""); err != nil {
		r.Answer(truncate(stripTags(b.errorText(r, err)), 180))
		return nil
	}
	switch {
	case len(args) == 1 && args[0] == "n":
		return r.EditOrReply(r.T("members.kept", nil), nil)
	case len(args) == 2 && (args[0] == "d" || args[0] == "D"):
		m, err := b.directory.Member(r.Ctx, args[1])
		if err != nil || m.TenantID != r.Tenant.ID || !m.Active {
			return staleButton(r)
		}
		if args[0] == "d" {
			return b.confirmDeactivate(r, m)
		}
		if err := b.accounts.DeactivateMember(r.Ctx, r.Member, m.ID); err != nil {
			return err
		}
		b.forgetMember(m.TelegramID)
		return r.EditOrReply(r.T("members.deactivated", map[string]any{"Name": esc(m.Name)}), nil)
	}
	return staleButton(r)
}
