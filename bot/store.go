package bot

import (
	"context"
	"time"

	"quickwin"
)

// Store is everything the bot reads and writes: the domain's services (each
// feature uses its own: accounts the member and invite services, quick wins
// QuickWinService, progress ReportService, ...), and the two things only
// the bot keeps — wizard state and update claims.
type Store interface {
	quickwin.TenantService
	quickwin.OPDService
	quickwin.MemberService
	quickwin.InviteService
	quickwin.InviteBatchService
	quickwin.GroupService
	quickwin.QuickWinService
	quickwin.ReportService
	quickwin.QuestionService
	quickwin.AuditService
	ConversationStore
	UpdateClaims
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
