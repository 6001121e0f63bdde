package store

import (
	"context"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// The files of action steps marked done outside a report go into the same
// archive as a report's (evidence.go), keyed by quick win, step and file
// id (quickwin.StepEvidenceRecordID). UpdateQuickWin queues what its write
// added to the steps, so the bot's "mark done" needs nothing of its own; a
// step finished by a report (CreateReport) carries the report's files,
// which the report's records hold already. Once archived, the file's hash
// is written on the step's evidence, where the dashboard finds it, as a
// report's is written on the report.

// queueStepEvidence records and queues the files a write of c by memberID
// added to its steps. Recording them again stores nothing twice.
func (s *Store) queueStepEvidence(ctx context.Context, c *quickwin.QuickWin, files []quickwin.StepFile, memberID string) error {
	if len(files) == 0 {
		return nil
	}
	now := s.Now()
	recs := make([]any, len(files))
	for i, f := range files {
		recs[i] = quickwin.StepEvidenceRecord(c, f, memberID, now)
	}
	_, err := s.recordAndQueue(ctx, recs)
	return err
}

// markStepEvidence writes an archived file's hash and type on its step's
// evidence. Steps move and the quick win changes under other writes, so
// the step is found by its id on a fresh read and the write is
// conditioned on the version read and bumps it: a concurrent
// UpdateQuickWin, which replaces the whole quick win, then reads again
// rather than write back evidence without the hash. A quick win, step or
// file that is gone needs nothing.
func (s *Store) markStepEvidence(ctx context.Context, tenantID, quickWinID, stepID, fileID, sum, contentType string) error {
	for attempt := 0; attempt < maxUpdateAttempts; attempt++ {
		c, err := s.QuickWin(ctx, tenantID, quickWinID)
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		k := c.StepIndex(stepID)
		if k < 0 {
			return nil
		}
		j := -1
		for i, e := range c.Steps[k].Evidence {
			if e.FileID == fileID {
				j = i
				break
			}
		}
		if j < 0 || c.Steps[k].Evidence[j].SHA256 == sum && c.Steps[k].Evidence[j].ContentType == contentType {
			return nil
		}
		step := "steps." + strconv.Itoa(k) + "."
		where := step + "evidence." + strconv.Itoa(j) + "."
		res, err := s.c(colQuickWins).UpdateOne(ctx,
			bson.D{{Key: "_id", Value: quickWinID}, {Key: "version", Value: c.Version}, {Key: step + "id", Value: stepID}, {Key: where + "file_id", Value: fileID}},
			bson.D{
				{Key: "$set", Value: bson.D{{Key: where + "sha256", Value: sum}, {Key: where + "content_type", Value: contentType}}},
				{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}},
			})
		if err != nil {
			return wrap(err, "mark step evidence archived")
		}
		if res.MatchedCount > 0 {
			return nil
		}
	}
	return quickwin.Errorf(quickwin.ECONFLICT, "quick win %s changed too often; the step's file is marked later", quickWinID)
}

// colEvidenceSweeps holds when the last sweep of steps' files read the
// quick wins: one document.
const colEvidenceSweeps = "evidence_sweeps"

// sweepOverlap is how far before the last sweep the next one looks again:
// a step stored while the last one read is seen again.
const sweepOverlap = 24 * time.Hour

// SweepStepEvidence implements quickwin.EvidenceArchive. Candidates are
// the files of steps done since the last sweep (all of them at the
// first) that carry no hash; one read of the archive's records for their
// file ids says which have none. Those are recorded and queued; a file a
// report's record holds (the report finished the step) is fetched under
// the report, and one recorded under its step waits for the worker. On
// the embedded database that read scans the archive's records (seconds at
// a year of them), so the sweep remembers when it read, and a later start
// reads only for steps done since.
func (s *Store) SweepStepEvidence(ctx context.Context) (int, error) {
	started := s.Now()
	var last struct {
		At time.Time `bson:"at"`
	}
	if err := s.findOne(ctx, colEvidenceSweeps, bson.D{{Key: "_id", Value: "steps"}}, &last, "read last step evidence sweep"); err != nil && quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		return 0, err
	}
	since := time.Time{}
	if !last.At.IsZero() {
		since = last.At.Add(-sweepOverlap)
	}
	var qws []quickwin.QuickWin
	opts := options.Find().SetProjection(bson.D{{Key: "tenant", Value: 1}, {Key: "opd", Value: 1}, {Key: "steps", Value: 1}, {Key: "created_by", Value: 1}})
	if err := s.findAll(ctx, colQuickWins, bson.D{}, opts, &qws, "read quick wins' steps"); err != nil {
		return 0, err
	}
	type candidate struct {
		c *quickwin.QuickWin
		f quickwin.StepFile
	}
	var cands []candidate
	var fileIDs []string
	for i := range qws {
		for _, f := range qws[i].StepFiles() {
			if f.SHA256 == "" && !f.DoneAt.Before(since) {
				cands = append(cands, candidate{&qws[i], f})
				fileIDs = append(fileIDs, f.FileID)
			}
		}
	}
	n := 0
	if len(cands) > 0 {
		var recs []struct {
			ID       string `bson:"_id"`
			TenantID string `bson:"tenant"`
			ReportID string `bson:"report"`
			FileID   string `bson:"file_id"`
		}
		proj := options.Find().SetProjection(bson.D{{Key: "tenant", Value: 1}, {Key: "report", Value: 1}, {Key: "file_id", Value: 1}})
		if err := s.findAll(ctx, colEvidence, bson.D{{Key: "file_id", Value: bson.D{{Key: "$in", Value: fileIDs}}}}, proj, &recs, "read step files' records"); err != nil {
			return 0, err
		}
		held := map[string]bool{} // a record's id, and tenant/file id of a report's record
		for _, r := range recs {
			held[r.ID] = true
			if r.ReportID != "" {
				held[r.TenantID+"/"+r.FileID] = true
			}
		}
		var missing []any
		for _, k := range cands {
			if !held[k.c.TenantID+"/"+k.f.FileID] && !held[quickwin.StepEvidenceRecordID(k.c.ID, k.f.StepID, k.f.FileID)] {
				// Who marked the step is in the audit log only; the quick
				// win's author stands in (the record says whose OPD, and when).
				missing = append(missing, quickwin.StepEvidenceRecord(k.c, k.f, k.c.CreatedBy, started))
			}
		}
		var err error
		if n, err = s.recordAndQueue(ctx, missing); err != nil {
			return 0, err
		}
	}
	_, err := s.c(colEvidenceSweeps).UpdateOne(ctx, bson.D{{Key: "_id", Value: "steps"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "at", Value: started}}}}, options.UpdateOne().SetUpsert(true))
	return n, wrap(err, "remember step evidence sweep")
}
