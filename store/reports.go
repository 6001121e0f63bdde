package store

import (
	"context"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// CreateReport implements quickwin.ReportService. The report is written
// first and then applied to its quick win; if that fails the report is
// removed again, so nothing is stored half-way.
func (s *Store) CreateReport(ctx context.Context, actor *quickwin.Member, r *quickwin.Report) (*quickwin.QuickWin, error) {
	c, err := s.QuickWin(ctx, r.TenantID, r.QuickWinID)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(actor, r.TenantID, quickwin.ActReport, c.OPDCode); err != nil {
		return nil, err
	}
	if r.ID != "" {
		// Idempotent with a caller-chosen id, as CreateQuickWin.
		if stored, err := s.Report(ctx, r.TenantID, r.ID); err == nil {
			// Saved before, perhaps without its evidence queued.
			return c, s.QueueEvidence(ctx, stored)
		} else if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			return nil, err
		}
	}
	if err := c.ValidateReport(r); err != nil {
		return nil, err
	}
	now := s.Now()
	if r.ID == "" {
		r.ID = newID()
	}
	r.OPDCode, r.ReporterID, r.State, r.CreatedAt, r.UpdatedAt = c.OPDCode, actor.ID, quickwin.VerifyPending, now, now
	if r.Date.IsZero() {
		r.Date = now
	}
	r.Note = strings.TrimSpace(r.Note)
	if _, err := s.c(colReports).InsertOne(ctx, r); err != nil {
		return nil, wrap(err, "store report")
	}
	loc, err := s.location(ctx, r.TenantID)
	if err != nil {
		return nil, err
	}
	// Authorized above, for this report on this quick win: once per action.
	updated, err := s.updateQuickWin(ctx, actor, nil, r.TenantID, r.QuickWinID, "commitment.report", "", func(c *quickwin.QuickWin) error {
		c.ApplyReport(r, now, loc)
		return nil
	})
	if err != nil {
		_, _ = s.c(colReports).DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: r.ID}})
		return nil, err
	}
	s.noteReportChange(ctx, updated, r)
	_ = s.audit(ctx, r.TenantID, actor, "report.create", "report", r.ID, nil, r, "")
	// The files are fetched by the archive's worker; a failure here is
	// reported, and saving the report again (same id) queues them.
	return updated, s.QueueEvidence(ctx, r)
}

// Report implements quickwin.ReportService.
func (s *Store) Report(ctx context.Context, tenantID, id string) (*quickwin.Report, error) {
	var r quickwin.Report
	// By _id alone, the tenant checked here: see QuickWin.
	err := s.findOne(ctx, colReports, bson.D{{Key: "_id", Value: id}}, &r, "report "+id)
	if err == nil && r.TenantID != tenantID {
		err = quickwin.Errorf(quickwin.ENOTFOUND, "report %s of another tenant", id)
	}
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "report %s", id).WithKey("report.not_found", nil)
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// Reports implements quickwin.ReportService, newest first.
func (s *Store) Reports(ctx context.Context, tenantID string, f quickwin.ReportFilter) ([]quickwin.Report, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if f.QuickWinID != "" {
		filter = append(filter, bson.E{Key: "commitment", Value: f.QuickWinID})
	}
	if f.OPDCode != "" {
		filter = append(filter, bson.E{Key: "opd", Value: f.OPDCode})
	}
	if f.State != "" {
		filter = append(filter, bson.E{Key: "state", Value: f.State})
	}
	dates := bson.D{}
	if !f.From.IsZero() {
		dates = append(dates, bson.E{Key: "$gte", Value: f.From})
	}
	if !f.To.IsZero() {
		dates = append(dates, bson.E{Key: "$lt", Value: f.To})
	}
	if len(dates) > 0 {
		filter = append(filter, bson.E{Key: "date", Value: dates})
	}
	opts := options.Find().SetSort(bson.D{{Key: "date", Value: -1}, {Key: "created_at", Value: -1}})
	if f.Limit > 0 {
		opts.SetLimit(int64(f.Limit))
	}
	var out []quickwin.Report
	return out, s.findAll(ctx, colReports, filter, opts, &out, "list reports")
}

