package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// Job runs record each run of a scheduled job for a tenant under the key
// (job, tenant, scheduled time). The unique key is what makes a scheduled
// time run once even when two instances (or the cron and the catch-up of
// one instance) try at the same moment; it needs no lease and works on the
// embedded database too, whose unique indexes hold across connections.

const colJobRuns = "job_runs"

func init() {
	extraIndexes = append(extraIndexes,
		index{colJobRuns, bson.D{{Key: "tenant", Value: 1}, {Key: "scheduled", Value: -1}}, false})
}

// JobRunStale is how long a run may go unfinished before another instance
// takes it over (its runner died). Jobs take seconds; re-running one is
// safe because every message it queues has a unique key.
const JobRunStale = 15 * time.Minute

// JobRun is one run of a job for a tenant.
type JobRun struct {
	ID        string    `bson:"_id"` // job/tenant/scheduled (RFC 3339, UTC)
	Job       string    `bson:"job"`
	TenantID  string    `bson:"tenant"`
	Scheduled time.Time `bson:"scheduled"`
	Owner     string    `bson:"owner"`
	Attempts  int       `bson:"attempts"`
	Started   time.Time `bson:"started"`
	Done      bool      `bson:"done"`
	Failed    bool      `bson:"failed"`
	Finished  time.Time `bson:"finished,omitempty"`
	Enqueued  int       `bson:"enqueued"` // messages it queued that were new
	Error     string    `bson:"error,omitempty"`
}

func jobRunID(job, tenantID string, scheduled time.Time) string {
	return job + "/" + tenantID + "/" + scheduled.UTC().Format(time.RFC3339)
}

// StartJobRun records that owner starts job for tenant as of scheduled and
// reports whether it may run it: false when the run exists and finished
// well, or is running elsewhere and not stale. A run that failed, or was
// left unfinished for longer than JobRunStale, is taken over.
func (s *Store) StartJobRun(ctx context.Context, job, tenantID string, scheduled time.Time, owner string) (bool, error) {
	now := s.Now()
	id := jobRunID(job, tenantID, scheduled)
	_, err := s.c(colJobRuns).InsertOne(ctx, JobRun{
		ID: id, Job: job, TenantID: tenantID, Scheduled: scheduled, Owner: owner, Attempts: 1, Started: now,
	})
	if err == nil {
		return true, nil
	}
	if quickwin.ErrorCode(wrap(err, "")) != quickwin.ECONFLICT {
		return false, wrap(err, "start job run "+id)
	}
	res, err := s.c(colJobRuns).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "$or", Value: bson.A{
			bson.D{{Key: "failed", Value: true}},
			bson.D{{Key: "done", Value: false}, {Key: "started", Value: bson.D{{Key: "$lt", Value: now.Add(-JobRunStale)}}}},
		}}},
		bson.D{
			{Key: "$set", Value: bson.D{{Key: "owner", Value: owner}, {Key: "started", Value: now}, {Key: "done", Value: false}, {Key: "failed", Value: false}, {Key: "error", Value: ""}}},
			{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
		})
	if err != nil {
		return false, wrap(err, "take over job run "+id)
	}
	return res.ModifiedCount == 1, nil
}

// FinishJobRun records the end of a run started by owner: how many new
// messages it queued and, when it failed, why (a failed run is taken over
// by the next StartJobRun).
func (s *Store) FinishJobRun(ctx context.Context, job, tenantID string, scheduled time.Time, owner string, enqueued int, runErr error) error {
	set := bson.D{{Key: "done", Value: true}, {Key: "finished", Value: s.Now()}, {Key: "enqueued", Value: enqueued},
		{Key: "failed", Value: runErr != nil}}
	if runErr != nil {
		set = append(set, bson.E{Key: "error", Value: runErr.Error()})
	}
	id := jobRunID(job, tenantID, scheduled)
	_, err := s.c(colJobRuns).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "owner", Value: owner}},
		bson.D{{Key: "$set", Value: set}})
	return wrap(err, "finish job run "+id)
}

// JobRuns lists a tenant's runs, the latest scheduled first.
func (s *Store) JobRuns(ctx context.Context, tenantID string, limit int) ([]JobRun, error) {
	opts := options.Find().SetSort(bson.D{{Key: "scheduled", Value: -1}, {Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	var out []JobRun
	return out, s.findAll(ctx, colJobRuns, bson.D{{Key: "tenant", Value: tenantID}}, opts, &out, "list job runs")
}

// PruneJobRuns deletes runs scheduled before before. Catch-up only looks
// back one grace window, so a month of history is plenty.
func (s *Store) PruneJobRuns(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.c(colJobRuns).DeleteMany(ctx, bson.D{{Key: "scheduled", Value: bson.D{{Key: "$lt", Value: before}}}})
	if err != nil {
		return 0, wrap(err, "prune job runs")
	}
	return res.DeletedCount, nil
}
