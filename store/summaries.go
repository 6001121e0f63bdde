package store

import (
	"context"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// The dashboard's month, OPD, leaderboard and Rakor pages judge a tenant's
// quick wins from the fields in trackedFields. On the embedded database
// reading them decodes every quick win field by field (about 0.3 s for a
// regency's thousand), so each OPD also has a summary: one document, keyed
// "<tenant>/<OPD>", holding its quick wins' tracked fields as one BSON
// value (a single binary field, which the embedded database passes on
// without looking inside). TrackedQuickWinsSummarised reads them.
//
// A summary is a copy; the quick wins stay the record. The rules that keep
// the copy from ever being read out of date:
//
//   - Every write of a quick win, once it is stored, either applies the
//     new quick win to its OPD's summary, conditioned on the summary's
//     revision it read, or marks the summary stale (creating a stale one
//     where there is none), bumping the revision either way
//     (noteQuickWinChange). An import marks its tenant's summaries stale.
//   - A reader uses only summaries that are not stale. For the others it
//     reads the quick wins (the scan above) and stores what it read: in
//     place of a missing summary with an insert (which fails if a writer
//     created one meanwhile), or over a stale one conditioned on the
//     revision it saw before reading (which fails if a writer bumped it
//     meanwhile). Either way a write that the reader may have missed
//     leaves the summary stale.
//   - A process killed between a quick win's write and its summary's
//     leaves that summary behind; `serve` removes every summary when it
//     starts (DropSummaries, before it serves a page), so the summaries
//     are read afresh from the quick wins, in the background
//     (WarmSummaries); saving an import does the same for its tenant. Only
//     serve does: a command run beside a running bot (`quickwin tenant
//     list`) must not take the running dashboard's summaries away.
const colSummaries = "quickwin_summaries"

func init() {
	extraIndexes = append(extraIndexes, index{colSummaries, bson.D{{Key: "tenant", Value: 1}}, false})
}

// summaryDoc is one OPD's summary.
type summaryDoc struct {
	ID        string `bson:"_id"` // summaryID
	TenantID  string `bson:"tenant"`
	OPDCode   string `bson:"opd"`
	Rev       int    `bson:"rev"`
	Stale     bool   `bson:"stale"`
	QuickWins []byte `bson:"quick_wins,omitempty"` // BSON of summaryBody
}

// summaryBody is what a summary's quick_wins value holds.
type summaryBody struct {
	QuickWins []quickwin.QuickWin `bson:"q"`
}

func summaryID(tenantID, opd string) string { return tenantID + "/" + opd }

// trackedCopy is c with only the fields in trackedFields, as the
// projected read returns it.
func trackedCopy(c *quickwin.QuickWin) quickwin.QuickWin {
	t := quickwin.QuickWin{
		ID: c.ID, TenantID: c.TenantID, Code: c.Code, OPDCode: c.OPDCode, Title: c.Title, Year: c.Year, Kind: c.Kind,
		Baseline: c.Baseline, Target: c.Target, Unit: c.Unit, Direction: c.Direction, Start: c.Start, Deadline: c.Deadline,
		Status: c.Status, LastValue: c.LastValue, LastReportAt: c.LastReportAt, LastReportID: c.LastReportID,
		LastState: c.LastState, VerifiedValue: c.VerifiedValue, LastVerifiedAt: c.LastVerifiedAt,
		ReportedMonths: slices.Clone(c.ReportedMonths),
	}
	if c.Quarters != nil {
		q := *c.Quarters
		t.Quarters = &q
	}
	if c.Steps != nil {
		t.Steps = make([]quickwin.Step, len(c.Steps))
		for i, st := range c.Steps {
			t.Steps[i] = quickwin.Step{ID: st.ID, Title: st.Title, Owner: st.Owner, Due: st.Due, DoneAt: st.DoneAt}
		}
	}
	return t
}

// TrackedQuickWinsSummarised returns what TrackedQuickWins returns, read
// from the OPDs' summaries where they are current (see above): a tenant's
// quick wins in the given statuses (all when none), one OPD's when opd is
// set, with the tracked fields only, in no particular order, dates in the
// tenant's time zone.
func (s *Store) TrackedQuickWinsSummarised(ctx context.Context, tenantID, opd string, statuses ...quickwin.Status) ([]quickwin.QuickWin, error) {
	var codes []string
	var docs []summaryDoc
	if opd != "" {
		codes = []string{opd}
		d, err := s.summary(ctx, summaryID(tenantID, opd))
		if err != nil {
			return nil, err
		}
		if d != nil {
			docs = append(docs, *d)
		}
	} else {
		opds, err := s.OPDs(ctx, tenantID, false)
		if err != nil {
			return nil, err
		}
		for _, o := range opds {
			codes = append(codes, o.Code)
		}
		if err := s.findAll(ctx, colSummaries, bson.D{{Key: "tenant", Value: tenantID}}, options.Find(), &docs, "read quick-win summaries"); err != nil {
			return nil, err
		}
	}
	byOPD := map[string]*summaryDoc{}
	for i := range docs {
		byOPD[docs[i].OPDCode] = &docs[i]
	}
	loc, err := s.location(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var out []quickwin.QuickWin
	var missing []string
	for _, code := range codes {
		d := byOPD[code]
		var body summaryBody
		if d == nil || d.Stale || bson.Unmarshal(d.QuickWins, &body) != nil {
			missing = append(missing, code)
			continue
		}
		for i := range body.QuickWins {
			body.QuickWins[i].In(loc)
		}
		out = append(out, body.QuickWins...)
	}
	if len(missing) > 0 {
		read, err := s.TrackedQuickWins(ctx, tenantID, opd)
		if err != nil {
			return nil, err
		}
		perOPD := map[string][]quickwin.QuickWin{}
		for _, c := range read {
			perOPD[c.OPDCode] = append(perOPD[c.OPDCode], c)
		}
		var fresh []any // summaries there were none of, inserted at once
		for _, code := range missing {
			out = append(out, perOPD[code]...)
			if d, err := newSummary(tenantID, code, perOPD[code]); err != nil {
				s.log.WarnContext(ctx, "quick-win summary not encoded", "opd", code, "err", err)
			} else if seen := byOPD[code]; seen == nil {
				fresh = append(fresh, d)
			} else {
				s.replaceStaleSummary(ctx, seen, d)
			}
		}
		// Where a writer (or another reader) made one meanwhile, the insert
		// fails and theirs stays.
		if _, err := s.insertCopies(ctx, colSummaries, fresh); err != nil {
			s.log.WarnContext(ctx, "quick-win summaries not stored", "tenant", tenantID, "err", err)
		}
	}
	if len(statuses) > 0 {
		out = slices.DeleteFunc(out, func(c quickwin.QuickWin) bool { return !slices.Contains(statuses, c.Status) })
	}
	return out, nil
}

// summary reads one summary by _id; nil when there is none.
func (s *Store) summary(ctx context.Context, id string) (*summaryDoc, error) {
	var d summaryDoc
	err := s.findOne(ctx, colSummaries, bson.D{{Key: "_id", Value: id}}, &d, "quick-win summary "+id)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// newSummary is a current summary of an OPD's quick wins as read.
func newSummary(tenantID, opd string, cs []quickwin.QuickWin) (summaryDoc, error) {
	if cs == nil {
		cs = []quickwin.QuickWin{}
	}
	blob, err := bson.Marshal(summaryBody{QuickWins: cs})
	return summaryDoc{ID: summaryID(tenantID, opd), TenantID: tenantID, OPDCode: opd, QuickWins: blob}, err
}

// replaceStaleSummary stores d over the stale summary seen before the
// quick wins were read, unless a writer changed it since (see above). A
// failure is logged; the summary stays stale, and the next reader tries
// again.
func (s *Store) replaceStaleSummary(ctx context.Context, seen *summaryDoc, d summaryDoc) {
	_, err := s.c(colSummaries).UpdateOne(ctx, bson.D{{Key: "_id", Value: seen.ID}, {Key: "rev", Value: seen.Rev}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "quick_wins", Value: d.QuickWins}, {Key: "stale", Value: false}}},
		{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}})
	if err != nil {
		s.log.WarnContext(ctx, "quick-win summary not stored", "summary", seen.ID, "err", err)
	}
}

