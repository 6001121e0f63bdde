package quickwin

import (
	"strings"
	"time"
)

// Tenant is one Pemda served by a deployment, with its own OPDs, people,
// time zone and schedules. A single-Pemda install has one tenant.
type Tenant struct {
	ID        string            `bson:"_id"`
	Name      string            `bson:"name"`
	TimeZone  string            `bson:"tz"`   // IANA name, e.g. Asia/Jakarta
	Lang      string            `bson:"lang"` // default language of its people: id or en
	Schedules map[string]string `bson:"schedules,omitempty"`
	Holidays  []string          `bson:"holidays,omitempty"` // YYYY-MM-DD days off
	CreatedAt time.Time         `bson:"created_at"`
}

// Location returns the tenant's time zone, falling back to Asia/Jakarta.
func (t *Tenant) Location() *time.Location {
	if loc, err := time.LoadLocation(t.TimeZone); err == nil && t.TimeZone != "" {
		return loc
	}
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("WIB", 7*3600)
	}
	return loc
}

// OPD is a regional agency (dinas, badan, kecamatan) of a tenant.
type OPD struct {
	ID       string `bson:"_id"`
	TenantID string `bson:"tenant"`
	Code     string `bson:"code"` // e.g. DINKES, unique per tenant
	Name     string `bson:"name"`
	Active   bool   `bson:"active"`
}

// Normalize tidies an OPD as typed (code upper-case, spaces folded) and
// validates it: EINVALID with the key that says which field is wrong.
func (o *OPD) Normalize() error {
	o.Code = strings.ToUpper(strings.TrimSpace(o.Code))
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	if !ValidOPDCode(o.Code) {
		return Errorf(EINVALID, "code %q must be 2–16 letters, digits, _ or -, starting with a letter", o.Code).
			WithKey("opd.invalid.code", map[string]any{"Code": o.Code})
	}
	if n := len([]rune(o.Name)); n < 2 || n > 120 {
		return Errorf(EINVALID, "name of %s must be 2–120 characters", o.Code).
			WithKey("opd.invalid.name", map[string]any{"Code": o.Code})
	}
	return nil
}

// ValidOPDCode reports whether code is 2–16 characters of A–Z, 0–9, '_' or
// '-', starting with a letter: short enough for callback data and commit codes.
func ValidOPDCode(code string) bool {
	if len(code) < 2 || len(code) > 16 || code[0] < 'A' || code[0] > 'Z' {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Member is a person who joined a tenant through an invite (or was made
// admin by configuration).
type Member struct {
	ID         string    `bson:"_id"`
	TenantID   string    `bson:"tenant"`
	TelegramID int64     `bson:"tg_id"`
	Name       string    `bson:"name"`
	Username   string    `bson:"username,omitempty"`
	Role       Role      `bson:"role"`
	OPDCode    string    `bson:"opd,omitempty"`
	Lang       string    `bson:"lang"`
	Active     bool      `bson:"active"` // false once deactivated or Telegram says the bot is blocked
	JoinedAt   time.Time `bson:"joined_at"`
}

// Invite is a single-use token that lets one person join with a role (and OPD).
type Invite struct {
	Token     string    `bson:"_id"`
	TenantID  string    `bson:"tenant"`
	Role      Role      `bson:"role"`
	OPDCode   string    `bson:"opd,omitempty"`
	CreatedBy string    `bson:"created_by"`
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
	UsedBy    int64     `bson:"used_by,omitempty"` // Telegram id of who used it
	UsedAt    time.Time `bson:"used_at,omitempty"`
}

// InviteTTL is how long an invite stays usable.
const InviteTTL = 7 * 24 * time.Hour

// ValidInviteToken reports whether token fits Telegram's deep-link start
// parameter: 1–64 characters of A–Z a–z 0–9 _ -.
func ValidInviteToken(token string) bool {
	if len(token) == 0 || len(token) > 64 {
		return false
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Group is a group chat registered for the weekly leaderboard.
type Group struct {
	ChatID       int64     `bson:"_id"`
	TenantID     string    `bson:"tenant"`
	Title        string    `bson:"title"`
	Lang         string    `bson:"lang"`
	RegisteredBy string    `bson:"registered_by"`
	RegisteredAt time.Time `bson:"registered_at"`
	Active       bool      `bson:"active"`
}
