package bot

import (
	"context"
	"time"

	"quickwin"
)

// Store is everything the bot reads and writes; *store.Store satisfies it.
// New hands each feature group only its own part, so that what a group may
// touch is written down here and held by store_test.go: account_* files use
// b.accounts, admin_* b.admin, quickwin_* b.quickwins, progress_*
// b.progress, question* b.questions, overview* b.overview; every file may
// look people, OPDs and tenants up through b.directory; only the engine
// (wizards, update handling) keeps conversations and update claims.
type Store interface {
	directoryStore
	accountStore
	adminStore
	quickWinStore
	progressStore
	questionStore
	overviewStore
	ConversationStore
	UpdateClaims
}

// directoryStore looks up who and what an update is about; every feature
// needs it.
type directoryStore interface {
	Tenant(ctx context.Context, id string) (*quickwin.Tenant, error)
	Tenants(ctx context.Context) ([]quickwin.Tenant, error)
	MemberByTelegramID(ctx context.Context, telegramID int64) (*quickwin.Member, error)
	Member(ctx context.Context, id string) (*quickwin.Member, error)
	Members(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.Member, error)
	OPD(ctx context.Context, tenantID, code string) (*quickwin.OPD, error)
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error)
}

// accountStore is joining, invites, members and their language (account_*).
type accountStore interface {
	CreateInvite(ctx context.Context, actor *quickwin.Member, role quickwin.Role, opd string) (*quickwin.Invite, error)
	CreateInvites(ctx context.Context, actor *quickwin.Member, b quickwin.InviteBatch) ([]quickwin.Invite, error)
	OpenInvites(ctx context.Context, tenantID string) ([]quickwin.Invite, error)
	RedeemInvite(ctx context.Context, token string, u quickwin.TelegramUser) (*quickwin.Member, error)
	DeactivateMember(ctx context.Context, actor *quickwin.Member, memberID string) error
	SetMemberLang(ctx context.Context, memberID, lang string) error
	UpdateMemberProfile(ctx context.Context, memberID string, u quickwin.TelegramUser) error
}

// adminStore is the tenant's set-up: OPDs, groups, schedules and holidays
// (admin_*).
type adminStore interface {
	CreateOPD(ctx context.Context, actor *quickwin.Member, o quickwin.OPD) (*quickwin.OPD, error)
	RenameOPD(ctx context.Context, actor *quickwin.Member, tenantID, code, name string) error
	SetOPDActive(ctx context.Context, actor *quickwin.Member, tenantID, code string, active bool) error
	RegisterGroup(ctx context.Context, actor *quickwin.Member, g quickwin.Group) error
	Group(ctx context.Context, chatID int64) (*quickwin.Group, error)
	SetGroupLang(ctx context.Context, actor *quickwin.Member, chatID int64, lang string) error
	SetHolidays(ctx context.Context, actor *quickwin.Member, tenantID string, days []string) error
	SetSchedules(ctx context.Context, actor *quickwin.Member, tenantID string, specs map[string]string) error
}

// quickWinStore is making, listing, planning and changing quick wins
// (quickwin_*); a quick win's page also shows its reports, questions and
// history.
type quickWinStore interface {
	QuickWin(ctx context.Context, tenantID, id string) (*quickwin.QuickWin, error)
	QuickWinByCode(ctx context.Context, tenantID, code string) (*quickwin.QuickWin, error)
	QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error)
	CreateQuickWin(ctx context.Context, actor *quickwin.Member, c *quickwin.QuickWin) error
	UpdateQuickWin(ctx context.Context, actor *quickwin.Member, act quickwin.Action, tenantID, id, what, reason string, change func(*quickwin.QuickWin) error) (*quickwin.QuickWin, error)
	// QuickWinReports are c's reports, newest first, and QuickWinHistory
	// its audit entries, oldest first: each from the quick win's own copy,
	// read by its id.
	QuickWinReports(ctx context.Context, c *quickwin.QuickWin) ([]quickwin.Report, error)
	QuickWinHistory(ctx context.Context, tenantID, id string) ([]quickwin.AuditEntry, error)
	Questions(ctx context.Context, tenantID, commitmentID string) ([]quickwin.Question, error)
}

// progressStore is reports, their corrections and their verification
// (progress_*).
type progressStore interface {
	QuickWin(ctx context.Context, tenantID, id string) (*quickwin.QuickWin, error)
	Report(ctx context.Context, tenantID, id string) (*quickwin.Report, error)
	Reports(ctx context.Context, tenantID string, f quickwin.ReportFilter) ([]quickwin.Report, error)
	CreateReport(ctx context.Context, actor *quickwin.Member, r *quickwin.Report) (*quickwin.QuickWin, error)
	CorrectReport(ctx context.Context, actor *quickwin.Member, tenantID, id string, value *float64, note string, evidence []quickwin.Evidence) (*quickwin.Report, error)
	VerifyReport(ctx context.Context, actor *quickwin.Member, tenantID, id string) (*quickwin.Report, error)
	ReturnReport(ctx context.Context, actor *quickwin.Member, tenantID, id, reason string) (*quickwin.Report, error)
}

// questionStore is leaders' questions and heads' answers (question*).
type questionStore interface {
	QuickWin(ctx context.Context, tenantID, id string) (*quickwin.QuickWin, error)
	Question(ctx context.Context, tenantID, id string) (*quickwin.Question, error)
	AskQuestion(ctx context.Context, actor *quickwin.Member, tenantID, commitmentID, text string) (*quickwin.Question, error)
	AnswerQuestion(ctx context.Context, actor *quickwin.Member, tenantID, questionID, text string) (*quickwin.Question, error)
}

// overviewStore is what /ringkasan, /peringkat and /ekspor read
// themselves (overview*); the rest comes through Config.Publisher.
type overviewStore interface {
	// TrackedQuickWinsSummarised is a tenant's (or an OPD's) quick wins in
	// the given statuses, from the OPDs' summaries the digest also reads.
	TrackedQuickWinsSummarised(ctx context.Context, tenantID, opd string, statuses ...quickwin.Status) ([]quickwin.QuickWin, error)
}

// ConversationStore keeps wizards (one per chat and user) so that they
// survive a restart.
type ConversationStore interface {
	// Conversation returns the wizard state of a chat and user (ENOTFOUND).
	Conversation(ctx context.Context, chatID, userID int64) (*quickwin.Conversation, error)
	SaveConversation(ctx context.Context, c *quickwin.Conversation) error
	DeleteConversation(ctx context.Context, chatID, userID int64) error
	IdleConversations(ctx context.Context, before time.Time, limit int) ([]quickwin.Conversation, error)
}

// UpdateClaims make every update handled once across restarts and
// instances.
type UpdateClaims interface {
	// ClaimUpdate records that this instance handles the update with key
	// (telegram.Key); false when it was handled (or is being handled)
	// already.
	ClaimUpdate(ctx context.Context, key string, owner string) (bool, error)
	FinishUpdates(ctx context.Context, keys []string) error
	ReleaseUpdate(ctx context.Context, key string) error
	PruneUpdates(ctx context.Context, before time.Time) (int64, error)
}
