package quickwin

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kind says how a quick win's achievement is measured.
type Kind string

const (
	KindNumeric   Kind = "numeric"   // a realised value against a target value
	KindMilestone Kind = "milestone" // done when all action steps are done
)

// Direction of a numeric target.
type Direction string

const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower" // e.g. a stunting rate
)

// Status of a quick win's life.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusActive    Status = "active"
	StatusDone      Status = "done"
	StatusCancelled Status = "cancelled"
)

// BudgetSource of a quick win's money.
type BudgetSource string

const (
	SourceAPBD    BudgetSource = "APBD"
	SourceDPA     BudgetSource = "DPA"
	SourceNonAPBD BudgetSource = "non-APBD"
)

// QuarterTargets are optional targets for TW I–IV of a numeric quick win.
// When Cumulative, each quarter's target is the running total to reach by
// its end; otherwise each stands alone.
type QuarterTargets struct {
	Values     [4]float64 `bson:"values"`
	Cumulative bool       `bson:"cumulative"`
}

// QuickWin is a quick win: a fast, visible result an OPD commits to.
type QuickWin struct {
	ID          string          `bson:"_id"`
	TenantID    string          `bson:"tenant"`
	Code        string          `bson:"code"` // DINKES-03, unique per tenant
	OPDCode     string          `bson:"opd"`
	Title       string          `bson:"title"`
	Description string          `bson:"description,omitempty"`
	Indicator   string          `bson:"indicator,omitempty"` // related IKU or PK indicator
	Year        int             `bson:"year"`
	Kind        Kind            `bson:"kind"`
	Baseline    float64         `bson:"baseline,omitempty"`
	Target      float64         `bson:"target,omitempty"`
	Unit        string          `bson:"unit,omitempty"`
	Direction   Direction       `bson:"direction,omitempty"`
	Quarters    *QuarterTargets `bson:"quarters,omitempty"`
	Start       time.Time       `bson:"start"`
	Deadline    time.Time       `bson:"deadline"`
	Budget      float64         `bson:"budget,omitempty"` // Rupiah
	Source      BudgetSource    `bson:"source,omitempty"`
	Mission     int             `bson:"mission,omitempty"` // RPJMD mission number
	Status      Status          `bson:"status"`
	Steps       []Step          `bson:"steps"`
	CreatedBy   string          `bson:"created_by"`
	CreatedAt   time.Time       `bson:"created_at"`
	UpdatedAt   time.Time       `bson:"updated_at"`
	Version     int             `bson:"version"` // bumped on every write, for optimistic updates

	// Current state, kept here so that digests read quick wins, not a year
	// of reports. Updated with every report.
	LastValue    *float64    `bson:"last_value,omitempty"`
	LastReportAt time.Time   `bson:"last_report_at,omitempty"`
	LastReportID string      `bson:"last_report_id,omitempty"`
	LastState    VerifyState `bson:"last_state,omitempty"`
	// VerifiedValue is the latest verified realisation: what counts once
	// the latest report is returned or waits too long for verification.
	VerifiedValue *float64 `bson:"verified_value,omitempty"`
	// LastVerifiedAt is the date of the latest verified report.
	LastVerifiedAt time.Time `bson:"last_verified_at,omitempty"`
	// ReportedMonths lists the months (MonthKey, tenant's time) with a
	// report. With LastVerifiedAt it lets digests and the leaderboard judge
	// "reported in March" and "fresh" from the quick wins alone, without
	// reading a year of reports.
	ReportedMonths []string `bson:"reported_months,omitempty"`
	// ReportsRev counts the changes to its reports (ReportChanged), so that
	// a copy of them knows whether it is current.
	ReportsRev int `bson:"reports_rev,omitempty"`
}

// Step is an action step of a quick win's plan.
type Step struct {
	ID       string     `bson:"id"` // stable within the commitment
	Title    string     `bson:"title"`
	Owner    string     `bson:"owner,omitempty"` // person in charge, free text
	Due      time.Time  `bson:"due"`
	DoneAt   time.Time  `bson:"done_at,omitempty"`
	Evidence []Evidence `bson:"evidence,omitempty"`
}

