package dashboard

import (
	"context"
	"io"
	"time"

	"quickwin"
)

// Store is what the dashboard reads, and where it records used one-time
// credentials. *store.Store satisfies it; every read is scoped to one
// tenant except the member look-ups that sign people in.
type Store interface {
	Tenant(ctx context.Context, id string) (*quickwin.Tenant, error)
	Member(ctx context.Context, id string) (*quickwin.Member, error)
	// MemberByTelegramID returns the active membership of a Telegram user. ENOTFOUND.
	MemberByTelegramID(ctx context.Context, telegramID int64) (*quickwin.Member, error)
	Members(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.Member, error)
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error)
	OPD(ctx context.Context, tenantID, code string) (*quickwin.OPD, error)
	// TrackedQuickWinsSummarised returns quick wins with the fields
	// evaluations need, from per-OPD summaries kept current by the store
	// (no scan of every quick win on the embedded database).
	TrackedQuickWinsSummarised(ctx context.Context, tenantID, opd string, statuses ...quickwin.Status) ([]quickwin.QuickWin, error)
	QuickWin(ctx context.Context, tenantID, id string) (*quickwin.QuickWin, error)
	// QuickWinReports returns the reports of a quick win just read, newest
	// first, from a copy kept with the quick win's id (no scan of every
	// report on the embedded database); their evidence lacks the archive's
	// marks.
	QuickWinReports(ctx context.Context, c *quickwin.QuickWin) ([]quickwin.Report, error)
	Report(ctx context.Context, tenantID, id string) (*quickwin.Report, error)
	Questions(ctx context.Context, tenantID, commitmentID string) ([]quickwin.Question, error)
	// QuickWinHistory returns the audit entries about one quick win, oldest
	// first, without their before and after, read by the quick win's id.
	QuickWinHistory(ctx context.Context, tenantID, id string) ([]quickwin.AuditEntry, error)
	LeaderboardSnapshots(ctx context.Context, tenantID string, limit int) ([]quickwin.LeaderboardSnapshot, error)
	// UseOnce records a one-time credential's digest; false when it was used before.
	UseOnce(ctx context.Context, key string, expires time.Time) (bool, error)
	PruneUsedOnce(ctx context.Context, before time.Time) (int64, error)
}

// EvidenceFiles opens archived evidence (the bytes of a photo or a
// document). It is the seam to the evidence archive: until one is plugged
// in (nil), pages list each piece of evidence by kind and file name,
// without thumbnails, and the evidence address answers 404.
type EvidenceFiles interface {
	// Open returns the content of one piece of evidence of tenantID and its
	// MIME type. ENOTFOUND when it is not archived.
	Open(ctx context.Context, tenantID string, ev quickwin.Evidence) (io.ReadCloser, string, error)
}
