package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"quickwin"
	"quickwin/locales"
)

// Leaderboard queues the weekly leaderboard (Monday by default) to every
// registered group of the tenant, in the group's language, and then stores
// this week's snapshot, against which next week's movement is computed.
// The snapshot is taken only once the messages are queued: a run that
// failed before is retried with the same base, and a re-run in the same
// week queues nothing new. Key: leaderboard/<chat>/<ISO week>/p<n>|chart.
func (j *Jobs) Leaderboard(ctx context.Context, t *quickwin.Tenant, now time.Time) (int, error) {
	if j.Publisher == nil {
		return 0, errors.New("leaderboard: no publisher configured")
	}
	groups, err := j.Directory.Groups(ctx, t.ID)
	if err != nil {
		return 0, err
	}
	y, w := now.In(t.Location()).ISOWeek()
	period := fmt.Sprintf("%d-W%02d", y, w)
	docs := map[locales.Lang]*quickwin.Document{}
	var msgs []quickwin.OutboxMessage
	for _, g := range groups {
		if !g.Active {
			continue
		}
		lang := locales.ParseLang(t.Lang)
		if g.Lang != "" {
			lang = locales.ParseLang(g.Lang)
		}
		doc, ok := docs[lang]
		if !ok {
			if doc, err = j.Publisher.Leaderboard(ctx, t.ID, now, string(lang)); err != nil {
				return 0, fmt.Errorf("leaderboard (%s): %w", lang, err)
			}
			docs[lang] = doc
		}
		base := quickwin.OutboxMessage{
			Key: "leaderboard/" + strconv.FormatInt(g.ChatID, 10) + "/" + period, TenantID: t.ID,
			ChatID: g.ChatID, Priority: priorityScheduled,
		}
		msgs = append(msgs, documentMessages(base, doc, locales.T(lang, "scheduler.leaderboard.chart_caption", nil), "")...)
	}
	n, err := j.enqueue(ctx, msgs)
	if err != nil {
		return n, err
	}
	if err := j.Publisher.SnapshotLeaderboard(ctx, t.ID, now); err != nil {
		return n, fmt.Errorf("leaderboard snapshot: %w", err)
	}
	return n, nil
}