// Done reports whether the step is finished.
func (s Step) Done() bool { return !s.DoneAt.IsZero() }

// OnTime says whether a step was done by the end of its due day, and
// whether that is decided as of now: a step not done is late once its due
// day is over, and undecided before. The leaderboard's on-time share, the
// workbook's "on time" column and the dashboard's late mark all ask this.
func (s Step) OnTime(now time.Time) (onTime, decided bool) {
	end := dayOf(s.Due).AddDate(0, 0, 1)
	switch {
	case s.Done():
		return s.DoneAt.Before(end), true
	case !now.Before(end):
		return false, true
	}
	return false, false
}

// Evidence is a photo or document people sent, by its Telegram file id;
// the evidence archive (EvidenceRecord) keeps its bytes.
type Evidence struct {
	FileID   string `bson:"file_id"`
	Kind     string `bson:"kind"` // photo or document
	FileName string `bson:"file_name,omitempty"`
	Caption  string `bson:"caption,omitempty"` // what the sender wrote with the file
	// SHA256 and ContentType are set once the evidence archive holds the
	// file's bytes (EvidenceBlobs), so that showing it needs no lookup.
	SHA256      string `bson:"sha256,omitempty"`
	ContentType string `bson:"content_type,omitempty"`
}

// Input limits of a quick win, in characters; the wizards ask within them
// and Validate checks them again.
const (
	MinTitleLen     = 3
	MinStepTitleLen = 2
	MaxTitleLen     = 200
	// MaxMission is the highest RPJMD mission number (0: none).
	MaxMission = 20
)

// Validate checks a commitment before it is stored and returns an EINVALID
// error whose key says which field is wrong.
func (c *QuickWin) Validate() error {
	bad := func(key, msg string) error { return Errorf(EINVALID, "%s", msg).WithKey(key, nil) }
	switch {
	case c.TenantID == "" || c.OPDCode == "":
		return bad("commitment.invalid.opd", "tenant and OPD are required")
	case len([]rune(c.Title)) < MinTitleLen || len([]rune(c.Title)) > MaxTitleLen:
		return bad("commitment.invalid.title", "title must be 3–200 characters")
	case c.Kind != KindNumeric && c.Kind != KindMilestone:
		return bad("commitment.invalid.kind", fmt.Sprintf("unknown kind %q", c.Kind))
	case c.Start.IsZero() || c.Deadline.IsZero():
		return bad("commitment.invalid.dates", "start and deadline are required")
	case c.Deadline.Before(c.Start):
		return bad("commitment.invalid.deadline_before_start", "deadline before start")
	case c.Budget < 0:
		return bad("commitment.invalid.budget", "negative budget")
	case c.Mission < 0 || c.Mission > MaxMission:
		return bad("commitment.invalid.mission", "mission number out of range")
	}
	if c.Kind == KindNumeric {
		if c.Direction != HigherIsBetter && c.Direction != LowerIsBetter {
			return bad("commitment.invalid.direction", "direction must be higher or lower")
		}
		if c.Target <= 0 && c.Direction == LowerIsBetter {
			return bad("commitment.invalid.target", "a lower-is-better target must be above 0")
		}
	}
	for _, s := range c.Steps {
		if err := c.ValidateStep(s); err != nil {
			return err
		}
	}
	return nil
}

// ValidateStep checks one action step against its quick win's dates.
func (c *QuickWin) ValidateStep(s Step) error {
	if len([]rune(s.Title)) < MinStepTitleLen || len([]rune(s.Title)) > MaxTitleLen {
		return Errorf(EINVALID, "step title must be 2–200 characters").WithKey("step.invalid.title", nil)
	}
	if s.Due.IsZero() {
		return Errorf(EINVALID, "step due date required").WithKey("step.invalid.due", nil)
	}
	if s.Due.Before(dayOf(c.Start)) || dayOf(s.Due).After(dayOf(c.Deadline)) {
		return Errorf(EINVALID, "step due %s outside %s–%s", s.Due.Format(time.DateOnly),
			c.Start.Format(time.DateOnly), c.Deadline.Format(time.DateOnly)).WithKey("step.invalid.due_range", nil)
	}
	return nil
}

