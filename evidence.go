package quickwin

import (
	"context"
	"io"
	"time"
)

// The evidence archive keeps the bytes of every photo and document of a
// report, so that evidence outlives the bot's Telegram file ids. Each file
// of a report is one EvidenceRecord, queued when the report is saved and
// fetched from Telegram by a background worker that retries; the bytes are
// kept once per content (by sha256) in EvidenceBlobs.

// EvidenceState of an archived file.
type EvidenceState string

const (
	EvidencePending   EvidenceState = "pending"   // to fetch (again, after NextAttempt)
	EvidenceFetching  EvidenceState = "fetching"  // claimed by a worker until ClaimedUntil
	EvidenceArchived  EvidenceState = "archived"  // bytes kept under SHA256
	EvidenceAbandoned EvidenceState = "abandoned" // cannot ever be fetched (over Telegram's 20 MB)
)

// MaxEvidenceBytes is Telegram's limit on files a bot may download.
const MaxEvidenceBytes = 20 << 20

// EvidenceRecord is one file of one report in the archive: who sent it,
// when, with what caption, and — once archived — its content's sha256,
// size and type. Records are never deleted: a corrected report keeps the
// records of its earlier files.
type EvidenceRecord struct {
	ID         string    `bson:"_id"` // EvidenceRecordID, or StepEvidenceRecordID
	TenantID   string    `bson:"tenant"`
	ReportID   string    `bson:"report"` // empty for a step's file
	QuickWinID string    `bson:"commitment"`
	OPDCode    string    `bson:"opd"`
	ReporterID string    `bson:"reporter"`
	ReportDate time.Time `bson:"report_date"`
	Seq        int       `bson:"seq"` // order within the report
	Evidence   `bson:",inline"`
	// StepID is set for a file sent when an action step was marked done
	// outside a report (step_evidence.go); ReporterID is then who marked
	// it, ReportDate when, and Seq its position in the step's evidence.
	StepID string `bson:"step,omitempty"`

	State        EvidenceState `bson:"state"`
	Attempts     int           `bson:"attempts"`
	NextAttempt  time.Time     `bson:"next_attempt"`
	ClaimedBy    string        `bson:"claimed_by,omitempty"`
	ClaimedUntil time.Time     `bson:"claimed_until,omitempty"`
	LastError    string        `bson:"last_error,omitempty"`

	// Evidence.SHA256 and Evidence.ContentType say where the bytes are.
	Size       int64     `bson:"size,omitempty"`
	ArchivedAt time.Time `bson:"archived_at,omitempty"`
	CreatedAt  time.Time `bson:"created_at"`
}

// EvidenceRecordID is the record key of one file of one report: queueing
// the same report twice stores each file once.
func EvidenceRecordID(reportID, fileID string) string { return reportID + "/" + fileID }

// ReportEvidenceRecord is the archive's record of the i-th file of report
// r: pending and due at now (StepEvidenceRecord is a step's).
func ReportEvidenceRecord(r *Report, i int, now time.Time) EvidenceRecord {
	e := r.Evidence[i]
	e.SHA256, e.ContentType = "", ""
	return EvidenceRecord{
		ID: EvidenceRecordID(r.ID, e.FileID), TenantID: r.TenantID, ReportID: r.ID,
		QuickWinID: r.QuickWinID, OPDCode: r.OPDCode, ReporterID: r.ReporterID, ReportDate: r.Date,
		Seq: i, Evidence: e, State: EvidencePending, NextAttempt: now, CreatedAt: now,
	}
}

// EvidenceRetryDelay is how long the worker waits before the next attempt
// after attempts failed ones: a minute, doubling, at most six hours, so
// that a Telegram outage of a day costs a handful of attempts per file and
// nothing is lost.
func EvidenceRetryDelay(attempts int) time.Duration {
	const first, most = time.Minute, 6 * time.Hour
	d := first
	for i := 1; i < attempts && d < most; i++ {
		d *= 2
	}
	return min(d, most)
}

// EvidenceArchive stores the archive's records. Store implements it.
type EvidenceArchive interface {
	// QueueEvidence records each file of the report that is not recorded
	// yet, pending and due now. It is idempotent: a file recorded before
	// (archived or not) is not fetched again.
	QueueEvidence(ctx context.Context, r *Report) error
	// ClaimEvidence claims up to limit due pending files for owner until
	// now+lease and returns them.
	ClaimEvidence(ctx context.Context, owner string, limit int, now time.Time, lease time.Duration) ([]EvidenceRecord, error)
	// MarkEvidenceArchived stores what was archived (content hash, size,
	// type) on the record and on the report's (or the step's) evidence,
	// and ends the file's work.
	MarkEvidenceArchived(ctx context.Context, r EvidenceRecord, sha256 string, size int64, contentType string, at time.Time) error
	// MarkEvidenceRetry gives a claimed file back, due again at next.
	MarkEvidenceRetry(ctx context.Context, id string, next time.Time, reason string) error
	// MarkEvidenceAbandoned records that the file can never be fetched.
	MarkEvidenceAbandoned(ctx context.Context, id, reason string) error
	// RequeueStranded queues again the pending records without work (a
	// process died between recording a file and queueing it).
	RequeueStranded(ctx context.Context) (int, error)
	// SweepStepEvidence records and queues the files of done action
	// steps that have no record (steps marked done before the archive kept
	// their files, or whose queueing failed) and says how many. It is
	// idempotent and reads every quick win, so the worker calls it when it
	// starts.
	SweepStepEvidence(ctx context.Context) (int, error)
	// EvidenceOfReport lists a report's records in the order sent.
	EvidenceOfReport(ctx context.Context, tenantID, reportID string) ([]EvidenceRecord, error)
	// EvidenceOfTenant lists every record of the tenant (for the export).
	EvidenceOfTenant(ctx context.Context, tenantID string) ([]EvidenceRecord, error)
}

// EvidenceBlobs keeps archived bytes by their sha256 (lower-case hex):
// content-addressed, so the same photo in two reports is kept once.
type EvidenceBlobs interface {
	// Put stores the content of r under sum unless it is there already.
	// The content must hash to sum (EINVALID otherwise; nothing is kept).
	Put(ctx context.Context, sum string, r io.Reader) error
	// Open reads the content stored under sum. ENOTFOUND.
	Open(ctx context.Context, sum string) (io.ReadCloser, error)
}

// MergeEvidence is earlier followed by the files of added that are not in
// it yet (by file id): a corrected report keeps its earlier evidence.
func MergeEvidence(earlier, added []Evidence) []Evidence {
	out := append([]Evidence(nil), earlier...)
	seen := map[string]bool{}
	for _, e := range earlier {
		seen[e.FileID] = true
	}
	for _, e := range added {
		if !seen[e.FileID] {
			seen[e.FileID] = true
			out = append(out, e)
		}
	}
	return out
}
