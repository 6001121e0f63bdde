package store

import (
	"context"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// CreateQuickWin implements quickwin.QuickWinService.
func (s *Store) CreateQuickWin(ctx context.Context, actor *quickwin.Member, c *quickwin.QuickWin) error {
	if err := quickwin.Authorize(actor, c.TenantID, quickwin.ActEditQuickWin, c.OPDCode); err != nil {
		return err
	}
	o, err := s.OPD(ctx, c.TenantID, c.OPDCode)
	if err != nil {
		return err
	}
	if !o.Active {
		return quickwin.Errorf(quickwin.EINVALID, "OPD %s is inactive", o.Code).WithKey("opd.inactive", map[string]any{"Code": o.Code})
	}
	if c.ID != "" {
		// A caller-chosen id makes the create idempotent: a retry of a
		// create that went through (the wizard's last step, handled again
		// after the database failed right after it) returns what exists.
		if done, err := s.QuickWin(ctx, c.TenantID, c.ID); err == nil {
			*c = *done
			return nil
		} else if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			return err
		}
	}
	if c.Status == "" {
		c.Status = quickwin.StatusDraft
	}
	if c.Year == 0 {
		c.Year = c.Deadline.Year()
	}
	assignStepIDs(c)
	if err := c.Validate(); err != nil {
		return err
	}
	n, err := s.reserveSeq(ctx, c.TenantID+"/"+c.OPDCode, 1)
	if err != nil {
		return err
	}
	now := s.Now()
	if c.ID == "" {
		c.ID = newID()
	}
	c.Code, c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.Version = quickwin.QuickWinCode(c.OPDCode, n), actor.ID, now, now, 1
	if _, err := s.c(colQuickWins).InsertOne(ctx, c); err != nil {
		return wrap(err, "create quick win")
	}
	s.noteQuickWinChange(ctx, c)
	_ = s.audit(ctx, c.TenantID, actor, "commitment.create", "commitment", c.ID, nil, c, "")
	return nil
}

// assignStepIDs gives each step without one a short id, unique within its
// quick win: callback data carries it, so it must stay small.
func assignStepIDs(c *quickwin.QuickWin) {
	used := map[string]bool{}
	for _, st := range c.Steps {
		used[st.ID] = true
	}
	for i := range c.Steps {
		for c.Steps[i].ID == "" || (used[c.Steps[i].ID] && countID(c.Steps, c.Steps[i].ID) > 1) {
			id := newID()[:6]
			if !used[id] {
				c.Steps[i].ID = id
				used[id] = true
			}
		}
	}
}

func countID(steps []quickwin.Step, id string) int {
	n := 0
	for _, s := range steps {
		if s.ID == id {
			n++
		}
	}
	return n
}

// reserveSeq takes k numbers of a named sequence at once, atomically, and
// returns the last of them. Two first upserts of a sequence race on its
// _id; the loser retries and then finds the document.
func (s *Store) reserveSeq(ctx context.Context, name string, k int) (int, error) {
	var doc struct {
		N int `bson:"n"`
	}
	for attempt := 0; ; attempt++ {
		err := s.c(colCounters).FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: name}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: k}}}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&doc)
		if err != nil && quickwin.ErrorCode(wrap(err, "")) == quickwin.ECONFLICT && attempt < 3 {
			continue
		}
		return doc.N, wrap(err, fmt.Sprintf("reserve %d numbers of %s", k, name))
	}
}

// QuickWin implements quickwin.QuickWinService. It finds the quick win by
// _id alone and checks its tenant here: a filter of only _id is the one
// the embedded database hands to SQLite, which reads just each stored
// document's _id until it finds it; with any other filter FerretDB decodes
// every document itself, several times slower (see docs/BENCHMARKS).
func (s *Store) QuickWin(ctx context.Context, tenantID, id string) (*quickwin.QuickWin, error) {
	c, err := s.commitmentWhere(ctx, bson.D{{Key: "_id", Value: id}}, id)
	if err == nil && c.TenantID != tenantID {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "quick win %s", id).WithKey("commitment.not_found", map[string]any{"Code": id})
	}
	return c, err
}

// QuickWinByCode implements quickwin.QuickWinService.
func (s *Store) QuickWinByCode(ctx context.Context, tenantID, code string) (*quickwin.QuickWin, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	return s.commitmentWhere(ctx, bson.D{{Key: "tenant", Value: tenantID}, {Key: "code", Value: code}}, code)
}

func (s *Store) commitmentWhere(ctx context.Context, filter bson.D, name string) (*quickwin.QuickWin, error) {
	var c quickwin.QuickWin
	err := s.findOne(ctx, colQuickWins, filter, &c, "quick win "+name)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "quick win %s", name).WithKey("commitment.not_found", map[string]any{"Code": name})
	}
	if err != nil {
		return nil, err
	}
	loc, err := s.location(ctx, c.TenantID)
	if err != nil {
		return nil, err
	}
	c.In(loc)
	return &c, nil
}

