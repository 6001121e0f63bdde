package quickwin

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Invite validity in days: a week unless the admin asks for more, at most a
// month (an invite handed out on paper at a Rakor should still work when the
// last head gets round to scanning it, but not forever).
const (
	DefaultInviteDays = 7
	MaxInviteDays     = 30
)

// InviteValidity turns a validity in days into a duration; 0 means
// DefaultInviteDays. EINVALID (key invite.invalid.days) outside 1–MaxInviteDays.
func InviteValidity(days int) (time.Duration, error) {
	if days == 0 {
		days = DefaultInviteDays
	}
	if days < 1 || days > MaxInviteDays {
		return 0, Errorf(EINVALID, "invite validity %d days is not 1–%d", days, MaxInviteDays).
			WithKey("invite.invalid.days", map[string]any{"Days": days, "Max": MaxInviteDays})
	}
	return time.Duration(days) * 24 * time.Hour, nil
}

// InviteLink is the deep link that opens the bot with an invite token: the
// link on a card, in a workbook and in the bot's answer to /undang.
func InviteLink(botUsername, token string) string {
	return "https://t.me/" + strings.TrimPrefix(botUsername, "@") + "?start=" + token
}

// InviteBatch asks for one invite per OPD and role: the invites for a whole
// room at a Rakor.
type InviteBatch struct {
	// Roles to invite. A role that belongs to an OPD (head, staff) gets one
	// invite per OPD; any other role gets one invite.
	Roles []Role
	// OPDs are the OPD codes to invite; empty means every active OPD.
	OPDs []string
	// Days is the validity, 1–MaxInviteDays; 0 means DefaultInviteDays.
	Days int
}

// PlanInvites decides which invites a batch makes from the tenant's OPDs:
// ordered by OPD code, then by role in the order of Roles, without a token
// or times (the store adds them). Every unknown or inactive code is named at
// once, so the admin fixes the command in one go.
// EINVALID (no role, unknown role, days, inactive OPDs, no OPDs),
// ENOTFOUND (unknown OPD codes).
func PlanInvites(b InviteBatch, opds []OPD) ([]Invite, error) {
	if _, err := InviteValidity(b.Days); err != nil {
		return nil, err
	}
	if len(b.Roles) == 0 {
		return nil, Errorf(EINVALID, "no role to invite").WithKey("invite.bulk.no_role", nil)
	}
	var roles []Role
	needOPD := false
	for _, r := range b.Roles {
		if !r.Valid() {
			return nil, Errorf(EINVALID, "unknown role %q", r).WithKey("invite.invalid.role", nil)
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
			needOPD = needOPD || r.NeedsOPD()
		}
	}
	var targets []OPD
	if needOPD {
		var err error
		if targets, err = pickOPDs(b.OPDs, opds); err != nil {
			return nil, err
		}
	}
	var out []Invite
	for _, r := range roles {
		if !r.NeedsOPD() {
			out = append(out, Invite{Role: r})
		}
	}
	for _, o := range targets {
		for _, r := range roles {
			if r.NeedsOPD() {
				out = append(out, Invite{Role: r, OPDCode: o.Code})
			}
		}
	}
	return out, nil
}

// pickOPDs returns the OPDs named by codes (every active one when codes is
// empty), sorted by code, each once.
func pickOPDs(codes []string, opds []OPD) ([]OPD, error) {
	byCode := map[string]OPD{}
	for _, o := range opds {
		byCode[o.Code] = o
	}
	var picked []OPD
	if len(codes) == 0 {
		for _, o := range opds {
			if o.Active {
				picked = append(picked, o)
			}
		}
		if len(picked) == 0 {
			return nil, Errorf(EINVALID, "no active OPD").WithKey("invite.no_opds", nil)
		}
	} else {
		var unknown, inactive []string
		seen := map[string]bool{}
		for _, c := range codes {
			c = strings.ToUpper(strings.TrimSpace(c))
			if c == "" || seen[c] {
				continue
			}
			seen[c] = true
			o, ok := byCode[c]
			switch {
			case !ok:
				unknown = append(unknown, c)
			case !o.Active:
				inactive = append(inactive, c)
			default:
				picked = append(picked, o)
			}
		}
		if len(unknown) > 0 {
			return nil, Errorf(ENOTFOUND, "unknown OPD %s", strings.Join(unknown, ", ")).
				WithKey("invite.bulk.unknown_opds", map[string]any{"Codes": strings.Join(unknown, ", ")})
		}
		if len(inactive) > 0 {
			return nil, Errorf(EINVALID, "inactive OPD %s", strings.Join(inactive, ", ")).
				WithKey("invite.bulk.inactive_opds", map[string]any{"Codes": strings.Join(inactive, ", ")})
		}
		if len(picked) == 0 {
			return nil, Errorf(EINVALID, "no OPD named").WithKey("invite.no_opds", nil)
		}
	}
	slices.SortFunc(picked, func(a, b OPD) int { return strings.Compare(a.Code, b.Code) })
	return picked, nil
}

// InviteBatchService makes and lists invites in bulk.
type InviteBatchService interface {
	// CreateInvites makes every invite PlanInvites plans for the batch, all
	// or none, in its order. EFORBIDDEN and PlanInvites' errors.
	CreateInvites(ctx context.Context, actor *Member, b InviteBatch) ([]Invite, error)
	// OpenInvites lists a tenant's invites that are neither used nor
	// expired, by OPD code and role.
	OpenInvites(ctx context.Context, tenantID string) ([]Invite, error)
}

// InviteCard is one invite as handed out: on a printed card or in a row of
// a workbook.
type InviteCard struct {
	Invite
	OPDName string // empty for roles without an OPD
	Link    string // the deep link (InviteLink)
}

// InviteCards joins invites with their OPD names and deep links.
func InviteCards(invs []Invite, opds []OPD, botUsername string) []InviteCard {
	names := map[string]string{}
	for _, o := range opds {
		names[o.Code] = o.Name
	}
	cards := make([]InviteCard, len(invs))
	for i, inv := range invs {
		cards[i] = InviteCard{Invite: inv, OPDName: names[inv.OPDCode], Link: InviteLink(botUsername, inv.Token)}
	}
	return cards
}

// InvitePrinter renders invite cards for people, in lang (id or en), with
// dates in the tenant's zone: an A4 PDF to print, cut and hand out, and the
// same cards as a workbook to send by WhatsApp.
type InvitePrinter interface {
	InvitePDF(t *Tenant, cards []InviteCard, lang string) ([]byte, error)
	InviteWorkbook(t *Tenant, cards []InviteCard, lang string) ([]byte, error)
}
