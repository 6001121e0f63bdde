package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// This file stages, saves and discards a workbook import of quick wins
// (see imports.go for how a staged import becomes visible all at once).

// authorizeImport lets admins import; a nil actor is the operator at the
// command line, who holds the database already.
func authorizeImport(actor *quickwin.Member, tenantID string) error {
	if actor == nil {
		return nil
	}
	return quickwin.Authorize(actor, tenantID, quickwin.ActManage, "")
}

// StageQuickWinImport stages new and changed quick wins (each with its
// audit entry) under a new import id and returns it; nothing is visible
// until SaveQuickWinImport. New quick wins get their codes here: the
// numbers are taken from each OPD's sequence at once, so a discarded
// import leaves a gap in the numbering, never a duplicate. ttl bounds how
// long the stage waits for Save. EFORBIDDEN, EINVALID.
func (s *Store) StageQuickWinImport(ctx context.Context, actor *quickwin.Member, tenantID string, changes []quickwin.ImportChange, sum quickwin.ImportSummary, ttl time.Duration) (string, error) {
	if err := authorizeImport(actor, tenantID); err != nil {
		return "", err
	}
	st := s.newStager(tenantID, "commitments", actor, ttl)
	st.rec.Summary = sum
	newPerOPD := map[string]int{}
	for _, ch := range changes {
		if ch.Before == nil {
			newPerOPD[ch.After.OPDCode]++
		}
	}
	next := map[string]int{}
	for opd, k := range newPerOPD {
		last, err := s.reserveSeq(ctx, tenantID+"/"+opd, k)
		if err != nil {
			return "", err
		}
		next[opd] = last - k + 1
	}
	now := s.Now()
	actorID := st.rec.ActorID
	for i := range changes {
		ch := &changes[i]
		c := ch.After
		c.TenantID = tenantID
		if c.Year == 0 || ch.Before == nil {
			c.Year = c.Deadline.Year()
		}
		assignStepIDs(&c)
		if ch.Before == nil {
			if err := c.Validate(); err != nil {
				return "", err
			}
			c.ID, c.Code = newID(), quickwin.QuickWinCode(c.OPDCode, next[c.OPDCode])
			next[c.OPDCode]++
			c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.Version = actorID, now, now, 1
			if c.Status == "" {
				c.Status = quickwin.StatusActive
			}
			if err := st.add(colQuickWins, opInsert, c.ID, 0, nil, c); err != nil {
				return "", err
			}
			if err := st.audit(actor, "commitment.import_create", "commitment", c.ID, nil, c, ch.Reason); err != nil {
				return "", err
			}
			continue
		}
		b := ch.Before
		if err := quickwin.CheckChange(b, &c, ch.Reason); err != nil {
			return "", err
		}
		c.ID, c.Code, c.OPDCode, c.CreatedBy, c.CreatedAt = b.ID, b.Code, b.OPDCode, b.CreatedBy, b.CreatedAt
		c.Version, c.UpdatedAt = b.Version+1, now
		match := bson.D{{Key: "_id", Value: c.ID}, {Key: "version", Value: b.Version}}
		if err := st.add(colQuickWins, opReplace, c.ID, b.Version, match, c); err != nil {
			return "", err
		}
		if err := st.audit(actor, "commitment.import_update", "commitment", c.ID, b, c, ch.Reason); err != nil {
			return "", err
		}
	}
	if err := st.write(ctx); err != nil {
		return "", err
	}
	return st.rec.ID, nil
}

// SaveQuickWinImport makes a staged import visible: all of it, or, when a
// quick win it changes was changed by someone else since the preview,
// none of it (ECONFLICT with key import.changed_since). Saving a saved
// import again returns its summary. ENOTFOUND (expired or discarded),
// EFORBIDDEN.
func (s *Store) SaveQuickWinImport(ctx context.Context, actor *quickwin.Member, tenantID, id string) (*quickwin.ImportSummary, error) {
	if err := authorizeImport(actor, tenantID); err != nil {
		return nil, err
	}
	rec, err := s.commitImport(ctx, tenantID, id, func(docs []stagedDoc) error { return s.checkVersions(ctx, tenantID, docs) })
	if err != nil {
		return nil, err
	}
	// The copy made the tenant's OPD summaries stale: make them again now
	// rather than at the next dashboard page (summaries.go).
	if _, err := s.TrackedQuickWinsSummarised(ctx, tenantID, ""); err != nil {
		s.log.WarnContext(ctx, "quick-win summaries not made after an import", "tenant", tenantID, "err", err)
	}
	return &rec.Summary, nil
}

// checkVersions refuses a commit when a quick win the import replaces is
// no longer at the version its change was built on.
func (s *Store) checkVersions(ctx context.Context, tenantID string, docs []stagedDoc) error {
	want := map[string]int{}
	for _, d := range docs {
		if d.Target == colQuickWins && d.Op == opReplace {
			want[d.DocID] = d.Version
		}
	}
	if len(want) == 0 {
		return nil
	}
	var current []struct {
		ID      string `bson:"_id"`
		Code    string `bson:"code"`
		Version int    `bson:"version"`
	}
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "code", Value: 1}, {Key: "version", Value: 1}})
	if err := s.findAll(ctx, colQuickWins, bson.D{{Key: "tenant", Value: tenantID}}, opts, &current, "check quick win versions"); err != nil {
		return err
	}
	found := 0
	for _, c := range current {
		if v, ok := want[c.ID]; ok {
			found++
			if c.Version != v {
				return quickwin.Errorf(quickwin.ECONFLICT, "quick win %s changed since the preview", c.Code).
					WithKey("import.changed_since", map[string]any{"Code": c.Code})
			}
		}
	}
	if found != len(want) {
		return quickwin.Errorf(quickwin.ECONFLICT, "a quick win of the import was deleted since the preview").
			WithKey("import.changed_since", map[string]any{"Code": "?"})
	}
	return nil
}

// DiscardImport drops a staged import that was not saved. One that is
// gone already, or saved, is left as it is. EFORBIDDEN.
func (s *Store) DiscardImport(ctx context.Context, actor *quickwin.Member, tenantID, id string) error {
	if err := authorizeImport(actor, tenantID); err != nil {
		return err
	}
	_, err := s.discardImport(ctx, tenantID, id)
	return err
}
