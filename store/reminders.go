package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// ReminderCandidates returns the active quick wins of one tenant with only
// what deadline reminders need (code, OPD, title, deadline, steps without
// evidence), ordered by deadline. Steps are embedded, and filtering them
// by due date would need $elemMatch on subdocuments, which the embedded
// database gets wrong; an OPD has a handful of active quick wins, so the
// scheduler computes the due dates in Go.
//
// On MongoDB the filter {tenant, status} and the sort {deadline} are the
// prefix and the next key of the index {tenant: 1, status: 1, deadline: 1}:
// one index range, no in-memory sort, and no document of another tenant or
// of a done, draft or cancelled quick win is read.
func (s *Store) ReminderCandidates(ctx context.Context, tenantID string) ([]quickwin.QuickWin, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}, {Key: "status", Value: quickwin.StatusActive}}
	opts := options.Find().SetSort(bson.D{{Key: "deadline", Value: 1}, {Key: "_id", Value: 1}}).SetProjection(bson.D{
		{Key: "_id", Value: 1}, {Key: "tenant", Value: 1}, {Key: "code", Value: 1}, {Key: "opd", Value: 1},
		{Key: "title", Value: 1}, {Key: "status", Value: 1}, {Key: "start", Value: 1}, {Key: "deadline", Value: 1},
		{Key: "steps.id", Value: 1}, {Key: "steps.title", Value: 1}, {Key: "steps.due", Value: 1}, {Key: "steps.done_at", Value: 1},
	})
	return s.findQuickWins(ctx, tenantID, filter, opts, "list reminder candidates")
}