// summaryAttempts bounds how often a writer applies its quick win to a
// summary that other writers keep changing before it marks it stale.
const summaryAttempts = 3

// noteQuickWinChange brings the OPD summary of c, just stored, up to date,
// or marks it stale (see above).
func (s *Store) noteQuickWinChange(ctx context.Context, c *quickwin.QuickWin) {
	id := summaryID(c.TenantID, c.OPDCode)
	for attempt := 0; attempt < summaryAttempts; attempt++ {
		d, err := s.summary(ctx, id)
		if err != nil || d == nil || d.Stale {
			break
		}
		var body summaryBody
		if err := bson.Unmarshal(d.QuickWins, &body); err != nil {
			break
		}
		t := trackedCopy(c)
		if i := slices.IndexFunc(body.QuickWins, func(x quickwin.QuickWin) bool { return x.ID == c.ID }); i >= 0 {
			body.QuickWins[i] = t
		} else {
			body.QuickWins = append(body.QuickWins, t)
		}
		blob, err := bson.Marshal(body)
		if err != nil {
			break
		}
		res, err := s.c(colSummaries).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "rev", Value: d.Rev}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "quick_wins", Value: blob}}}, {Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}})
		if err != nil {
			break
		}
		if res.MatchedCount == 1 {
			return
		}
	}
	s.markSummariesStale(ctx, bson.D{{Key: "_id", Value: id}}, c.TenantID, c.OPDCode)
}

