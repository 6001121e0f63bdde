package quickwin

import (
	"context"
	"time"
)

// The services below are what the bot and the scheduler use. The store
// package implements all of them on MongoDB. Every method that changes
// something takes the acting member, checks Authorize first, and writes an
// audit entry; methods document the error codes they return besides
// EUNAVAILABLE (database unreachable) and EINTERNAL.

// TenantService manages tenants.
type TenantService interface {
	// EnsureTenant returns the first tenant, creating it from the given
	// defaults when there is none.
	EnsureTenant(ctx context.Context, name, tz, lang string) (*Tenant, error)
	// Tenant returns one tenant. ENOTFOUND.
	Tenant(ctx context.Context, id string) (*Tenant, error)
	Tenants(ctx context.Context) ([]Tenant, error)
	// SetSchedules replaces job cron specs. EFORBIDDEN, EINVALID is the caller's job.
	SetSchedules(ctx context.Context, actor *Member, tenantID string, specs map[string]string) error
	// SetHolidays replaces the days off (YYYY-MM-DD). EFORBIDDEN.
	SetHolidays(ctx context.Context, actor *Member, tenantID string, days []string) error
}

// OPDService manages OPDs.
type OPDService interface {
	// CreateOPD adds an OPD. EINVALID (bad code or name), ECONFLICT (code used), EFORBIDDEN.
	CreateOPD(ctx context.Context, actor *Member, o OPD) (*OPD, error)
	// ImportOPDs adds or renames OPDs in bulk for a tenant, all or none. EINVALID, ECONFLICT.
	ImportOPDs(ctx context.Context, tenantID string, opds []OPD) (created, updated int, err error)
	// OPDs lists a tenant's OPDs by code; activeOnly hides deactivated ones.
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]OPD, error)
	// OPD returns one OPD by code. ENOTFOUND.
	OPD(ctx context.Context, tenantID, code string) (*OPD, error)
	// RenameOPD changes an OPD's name. ENOTFOUND, EINVALID, EFORBIDDEN.
	RenameOPD(ctx context.Context, actor *Member, tenantID, code, name string) error
	// SetOPDActive activates or deactivates an OPD. ENOTFOUND, EFORBIDDEN.
	SetOPDActive(ctx context.Context, actor *Member, tenantID, code string, active bool) error
}

// TelegramUser is who Telegram says a person is.
type TelegramUser struct {
	ID       int64
	Name     string
	Username string
	Lang     string // id or en when Telegram reports one of them, else empty
}

// MemberService manages members.
type MemberService interface {
	// MemberByTelegramID returns the active membership of a Telegram user. ENOTFOUND.
	MemberByTelegramID(ctx context.Context, telegramID int64) (*Member, error)
	// Member returns one member by id. ENOTFOUND.
	Member(ctx context.Context, id string) (*Member, error)
	// Members lists a tenant's members (active ones when activeOnly).
	Members(ctx context.Context, tenantID string, activeOnly bool) ([]Member, error)
	// EnsureAdmin makes a Telegram user an admin of the tenant (configuration).
	EnsureAdmin(ctx context.Context, tenantID string, telegramID int64) (*Member, error)
	// SetMemberLang records a member's language.
	SetMemberLang(ctx context.Context, memberID, lang string) error
	// UpdateMemberProfile keeps name and username current from Telegram.
	UpdateMemberProfile(ctx context.Context, memberID string, u TelegramUser) error
	// DeactivateMember removes someone. ENOTFOUND, EFORBIDDEN.
	DeactivateMember(ctx context.Context, actor *Member, memberID string) error
	// MarkBlocked deactivates every membership of a Telegram user who
	// blocked the bot.
	MarkBlocked(ctx context.Context, telegramID int64) error
}

// InviteService manages invites.
type InviteService interface {
	// CreateInvite makes a single-use invite. EFORBIDDEN, EINVALID (role/OPD), ENOTFOUND (OPD).
	CreateInvite(ctx context.Context, actor *Member, role Role, opd string) (*Invite, error)
	// RedeemInvite registers a Telegram user with the invite's role; two
	// people racing for one token: one wins. ENOTFOUND (unknown token),
	// ECONFLICT with key invite.used or invite.expired.
	RedeemInvite(ctx context.Context, token string, u TelegramUser) (*Member, error)
}