// StepIndex returns the index of the step with id, or -1.
func (c *QuickWin) StepIndex(id string) int {
	for i, s := range c.Steps {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// QuickWinCode makes the short code of the n-th quick win of an OPD.
func QuickWinCode(opd string, n int) string { return fmt.Sprintf("%s-%02d", opd, n) }

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// In shows every date of the quick win in loc, the tenant's time zone. The
// database returns dates in UTC; the "day" of a deadline or a due date
// (Overdue, DaysBetween, ValidateStep) is the day in the location the date
// carries, so a date must be in its tenant's zone before any day math.
func (c *QuickWin) In(loc *time.Location) {
	c.Start, c.Deadline = c.Start.In(loc), c.Deadline.In(loc)
	c.CreatedAt, c.UpdatedAt, c.LastReportAt = c.CreatedAt.In(loc), c.UpdatedAt.In(loc), c.LastReportAt.In(loc)
	c.LastVerifiedAt = c.LastVerifiedAt.In(loc)
	for i := range c.Steps {
		c.Steps[i].Due = c.Steps[i].Due.In(loc)
		c.Steps[i].DoneAt = c.Steps[i].DoneAt.In(loc)
	}
}

// CompleteStep marks a step done at `at` with its evidence; a running
// milestone quick win whose steps are then all done is done itself.
// It reports false when the step was done already (nothing changes).
func (c *QuickWin) CompleteStep(i int, at time.Time, evidence []Evidence) bool {
	if c.Steps[i].Done() {
		return false
	}
	c.Steps[i].DoneAt = at
	c.Steps[i].Evidence = append(c.Steps[i].Evidence, evidence...)
	if c.Kind == KindMilestone && c.Status == StatusActive && MilestoneCapaian(c.Steps) >= 100 {
		c.Status = StatusDone
	}
	return true
}

// MonthKey names the month of t, in t's location: "2027-03".
func MonthKey(t time.Time) string { return t.Format("2006-01") }

// ReportedIn reports whether the quick win has a report dated in the month
// of t (in the tenant's time).
func (c *QuickWin) ReportedIn(t time.Time) bool {
	return slices.Contains(c.ReportedMonths, MonthKey(t))
}

// FreshAt reports whether the quick win has a report in the last
// FreshWindow that counts at now (SPEC §5): its latest report, while
// verified or pending within VerificationGrace, or else its latest
// verified one. (An older pending report behind a newer returned one is
// not seen; it stops counting after 14 days anyway.)
func (c *QuickWin) FreshAt(now time.Time) bool {
	recent := func(t time.Time) bool { return !t.IsZero() && !t.After(now) && now.Sub(t) <= FreshWindow }
	latestCounts := c.LastState == VerifyVerified || c.LastState == VerifyPending && now.Sub(c.LastReportAt) <= VerificationGrace
	return recent(c.LastReportAt) && latestCounts || recent(c.LastVerifiedAt)
}

// NeedsReason reports whether a change to an active quick win touches its
// target, quarterly targets or deadline or cancels it: those are explained
// in the audit log, in chat and in an import alike.
func NeedsReason(before, after *QuickWin) bool {
	if before.Status != StatusActive {
		return false
	}
	return before.Target != after.Target || !before.Deadline.Equal(after.Deadline) ||
		after.Status == StatusCancelled || quartersChanged(before.Quarters, after.Quarters)
}

// CheckChange decides whether a change of a quick win may be stored: the
// changed quick win is valid, and a change that needs a reason has one
// (EINVALID otherwise). The chat's changes and an import's ask it alike.
func CheckChange(before, after *QuickWin, reason string) error {
	if err := after.Validate(); err != nil {
		return err
	}
	if NeedsReason(before, after) && strings.TrimSpace(reason) == "" {
		return Errorf(EINVALID, "%s: a reason is required", before.Code).WithKey("commitment.reason_required", nil)
	}
	return nil
}

func quartersChanged(a, b *QuarterTargets) bool {
	if a == nil || b == nil {
		return (a == nil) != (b == nil)
	}
	return *a != *b
}