// VerifyReport implements quickwin.ReportService.
func (s *Store) VerifyReport(ctx context.Context, actor *quickwin.Member, tenantID, id string) (*quickwin.Report, error) {
	return s.transitionReport(ctx, actor, quickwin.ActVerify, tenantID, id, quickwin.VerifyPending, "report.verify", "",
		bson.D{{Key: "state", Value: quickwin.VerifyVerified}, {Key: "verified_by", Value: actor.ID}, {Key: "verified_at", Value: s.Now()}, {Key: "reason", Value: ""}})
}

// ReturnReport implements quickwin.ReportService.
func (s *Store) ReturnReport(ctx context.Context, actor *quickwin.Member, tenantID, id, reason string) (*quickwin.Report, error) {
	reason, err := quickwin.ReturnReason(reason)
	if err != nil {
		return nil, err
	}
	return s.transitionReport(ctx, actor, quickwin.ActVerify, tenantID, id, quickwin.VerifyPending, "report.return", reason,
		bson.D{{Key: "state", Value: quickwin.VerifyReturned}, {Key: "verified_by", Value: actor.ID}, {Key: "verified_at", Value: s.Now()}, {Key: "reason", Value: reason}})
}

// CorrectReport implements quickwin.ReportService.
func (s *Store) CorrectReport(ctx context.Context, actor *quickwin.Member, tenantID, id string, value *float64, note string, evidence []quickwin.Evidence) (*quickwin.Report, error) {
	r, err := s.Report(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}
	c, err := s.QuickWin(ctx, tenantID, r.QuickWinID)
	if err != nil {
		return nil, err
	}
	check := *r
	check.Value, check.Note = value, note
	if c.Kind == quickwin.KindNumeric {
		if err := c.ValidateReport(&check); err != nil {
			return nil, err
		}
	}
	set := bson.D{{Key: "state", Value: quickwin.VerifyPending}, {Key: "note", Value: strings.TrimSpace(note)}, {Key: "updated_at", Value: s.Now()}}
	if value != nil {
		set = append(set, bson.E{Key: "value", Value: *value})
	}
	if len(evidence) > 0 {
		// The correction adds to the earlier evidence, which stays with
		// the report (and in the archive).
		set = append(set, bson.E{Key: "evidence", Value: quickwin.MergeEvidence(r.Evidence, evidence)})
	}
	after, err := s.transitionReport(ctx, actor, quickwin.ActReport, tenantID, id, quickwin.VerifyReturned, "report.correct", "", set)
	if err != nil {
		return nil, err
	}
	return after, s.QueueEvidence(ctx, after)
}

// transitionReport moves a report from one verification state to the next
// in one conditional update (two verifiers pressing at once: one wins), then
// mirrors the outcome on its quick win.
func (s *Store) transitionReport(ctx context.Context, actor *quickwin.Member, act quickwin.Action, tenantID, id string, from quickwin.VerifyState, what, reason string, set bson.D) (*quickwin.Report, error) {
	before, err := s.Report(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(actor, tenantID, act, before.OPDCode); err != nil {
		return nil, err
	}
	var after quickwin.Report
	err = s.c(colReports).FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "tenant", Value: tenantID}, {Key: "state", Value: from}},
		bson.D{{Key: "$set", Value: set}}, options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&after)
	if quickwin.ErrorCode(wrap(err, "")) == quickwin.ENOTFOUND {
		return nil, quickwin.Errorf(quickwin.ECONFLICT, "report %s is %s, not %s", id, before.State, from).
			WithKey("verify.state_changed", map[string]any{"State": string(before.State)})
	}
	if err != nil {
		return nil, wrap(err, what)
	}
	// The verifier was authorized for this report; the quick win follows.
	mirrored, err := s.updateQuickWin(ctx, systemActor(tenantID), nil, tenantID, after.QuickWinID, "commitment."+what, "", func(c *quickwin.QuickWin) error {
		c.MirrorVerification(&after)
		return nil
	})
	if err != nil {
		s.log.ErrorContext(ctx, "report state not mirrored on its quick win", "report", id, "err", err)
	} else {
		s.noteReportChange(ctx, mirrored, &after)
	}
	_ = s.audit(ctx, tenantID, actor, what, "report", id, before, after, reason)
	return &after, nil
}

// systemActor acts for the store itself when it mirrors state it already
// authorized; it is an admin of the tenant and is recorded as "system".
func systemActor(tenantID string) *quickwin.Member {
	return &quickwin.Member{ID: "system", TenantID: tenantID, Role: quickwin.RoleAdmin, Active: true}
}
