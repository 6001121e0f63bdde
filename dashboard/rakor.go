package dashboard

import (
	"html/template"
	"net/http"
	"strconv"

	"quickwin"
	"quickwin/digest"
)

// rakorQuickWins caps the quick wins on one OPD's slide: the projector
// shows what needs attention, the OPD page has the rest.
const rakorQuickWins = 10

// rakorView is one slide of the coordination meeting: slide 0 is the
// tenant's month, then one OPD after another (by name, as the digest).
type rakorView struct {
	Month, Label string
	Index, Count int
	PrevURL      string
	NextURL      string
	Total        digest.MonthOPD
	Bands        template.HTML
	Attention    []digest.MonthOPD
	OPD          *digest.MonthOPD
	Bar          template.HTML
	Rows         []qwRow
	More         int
}

// rakorPage is the projector view (ActViewAll). ?i=N picks the slide;
// links move, and static/app.js binds the arrow keys to them.
func (h *Handler) rakorPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActViewAll, ""); err != nil {
		return err
	}
	q := r.URL.Query()
	// The meeting starts from the evaluation of last month.
	loc := v.tenant.Location()
	today := h.cfg.Clock.Now().In(loc)
	lastMonth := today.AddDate(0, 0, -today.Day()) // the last day of the month before
	month, err := monthParam(q, lastMonth, loc)
	if err != nil {
		return err
	}
	i, err := intParam(q, "i", 0, 10000)
	if err != nil {
		return err
	}
	ev, err := h.evaluateMonth(r, v, nil, month)
	if err != nil {
		return err
	}
	var opds []digest.MonthOPD
	for _, o := range ev.OPDs {
		if len(o.QuickWins) > 0 {
			opds = append(opds, o)
		}
	}
	if i > len(opds) {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no slide %d", i)
	}
	p := h.newPage(r, v, "dash.rakor.title")
	p.Projector = true
	key := quickwin.MonthKey(month)
	view := &rakorView{Month: key, Label: p.Month(month), Index: i, Count: len(opds) + 1, Total: ev.Total}
	if i > 0 {
		view.PrevURL = p.URL("rakor", "m", key, "i", strconv.Itoa(i-1))
	}
	if i < len(opds) {
		view.NextURL = p.URL("rakor", "m", key, "i", strconv.Itoa(i+1))
	}
	if i == 0 {
		view.Bands = categoryBands(p, ev.Total)
		for _, o := range opds {
			if o.NeedsAttention && len(view.Attention) < rakorQuickWins {
				view.Attention = append(view.Attention, o)
			}
		}
	} else {
		o := opds[i-1]
		view.OPD = &o
		view.Bar = progressBar(o.Mean, o.Category)
		for _, q := range o.QuickWins {
			if len(view.Rows) == rakorQuickWins {
				view.More++
				continue
			}
			view.Rows = append(view.Rows, qwRow{MonthQuickWin: q, Bar: progressBar(q.Capaian, q.Category)})
		}
	}
	p.Data = view
	h.render(w, http.StatusOK, "rakor", p)
	return nil
}
