package quickwin

import (
	"context"
	"time"
)

// Button is an inline keyboard button: callback data, a URL, or a Mini
// App (WebApp, an https address; private chats only).
type Button struct {
	Text   string `bson:"text"`
	Data   string `bson:"data,omitempty"` // ≤ 64 bytes
	URL    string `bson:"url,omitempty"`
	WebApp string `bson:"web_app,omitempty"`
}

// OutboxState of a queued message.
type OutboxState string

const (
	OutboxPending OutboxState = "pending" // waiting to be sent (again, after NextAttempt)
	OutboxSending OutboxState = "sending" // claimed by a dispatcher until ClaimedUntil
	OutboxSent    OutboxState = "sent"
	OutboxFailed  OutboxState = "failed" // given up: blocked, bad request, too many attempts
)

// OutboxMessage is a message to send later, kept in MongoDB until Telegram
// accepted it. Its Key is unique, so enqueueing the same message twice (a
// job run twice, two instances) stores it once.
type OutboxMessage struct {
	Key       string     `bson:"_id"` // job/recipient/subject/period, e.g. "reminder/123/DINKES-01/2027-03-25/d3"
	TenantID  string     `bson:"tenant"`
	ChatID    int64      `bson:"chat"`
	MemberID  string     `bson:"member,omitempty"` // recipient, for marking inactive on 403
	Text      string     `bson:"text"`             // Telegram HTML, escaped; the caption when a file is attached
	Buttons   [][]Button `bson:"buttons,omitempty"`
	Photo     []byte     `bson:"photo,omitempty"` // PNG to send with sendPhoto
	File      []byte     `bson:"file,omitempty"`  // document to send with sendDocument
	FileName  string     `bson:"file_name,omitempty"`
	Priority  int        `bson:"priority"` // lower goes first; interactive notices 0, broadcasts 10
	CreatedAt time.Time  `bson:"created_at"`

	State        OutboxState `bson:"state"`
	Attempts     int         `bson:"attempts"`
	NextAttempt  time.Time   `bson:"next_attempt"`
	ClaimedBy    string      `bson:"claimed_by,omitempty"`
	ClaimedUntil time.Time   `bson:"claimed_until,omitempty"`
	SentAt       time.Time   `bson:"sent_at,omitempty"`
	LastError    string      `bson:"last_error,omitempty"`
}

// Outbox queues messages for the dispatcher.
type Outbox interface {
	// Enqueue stores messages that are not stored yet (by Key) and returns
	// how many were new.
	Enqueue(ctx context.Context, msgs ...OutboxMessage) (int, error)
}

// Document is rendered content for people: text parts in Telegram HTML,
// each within Telegram's message limit and split between lines, with an
// optional PNG chart, an optional file (XLSX) and an optional PDF.
type Document struct {
	Parts    []string
	Chart    []byte
	File     []byte
	FileName string
	PDF      []byte // the monthly digest for printing
	PDFName  string
}

// Publisher renders what leaders and heads read: the monthly evaluation
// digest, the leaderboard and the Excel export. Package report implements
// it; the bot shows it on demand and the scheduler sends it on time.
type Publisher interface {
	// TenantDigest is the leaders' monthly evaluation of month (any time
	// within it) for every OPD of the tenant, with chart, XLSX and PDF.
	TenantDigest(ctx context.Context, tenantID string, month time.Time, lang string) (*Document, error)
	// TenantSummary is TenantDigest's text and chart without the workbook
	// (what /ringkasan shows; cheaper to make).
	TenantSummary(ctx context.Context, tenantID string, month time.Time, lang string) (*Document, error)
	// TenantSummaryPDF is the month's digest as a printable PDF
	// (Document.PDF), for `/ringkasan pdf`.
	TenantSummaryPDF(ctx context.Context, tenantID string, month time.Time, lang string) (*Document, error)
	// OPDDigest is one OPD's own evaluation of month, for its head.
	OPDDigest(ctx context.Context, tenantID, opd string, month time.Time, lang string) (*Document, error)
	// Leaderboard is the ranking at now with movement since the last
	// weekly snapshot, with chart.
	Leaderboard(ctx context.Context, tenantID string, now time.Time, lang string) (*Document, error)
	// SnapshotLeaderboard stores this week's ranking (idempotent per week),
	// against which next week's movement is computed.
	SnapshotLeaderboard(ctx context.Context, tenantID string, now time.Time) error
	// Export is the tenant's XLSX workbook (Document.File).
	Export(ctx context.Context, tenantID string, lang string) (*Document, error)
}