// markSummariesStale marks the summaries matching filter stale and bumps
// their revisions; with an OPD it creates the OPD's summary, stale, when
// there is none. A failure is logged: the summary may then be read out
// of date until serve next starts (DropSummaries).
func (s *Store) markSummariesStale(ctx context.Context, filter bson.D, tenantID, opd string) {
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "stale", Value: true}}}, {Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}}
	var err error
	if opd != "" {
		update = append(update, bson.E{Key: "$setOnInsert", Value: bson.D{{Key: "tenant", Value: tenantID}, {Key: "opd", Value: opd}}})
		_, err = s.c(colSummaries).UpdateOne(context.WithoutCancel(ctx), filter, update, options.UpdateOne().SetUpsert(true))
	} else {
		_, err = s.c(colSummaries).UpdateMany(context.WithoutCancel(ctx), filter, update)
	}
	if err != nil {
		s.log.ErrorContext(ctx, "quick-win summary not marked stale; the dashboard may show it out of date until the next start", "tenant", tenantID, "opd", opd, "err", err)
	}
}

// DropSummaries removes every summary (`serve`, at start): see above.
func (s *Store) DropSummaries(ctx context.Context) error {
	_, err := s.c(colSummaries).DeleteMany(ctx, bson.D{})
	return wrap(err, "remove quick-win summaries")
}

// WarmSummaries makes every tenant's summaries, which serve removed, so
// that the first dashboard page after a start need not (`serve` runs it
// in the background). It reads each tenant's quick wins once; a failure is
// logged, and the first page then makes them instead.
func (s *Store) WarmSummaries(ctx context.Context) {
	tenants, err := s.Tenants(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "quick-win summaries not made at start", "err", err)
		return
	}
	for _, t := range tenants {
		if _, err := s.TrackedQuickWinsSummarised(ctx, t.ID, ""); err != nil {
			s.log.WarnContext(ctx, "quick-win summaries not made at start", "tenant", t.ID, "err", err)
		}
	}
}
