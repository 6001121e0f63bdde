package bot

import (
	"slices"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// maxOpenInvitesText keeps the list of who has not joined within one
// Telegram message (4,096 characters) with room for the title and footer.
const maxOpenInvitesText = 3500

// showOpenInvites tells the admin, after the member list of /anggota, who
// of the people invited has not joined yet: per OPD, the roles that have an
// open invite (unused, unexpired) and no active member. After /undang
// massal at a Rakor this is the list of heads to chase. Nothing is sent
// when no invite is open.
func (b *Bot) showOpenInvites(r *Request, members []quickwin.Member) error {
	open, err := b.accounts.OpenInvites(r.Ctx, r.Tenant.ID)
	if err != nil || len(open) == 0 {
		return err
	}
	type seat struct {
		opd  string
		role quickwin.Role
	}
	joined := map[seat]bool{}
	for _, m := range members {
		joined[seat{m.OPDCode, m.Role}] = true
	}
	waiting := map[string][]quickwin.Role{} // OPD code → roles not joined
	var last time.Time
	for _, inv := range open {
		if inv.ExpiresAt.After(last) {
			last = inv.ExpiresAt
		}
		if !joined[seat{inv.OPDCode, inv.Role}] && !slices.Contains(waiting[inv.OPDCode], inv.Role) {
			waiting[inv.OPDCode] = append(waiting[inv.OPDCode], inv.Role)
		}
	}
	codes := make([]string, 0, len(waiting))
	for c := range waiting {
		codes = append(codes, c)
	}
	slices.Sort(codes)

	var sb strings.Builder
	sb.WriteString("<b>" + r.T("invite.open.title", map[string]any{"N": len(open)}) + "</b>")
	if len(codes) > 0 {
		sb.WriteString("\n" + r.T("invite.open.not_joined", nil))
	}
	for i, code := range codes {
		if sb.Len() > maxOpenInvitesText {
			sb.WriteString("\n" + r.T("invite.open.more", map[string]any{"N": len(codes) - i}))
			break
		}
		roles := waiting[code]
		slices.SortFunc(roles, func(a, b quickwin.Role) int { return slices.Index(quickwin.Roles, a) - slices.Index(quickwin.Roles, b) })
		names := make([]string, len(roles))
		for j, role := range roles {
			names[j] = r.T("role."+string(role), nil)
		}
		name := code
		if name == "" {
			name = r.T("invite.open.no_opd", nil)
		}
		sb.WriteString("\n• <b>" + esc(name) + "</b> — " + esc(strings.Join(names, ", ")))
	}
	sb.WriteString("\n\n" + r.T("invite.open.until", map[string]any{"Expires": locales.FormatDateTime(r.Lang, last.In(r.Tenant.Location()))}))
	_, err = r.Reply(sb.String(), nil)
	return err
}
