package quickwin

import (
	"math"
	"strings"
	"time"
)

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
	ID         string      `bson:"_id"`
	TenantID   string      `bson:"tenant"`
	QuickWinID string      `bson:"commitment"`
	OPDCode    string      `bson:"opd"`
	Date       time.Time   `bson:"date"`
	Value      *float64    `bson:"value,omitempty"` // numeric kind
	StepsDone  []string    `bson:"steps_done,omitempty"`
	Note       string      `bson:"note,omitempty"`
	Evidence   []Evidence  `bson:"evidence,omitempty"`
	ReporterID string      `bson:"reporter"`
	State      VerifyState `bson:"state"`
	VerifiedBy string      `bson:"verified_by,omitempty"`
	VerifiedAt time.Time   `bson:"verified_at,omitempty"`
	Reason     string      `bson:"reason,omitempty"` // why it was returned
	CreatedAt  time.Time   `bson:"created_at"`
	UpdatedAt  time.Time   `bson:"updated_at"`
}

// Question is asked by a leader on a quick win and answered by the OPD.
type Question struct {
	ID         string    `bson:"_id"`
	TenantID   string    `bson:"tenant"`
	QuickWinID string    `bson:"commitment"`
	OPDCode    string    `bson:"opd"`
	AskedBy    string    `bson:"asked_by"`
	Text       string    `bson:"text"`
	AskedAt    time.Time `bson:"asked_at"`
	AnsweredBy string    `bson:"answered_by,omitempty"`
	Answer     string    `bson:"answer,omitempty"`
	AnsweredAt time.Time `bson:"answered_at,omitempty"`
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

// MaxNoteLen bounds a report's note, in characters.
const MaxNoteLen = 2000

// ValidateReport checks a report against its quick win before it is
// stored: the quick win runs, the note is not too long, a numeric quick
// win gets a finite value and a milestone one at least one of its own
// steps. EINVALID or ECONFLICT with the key that says which.
func (c *QuickWin) ValidateReport(r *Report) error {
	if c.Status != StatusActive {
		return Errorf(ECONFLICT, "quick win %s is %s", c.Code, c.Status).WithKey("report.not_active", map[string]any{"Code": c.Code})
	}
	if len([]rune(r.Note)) > MaxNoteLen {
		return Errorf(EINVALID, "note too long").WithKey("report.invalid.note", nil)
	}
	switch c.Kind {
	case KindNumeric:
		if r.Value == nil || math.IsNaN(*r.Value) || math.IsInf(*r.Value, 0) {
			return Errorf(EINVALID, "a numeric quick win needs a value").WithKey("report.invalid.value", nil)
		}
	case KindMilestone:
		if len(r.StepsDone) == 0 {
			return Errorf(EINVALID, "tick at least one step").WithKey("report.invalid.steps", nil)
		}
		for _, id := range r.StepsDone {
			if c.StepIndex(id) < 0 {
				return Errorf(EINVALID, "unknown step %s", id).WithKey("report.invalid.steps", nil)
			}
		}
	}
	return nil
}

// ApplyReport makes a report the quick win's current state at now: its
// latest value and report, the month it reports on (r.Date in loc, the
// tenant's zone), the steps it finishes, and that its reports changed
// (ReportsRev). The bot's confirmation shows
// a copy with the report applied, so that what is shown is what is saved.
func (c *QuickWin) ApplyReport(r *Report, now time.Time, loc *time.Location) {
	c.LastReportAt, c.LastReportID, c.LastState = now, r.ID, VerifyPending
	c.ReportChanged()
	if month := MonthKey(r.Date.In(loc)); !c.ReportedIn(r.Date.In(loc)) {
		c.ReportedMonths = append(c.ReportedMonths, month)
	}
	if r.Value != nil {
		v := *r.Value
		c.LastValue = &v
	}
	for _, id := range r.StepsDone {
		if i := c.StepIndex(id); i >= 0 {
			c.CompleteStep(i, now, r.Evidence)
		}
	}
}

// MirrorVerification keeps the quick win's current state in step with the
// verification of one of its reports: the latest report's state and value,
// the latest verified value (what counts once a newer report is returned or
// waits too long), the date of the latest verified report, and that one
// of its reports changed (ReportsRev).
func (c *QuickWin) MirrorVerification(r *Report) {
	c.ReportChanged()
	if r.ID == c.LastReportID {
		c.LastState = r.State
		if r.Value != nil {
			v := *r.Value
			c.LastValue = &v
		}
	}
	if r.State == VerifyVerified && r.Value != nil && (r.ID == c.LastReportID || c.VerifiedValue == nil) {
		v := *r.Value
		c.VerifiedValue = &v
	}
	if r.State == VerifyVerified && r.Date.After(c.LastVerifiedAt) {
		c.LastVerifiedAt = r.Date
	}
}

// MinReturnReasonLen is the shortest reason a verifier may give for
// returning a report: the reporter must learn what to correct.
const MinReturnReasonLen = 3

// ReturnReason cleans and checks the reason a report is returned with.
func ReturnReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) < MinReturnReasonLen {
		return "", Errorf(EINVALID, "a reason is required").WithKey("verify.reason_required", nil)
	}
	return reason, nil
}