// QuickWins implements quickwin.QuickWinService, ordered by OPD and code.
func (s *Store) QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if f.OPDCode != "" {
		filter = append(filter, bson.E{Key: "opd", Value: f.OPDCode})
	}
	if len(f.Statuses) > 0 {
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: f.Statuses}}})
	}
	if f.Year != 0 {
		filter = append(filter, bson.E{Key: "year", Value: f.Year})
	}
	if !f.DeadlineBefore.IsZero() {
		filter = append(filter, bson.E{Key: "deadline", Value: bson.D{{Key: "$lt", Value: f.DeadlineBefore}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "opd", Value: 1}, {Key: "code", Value: 1}})
	return s.findQuickWins(ctx, tenantID, filter, opts, "list quick wins")
}

// maxUpdateAttempts bounds the optimistic retry loop of UpdateQuickWin.
const maxUpdateAttempts = 8

// UpdateQuickWin implements quickwin.QuickWinService. The write is a
// replace conditioned on the version read, so a concurrent change (a staff
// report while the head edits a step) is never overwritten: the loser reads
// again and re-applies its change.
func (s *Store) UpdateQuickWin(ctx context.Context, actor *quickwin.Member, act quickwin.Action, tenantID, id, what, reason string, change func(*quickwin.QuickWin) error) (*quickwin.QuickWin, error) {
	authorize := func(before *quickwin.QuickWin) error { return quickwin.Authorize(actor, tenantID, act, before.OPDCode) }
	var files []quickwin.StepFile // of the steps before the change that was stored
	after, err := s.updateQuickWin(ctx, actor, authorize, tenantID, id, what, reason, func(c *quickwin.QuickWin) error {
		files = c.StepFiles()
		return change(c)
	})
	if err != nil {
		return nil, err
	}
	// Files sent with a step marked done go to the evidence archive. The
	// step is stored: a failure here is logged, and the archive's worker
	// records the file when it next starts (SweepStepEvidence).
	if err := s.queueStepEvidence(ctx, after, quickwin.AddedStepFiles(files, after.StepFiles()), actor.ID); err != nil {
		s.log.WarnContext(ctx, "step evidence not queued; the archive's next start will", "commitment", id, "err", err)
	}
	return after, nil
}

// updateQuickWin applies change to the current quick win and stores it
// atomically, retrying on a concurrent write. authorize, when not nil,
// decides on the first read whether actor may (the OPD of a quick win
// never changes, so once is enough); callers that decided it already for
// the same action pass nil.
func (s *Store) updateQuickWin(ctx context.Context, actor *quickwin.Member, authorize func(*quickwin.QuickWin) error, tenantID, id, what, reason string, change func(*quickwin.QuickWin) error) (*quickwin.QuickWin, error) {
	for attempt := 0; attempt < maxUpdateAttempts; attempt++ {
		before, err := s.QuickWin(ctx, tenantID, id)
		if err != nil {
			return nil, err
		}
		if authorize != nil {
			if err := authorize(before); err != nil {
				return nil, err
			}
			authorize = nil
		}
		after := cloneQuickWin(before)
		if err := change(after); err != nil {
			return nil, err
		}
		assignStepIDs(after)
		if err := quickwin.CheckChange(before, after, reason); err != nil {
			return nil, err
		}
		after.ID, after.TenantID, after.Code, after.OPDCode = before.ID, before.TenantID, before.Code, before.OPDCode
		after.Version, after.UpdatedAt = before.Version+1, s.Now()
		res, err := s.c(colQuickWins).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "version", Value: before.Version}}, after)
		if err != nil {
			return nil, wrap(err, "update quick win "+before.Code)
		}
		if res.MatchedCount == 0 {
			continue // someone else wrote first; read again
		}
		s.noteQuickWinChange(ctx, after)
		_ = s.audit(ctx, tenantID, actor, what, "commitment", id, before, after, reason)
		return after, nil
	}
	return nil, quickwin.Errorf(quickwin.ECONFLICT, "quick win %s changed too often; try again", id)
}

// cloneQuickWin copies a quick win deeply enough that change functions
// cannot alter the "before" kept for the audit entry.
func cloneQuickWin(c *quickwin.QuickWin) *quickwin.QuickWin {
	n := *c
	n.Steps = make([]quickwin.Step, len(c.Steps))
	for i, st := range c.Steps {
		st.Evidence = append([]quickwin.Evidence(nil), st.Evidence...)
		n.Steps[i] = st
	}
	if c.Quarters != nil {
		q := *c.Quarters
		n.Quarters = &q
	}
	if c.LastValue != nil {
		v := *c.LastValue
		n.LastValue = &v
	}
	if c.VerifiedValue != nil {
		v := *c.VerifiedValue
		n.VerifiedValue = &v
	}
	return &n
}
