package store

import (
	"context"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// This file holds what the dashboard (the Mini App) needs beyond the
// services: the run of weekly leaderboard snapshots for its trend chart,
// and a record of one-time credentials (Telegram initData, link tokens)
// already used, shared by every instance so that a replay fails on all.

// colUsedOnce holds the digests of used one-time credentials until they
// expire; PruneUsedOnce removes the expired ones (no TTL index: see index).
const colUsedOnce = "dashboard_used"

func init() {
	extraIndexes = append(extraIndexes, index{colUsedOnce, bson.D{{Key: "expires", Value: 1}}, false})
}

// LeaderboardSnapshots returns a tenant's latest weekly snapshots, at most
// limit of them, oldest first.
//
// Index: {tenant, week} (unique, see snapshots.go).
func (s *Store) LeaderboardSnapshots(ctx context.Context, tenantID string, limit int) ([]quickwin.LeaderboardSnapshot, error) {
	var docs []snapshotDoc
	opts := options.Find().SetSort(bson.D{{Key: "week", Value: -1}}).SetLimit(int64(limit))
	if err := s.findAll(ctx, colSnapshots, bson.D{{Key: "tenant", Value: tenantID}}, opts, &docs, "leaderboard snapshots"); err != nil {
		return nil, err
	}
	out := make([]quickwin.LeaderboardSnapshot, 0, len(docs))
	for _, d := range slices.Backward(docs) {
		snap := quickwin.LeaderboardSnapshot{Week: d.Week, TakenAt: d.TakenAt, Standings: make([]quickwin.Standing, len(d.Standings))}
		for i, st := range d.Standings {
			snap.Standings[i] = quickwin.Standing{OPDCode: st.OPDCode, OPDName: st.OPDName, Score: st.Score, Rank: st.Rank}
		}
		out = append(out, snap)
	}
	return out, nil
}

// UseOnce records that the one-time credential with digest key was used
// and reports whether this was its first use. The record is kept until
// expires (after which the credential is refused for its age anyway).
// Two instances racing on one credential: the unique _id lets one win.
func (s *Store) UseOnce(ctx context.Context, key string, expires time.Time) (bool, error) {
	_, err := s.c(colUsedOnce).InsertOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "expires", Value: expires}})
	err = wrap(err, "record used credential")
	if quickwin.ErrorCode(err) == quickwin.ECONFLICT {
		return false, nil
	}
	return err == nil, err
}

// PruneUsedOnce removes the records of credentials that expired before
// `before` and returns how many.
func (s *Store) PruneUsedOnce(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.c(colUsedOnce).DeleteMany(ctx, bson.D{{Key: "expires", Value: bson.D{{Key: "$lt", Value: before}}}})
	if err != nil {
		return 0, wrap(err, "prune used credentials")
	}
	return res.DeletedCount, nil
}
