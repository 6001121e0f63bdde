package dashboard

import (
	"fmt"
	"html/template"
	"net/http"

	"quickwin"
	"quickwin/digest"
)

// trendWeeks is how many weekly snapshots the trend shows.
const trendWeeks = 12

type leaderboardView struct {
	Rows  []standingRow
	Since string // the week movement is measured from; empty without a snapshot
	Weeks int
}

type standingRow struct {
	quickwin.Standing
	Medal string
	Move  string // ▲2, ▼1, =, or new
	Trend template.HTML
	URL   string // the OPD's page, for those who may open it
}

// leaderboardPage shows the ranking now (every member may see it), each
// OPD's movement since the latest earlier weekly snapshot and its score
// over the last weeks.
func (h *Handler) leaderboardPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActLeaderboard, ""); err != nil {
		return err
	}
	ctx, now := r.Context(), h.cfg.Clock.Now()
	opds, err := h.cfg.Store.OPDs(ctx, v.tenant.ID, true)
	if err != nil {
		return err
	}
	cs, err := h.tracked(ctx, v.tenant.ID, "")
	if err != nil {
		return err
	}
	snaps, err := h.cfg.Store.LeaderboardSnapshots(ctx, v.tenant.ID, trendWeeks+1)
	if err != nil {
		return err
	}
	y, wk := now.In(v.tenant.Location()).ISOWeek()
	thisWeek := fmt.Sprintf("%04d-W%02d", y, wk)
	// This week's own snapshot is next week's baseline (as in the chat);
	// the trend ends with the score now instead.
	var earlier []quickwin.LeaderboardSnapshot
	for _, s := range snaps {
		if s.Week < thisWeek {
			earlier = append(earlier, s)
		}
	}
	if len(earlier) > trendWeeks {
		earlier = earlier[len(earlier)-trendWeeks:]
	}
	p := h.newPage(r, v, "dash.leaderboard.title")
	view := &leaderboardView{Weeks: len(earlier) + 1}
	var before map[string]int
	if len(earlier) > 0 {
		last := earlier[len(earlier)-1]
		view.Since = p.Date(last.TakenAt)
		before = map[string]int{}
		for _, s := range last.Standings {
			before[s.OPDCode] = s.Rank
		}
	}
	for _, s := range digest.Standings(v.tenant, opds, activeOnly(cs), now) {
		row := standingRow{Standing: s}
		if !s.Unranked {
			row.Medal = digest.Medal(s.Rank)
		}
		if before != nil && !s.Unranked {
			row.Move = digest.Movement(p.Lang, before[s.OPDCode], s.Rank)
		}
		var scores []float64
		for _, snap := range earlier {
			for _, st := range snap.Standings {
				if st.OPDCode == s.OPDCode {
					scores = append(scores, st.Score)
				}
			}
		}
		row.Trend = sparkline(append(scores, s.Score))
		if v.may(quickwin.ActViewOPD, s.OPDCode) {
			row.URL = p.URL("opd/" + s.OPDCode)
		}
		view.Rows = append(view.Rows, row)
	}
	p.Data = view
	h.render(w, http.StatusOK, "leaderboard", p)
	return nil
}
