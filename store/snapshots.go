package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// colSnapshots holds one leaderboard ranking per tenant and ISO week: the
// baseline against which the next week's movement (▲2 ▼1) is computed.
const colSnapshots = "leaderboard_snapshots"

func init() {
	extraIndexes = append(extraIndexes,
		// One snapshot per tenant and week; also serves "latest before week".
		index{colSnapshots, bson.D{{Key: "tenant", Value: 1}, {Key: "week", Value: 1}}, true},
	)
}

type snapshotDoc struct {
	ID        string             `bson:"_id"` // tenant/2027-W14
	TenantID  string             `bson:"tenant"`
	Week      string             `bson:"week"` // 2027-W14: sorts in time order as a string
	TakenAt   time.Time          `bson:"taken_at"`
	Standings []snapshotStanding `bson:"standings"`
}

type snapshotStanding struct {
	OPDCode string  `bson:"opd"`
	OPDName string  `bson:"name"`
	Score   float64 `bson:"score"`
	Rank    int     `bson:"rank"`
}

// WeekKey names ISO week w of ISO year y as stored: "2027-W04".
func WeekKey(y, w int) string { return fmt.Sprintf("%04d-W%02d", y, w) }

func snapshotID(tenantID string, y, w int) string { return tenantID + "/" + WeekKey(y, w) }

// SaveLeaderboardSnapshot stores a tenant's ranking of ISO week (y, w) if
// that week has none yet and reports whether it did. The first snapshot of
// a week wins: running the weekly job twice, or on two instances, keeps the
// ranking the groups were first shown.
//
// Index: _id; the unique {tenant, week} guards the same key.
func (s *Store) SaveLeaderboardSnapshot(ctx context.Context, tenantID string, y, w int, takenAt time.Time, standings []quickwin.Standing) (bool, error) {
	rows := make([]snapshotStanding, len(standings))
	for i, st := range standings {
		rows[i] = snapshotStanding{OPDCode: st.OPDCode, OPDName: st.OPDName, Score: st.Score, Rank: st.Rank}
	}
	insert := bson.D{{Key: "tenant", Value: tenantID}, {Key: "week", Value: WeekKey(y, w)}, {Key: "taken_at", Value: takenAt}, {Key: "standings", Value: rows}}
	res, err := s.c(colSnapshots).UpdateOne(ctx, bson.D{{Key: "_id", Value: snapshotID(tenantID, y, w)}},
		bson.D{{Key: "$setOnInsert", Value: insert}}, options.UpdateOne().SetUpsert(true))
	if err != nil {
		err = wrap(err, "save leaderboard snapshot")
		// Two first upserts of one week race on _id; the loser finds the
		// winner's snapshot, which is what it would have stored.
		if quickwin.ErrorCode(err) == quickwin.ECONFLICT {
			return false, nil
		}
		return false, err
	}
	return res.UpsertedCount > 0, nil
}

// LeaderboardSnapshotBefore returns the latest snapshot of a tenant from an
// ISO week before (y, w): when it was taken and its standings, ranked.
// ENOTFOUND when there is none.
//
// The previous week's snapshot is looked up by _id first: that is the
// usual case, and the embedded database answers a filter on _id alone
// without scanning the collection. Otherwise {tenant, week} serves the range.
func (s *Store) LeaderboardSnapshotBefore(ctx context.Context, tenantID string, y, w int) (time.Time, []quickwin.Standing, error) {
	var doc snapshotDoc
	py, pw := previousISOWeek(y, w)
	err := s.findOne(ctx, colSnapshots, bson.D{{Key: "_id", Value: snapshotID(tenantID, py, pw)}}, &doc, "leaderboard snapshot")
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		err = wrap(s.c(colSnapshots).FindOne(ctx,
			bson.D{{Key: "tenant", Value: tenantID}, {Key: "week", Value: bson.D{{Key: "$lt", Value: WeekKey(y, w)}}}},
			options.FindOne().SetSort(bson.D{{Key: "week", Value: -1}})).Decode(&doc), "leaderboard snapshot")
	}
	if err != nil {
		return time.Time{}, nil, err
	}
	out := make([]quickwin.Standing, len(doc.Standings))
	for i, st := range doc.Standings {
		out[i] = quickwin.Standing{OPDCode: st.OPDCode, OPDName: st.OPDName, Score: st.Score, Rank: st.Rank}
	}
	return doc.TakenAt, out, nil
}

// previousISOWeek returns the ISO week before (y, w).
func previousISOWeek(y, w int) (int, int) {
	// 4 January is always in ISO week 1; step to the Monday of week w, then
	// back one week.
	jan4 := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
	return monday.AddDate(0, 0, -7).ISOWeek()
}
