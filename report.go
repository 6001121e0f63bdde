package quickwin

import "time"

// VerifyState of a progress report.
type VerifyState string

const (
	VerifyPending  VerifyState = "pending"
	VerifyVerified VerifyState = "verified"
	VerifyReturned VerifyState = "returned"
)

// VerificationGrace is how long an unverified report still counts on the
// leaderboard, so that waiting for the verifier never hurts an OPD at first.
const VerificationGrace = 14 * 24 * time.Hour

// Report is a progress report on a quick win.
type Report struct {
	ID           string      `bson:"_id"`
	TenantID     string      `bson:"tenant"`
	CommitmentID string      `bson:"commitment"`
	OPDCode      string      `bson:"opd"`
	Date         time.Time   `bson:"date"`
	Value        *float64    `bson:"value,omitempty"` // numeric kind
	StepsDone    []string    `bson:"steps_done,omitempty"`
	Note         string      `bson:"note,omitempty"`
	Evidence     []Evidence  `bson:"evidence,omitempty"`
	ReporterID   string      `bson:"reporter"`
	State        VerifyState `bson:"state"`
	VerifiedBy   string      `bson:"verified_by,omitempty"`
	VerifiedAt   time.Time   `bson:"verified_at,omitempty"`
	Reason       string      `bson:"reason,omitempty"` // why it was returned
	CreatedAt    time.Time   `bson:"created_at"`
	UpdatedAt    time.Time   `bson:"updated_at"`
}

// Counts reports whether the report counts on the leaderboard at now:
// verified, or still within the verification grace period and not returned.
func (r *Report) Counts(now time.Time) bool {
	switch r.State {
	case VerifyVerified:
		return true
	case VerifyPending:
		return now.Sub(r.CreatedAt) <= VerificationGrace
	}
	return false
}

// Question is asked by a leader on a quick win and answered by the OPD.
type Question struct {
	ID           string    `bson:"_id"`
	TenantID     string    `bson:"tenant"`
	CommitmentID string    `bson:"commitment"`
	OPDCode      string    `bson:"opd"`
	AskedBy      string    `bson:"asked_by"`
	Text         string    `bson:"text"`
	AskedAt      time.Time `bson:"asked_at"`
	AnsweredBy   string    `bson:"answered_by,omitempty"`
	Answer       string    `bson:"answer,omitempty"`
	AnsweredAt   time.Time `bson:"answered_at,omitempty"`
}

// AuditEntry records one change: who, when, what, before, after and why.
type AuditEntry struct {
	ID       string    `bson:"_id"`
	TenantID string    `bson:"tenant"`
	At       time.Time `bson:"at"`
	ActorID  string    `bson:"actor"` // member id, or "system"
	Action   string    `bson:"action"`
	Kind     string    `bson:"kind"` // the kind of thing changed: opd, member, commitment, ...
	ObjectID string    `bson:"object"`
	Before   any       `bson:"before,omitempty"`
	After    any       `bson:"after,omitempty"`
	Reason   string    `bson:"reason,omitempty"`
}