// GroupService manages group chats that receive the leaderboard.
type GroupService interface {
	// RegisterGroup registers (or re-registers) a group. EFORBIDDEN.
	RegisterGroup(ctx context.Context, actor *Member, g Group) error
	Groups(ctx context.Context, tenantID string) ([]Group, error)
	// Group returns one registered group (active or not). ENOTFOUND.
	Group(ctx context.Context, chatID int64) (*Group, error)
	// SetGroupLang sets the language a group hears; "" is the tenant's.
	// ENOTFOUND, EFORBIDDEN (admins only).
	SetGroupLang(ctx context.Context, actor *Member, chatID int64, lang string) error
	// DeactivateGroup stops sending to a group (the bot was removed).
	DeactivateGroup(ctx context.Context, chatID int64) error
}

// QuickWinFilter narrows a listing of quick wins.
type QuickWinFilter struct {
	OPDCode  string   // empty: every OPD
	Statuses []Status // empty: every status
	Year     int      // 0: every year
	// DeadlineBefore, when set, keeps quick wins due before it.
	DeadlineBefore time.Time
}

// QuickWinService manages quick wins and their action steps.
type QuickWinService interface {
	// CreateQuickWin stores a new quick win (draft or active) and gives it
	// its code. EINVALID, EFORBIDDEN, ENOTFOUND (OPD).
	CreateQuickWin(ctx context.Context, actor *Member, c *QuickWin) error
	// QuickWin returns one quick win by id. ENOTFOUND.
	QuickWin(ctx context.Context, tenantID, id string) (*QuickWin, error)
	// QuickWinByCode returns one quick win by its code. ENOTFOUND.
	QuickWinByCode(ctx context.Context, tenantID, code string) (*QuickWin, error)
	QuickWins(ctx context.Context, tenantID string, f QuickWinFilter) ([]QuickWin, error)
	// UpdateQuickWin applies change to the current quick win and stores it
	// atomically (retrying on a concurrent write). The reason is stored in
	// the audit entry; changing the target or the deadline of an active
	// quick win, or cancelling it, requires one (EINVALID with key
	// commitment.reason_required). act says which permission applies
	// (ActEditQuickWin or ActEditSteps). ENOTFOUND, EFORBIDDEN.
	UpdateQuickWin(ctx context.Context, actor *Member, act Action, tenantID, id, what, reason string, change func(*QuickWin) error) (*QuickWin, error)
}

// ReportFilter narrows a listing of reports.
type ReportFilter struct {
	QuickWinID string
	OPDCode    string
	State      VerifyState
	From, To   time.Time // on Date; zero: open
	Limit      int
}

// ReportService manages progress reports and their verification.
type ReportService interface {
	// CreateReport stores a report, applies it to its quick win (latest
	// value, finished steps) and returns the updated quick win.
	// EINVALID, EFORBIDDEN, ENOTFOUND.
	CreateReport(ctx context.Context, actor *Member, r *Report) (*QuickWin, error)
	// Report returns one report. ENOTFOUND.
	Report(ctx context.Context, tenantID, id string) (*Report, error)
	Reports(ctx context.Context, tenantID string, f ReportFilter) ([]Report, error)
	// VerifyReport marks a pending report verified. ECONFLICT when not pending.
	VerifyReport(ctx context.Context, actor *Member, tenantID, id string) (*Report, error)
	// ReturnReport sends a report back with a reason. ECONFLICT, EINVALID (no reason).
	ReturnReport(ctx context.Context, actor *Member, tenantID, id, reason string) (*Report, error)
	// CorrectReport replaces value and note of a returned report, adds
	// the evidence to its earlier evidence (MergeEvidence),
	// and makes it pending again. ECONFLICT when not returned.
	CorrectReport(ctx context.Context, actor *Member, tenantID, id string, value *float64, note string, evidence []Evidence) (*Report, error)
}

// QuestionService carries questions from leaders to OPDs and back.
type QuestionService interface {
	// AskQuestion stores a leader's question. EFORBIDDEN, EINVALID, ENOTFOUND.
	AskQuestion(ctx context.Context, actor *Member, tenantID, commitmentID, text string) (*Question, error)
	// AnswerQuestion stores the OPD's answer. ECONFLICT when already answered.
	AnswerQuestion(ctx context.Context, actor *Member, tenantID, questionID, text string) (*Question, error)
	Question(ctx context.Context, tenantID, id string) (*Question, error)
	Questions(ctx context.Context, tenantID, commitmentID string) ([]Question, error)
}

// AuditService reads the audit log.
type AuditService interface {
	// Audit lists entries of one object (all of the tenant when objectID is empty), oldest first.
	Audit(ctx context.Context, tenantID, objectID string, limit int) ([]AuditEntry, error)
}
