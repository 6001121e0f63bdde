package digest

import (
	"context"
	"time"

	"quickwin"
	"quickwin/locales"
)

// medals mark the top three of the leaderboard.
var medals = [...]string{"🥇", "🥈", "🥉"}

// Medal is the medal of a rank in the top three, "" for the others (and
// for 0, unranked). The dashboard shows the chat's medals.
func Medal(rank int) string {
	if rank < 1 || rank > len(medals) {
		return ""
	}
	return medals[rank-1]
}

// Leaderboard implements quickwin.Publisher: the ranking at now, with each
// OPD's movement since the latest weekly snapshot of an earlier ISO week
// (the current week's own snapshot is next week's baseline, so the order in
// which the weekly job renders and snapshots does not matter), and the
// score chart.
func (p *Publisher) Leaderboard(ctx context.Context, tenantID string, now time.Time, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	tenant, loc, err := p.tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	standings, err := p.standings(ctx, tenantID, loc, now)
	if err != nil {
		return nil, err
	}
	y, w := now.In(loc).ISOWeek()
	since, previous, err := p.store.LeaderboardSnapshotBefore(ctx, tenantID, y, w)
	switch quickwin.ErrorCode(err) {
	case "":
	case quickwin.ENOTFOUND:
		since, previous = time.Time{}, nil // the first week: no movement to show
	default:
		return nil, err
	}
	text := renderLeaderboard(l, tenant, now.In(loc), standings, since.In(loc), previous)
	png, err := scoreChart(l, tenant, standings, locales.FormatDate(l, now.In(loc)))
	if err != nil {
		return nil, err
	}
	return &quickwin.Document{Parts: Split(text, TelegramLimit), Chart: png}, nil
}

// SnapshotLeaderboard implements quickwin.Publisher: it stores the ranking
// at now as the snapshot of now's ISO week in the tenant's time zone. The
// first snapshot of a week is kept, so running it twice changes nothing.
func (p *Publisher) SnapshotLeaderboard(ctx context.Context, tenantID string, now time.Time) error {
	_, loc, err := p.tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	standings, err := p.standings(ctx, tenantID, loc, now)
	if err != nil {
		return err
	}
	y, w := now.In(loc).ISOWeek()
	_, err = p.store.SaveLeaderboardSnapshot(ctx, tenantID, y, w, now, standings)
	return err
}

// standings ranks the tenant's active OPDs at now (SPEC §5). It reads the
// active quick wins (evaluation fields only) and the reports dated in the
// last FreshWindow, which say which quick wins are fresh.
func (p *Publisher) standings(ctx context.Context, tenantID string, loc *time.Location, now time.Time) ([]quickwin.Standing, error) {
	opds, err := p.store.OPDs(ctx, tenantID, true)
	if err != nil {
		return nil, err
	}
	commitments, err := p.store.TrackedQuickWinsSummarised(ctx, tenantID, "", quickwin.StatusActive)
	if err != nil {
		return nil, err
	}
	return rank(opds, commitments, loc, now), nil
}

// rank scores every OPD with quickwin.ScoreInputFor and quickwin.Score and
// orders them with quickwin.Rank. An OPD without a running quick win (none,
// or none started) is not ranked (quickwin.Ranked): it stays on the board,
// listed apart, since having nothing under way is news too — but not as a
// score of 0 next to a medal.
func rank(opds []quickwin.OPD, commitments []quickwin.QuickWin, loc *time.Location, now time.Time) []quickwin.Standing {
	fresh := map[string]bool{}
	byOPD := map[string][]quickwin.QuickWin{}
	for i := range commitments {
		c := &commitments[i]
		c.In(loc) // steps are on time by the end of their due day in the tenant's zone
		fresh[c.ID] = c.FreshAt(now)
		byOPD[c.OPDCode] = append(byOPD[c.OPDCode], *c)
	}
	out := make([]quickwin.Standing, 0, len(opds))
	for _, o := range opds {
		in := quickwin.ScoreInputFor(byOPD[o.Code], fresh, now)
		out = append(out, quickwin.Standing{OPDCode: o.Code, OPDName: o.Name, Score: quickwin.Score(in), Unranked: !quickwin.Ranked(in)})
	}
	quickwin.Rank(out)
	return out
}

// renderLeaderboard writes the ranking: medals for the top three, the
// movement since the previous snapshot, and the formula in one line.
func renderLeaderboard(l locales.Lang, tenant *quickwin.Tenant, now time.Time, standings []quickwin.Standing, since time.Time, previous []quickwin.Standing) string {
	p := &page{lang: l}
	p.line(bold("🏆 " + p.t("report.leaderboard.title", map[string]any{"Name": tenant.Name})))
	_, week := now.ISOWeek()
	sub := p.t("report.leaderboard.week", map[string]any{"Week": week, "Date": p.date(now)})
	if previous != nil {
		sub += " · " + p.t("report.leaderboard.since", map[string]any{"Date": p.date(since)})
	}
	p.line(sub)
	p.gap()
	if len(standings) == 0 {
		p.line(p.t("report.leaderboard.empty", nil))
	}
	before := map[string]int{}
	for _, s := range previous {
		before[s.OPDCode] = s.Rank
	}
	var idle []string
	for _, s := range standings {
		name := esc(s.OPDName)
		if s.OPDName == "" {
			name = esc(s.OPDCode)
		}
		if s.Unranked {
			idle = append(idle, "• "+name)
			continue
		}
		lead := p.count(s.Rank) + ". "
		if m := Medal(s.Rank); m != "" {
			lead, name = m+" ", bold(name)
		}
		row := lead + name + " — " + p.num(s.Score)
		if previous != nil {
			row += " " + Movement(l, before[s.OPDCode], s.Rank)
		}
		p.line(row)
	}
	if len(idle) > 0 {
		p.gap()
		p.line(p.tn("fair.leaderboard.idle_title", len(idle), map[string]any{"Count": p.count(len(idle))}))
		for _, l := range idle {
			p.line(l)
		}
	}
	p.gap()
	p.line(italic(p.t("report.leaderboard.formula", map[string]any{
		"Capaian": p.num(quickwin.WeightCapaian), "OnTime": p.num(quickwin.WeightOnTime),
		"Fresh": p.num(quickwin.WeightFresh), "Days": int(quickwin.FreshWindow / (24 * time.Hour)),
	})))
	return p.String()
}

// Movement is ▲n (up n places), ▼n, = or "new" for an OPD that was not
// ranked in the previous snapshot (was is 0), in l: the chat's leaderboard
// and the dashboard's say the same.
func Movement(l locales.Lang, was, is int) string {
	count := func(n int) string { return locales.FormatNumber(l, float64(n)) }
	switch {
	case was == 0:
		return locales.T(l, "report.leaderboard.new", nil)
	case was > is:
		return "▲" + count(was-is)
	case was < is:
		return "▼" + count(is-was)
	}
	return "="
}
