package dashboard

import (
	"html/template"
	"net/http"

	"quickwin"
	"quickwin/digest"
)

// opdView is one OPD's month: its quick wins with progress bars and status.
type opdView struct {
	OPD      quickwin.OPD
	Month    string
	Label    string
	Options  []monthOption
	Eval     digest.MonthOPD
	Bar      template.HTML
	Rows     []qwRow
	MonthURL string // the tenant's month, for those who may see it
}

type qwRow struct {
	digest.MonthQuickWin
	Bar template.HTML
}

// opdPage shows one OPD (ActViewOPD: its head and staff, leaders, admins).
// The permission is checked before the OPD is looked up, so that a head
// learns nothing about other OPDs' codes.
func (h *Handler) opdPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	code := r.PathValue("code")
	if !quickwin.ValidOPDCode(code) {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no OPD %q", code)
	}
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActViewOPD, code); err != nil {
		return err
	}
	q := r.URL.Query()
	loc, now := v.tenant.Location(), h.cfg.Clock.Now()
	month, err := monthParam(q, now, loc)
	if err != nil {
		return err
	}
	o, err := h.cfg.Store.OPD(r.Context(), v.tenant.ID, code)
	if err != nil {
		return err
	}
	ev, err := h.evaluateMonth(r, v, o, month)
	if err != nil {
		return err
	}
	p := h.newPage(r, v, "dash.opd.title")
	view := &opdView{OPD: *o, Month: quickwin.MonthKey(month), Label: p.Month(month), Options: monthOptions(p, month, now, loc)}
	if len(ev.OPDs) > 0 {
		view.Eval = ev.OPDs[0]
	}
	view.Bar = progressBar(view.Eval.Mean, view.Eval.Category)
	for _, q := range view.Eval.QuickWins {
		view.Rows = append(view.Rows, qwRow{MonthQuickWin: q, Bar: progressBar(q.Capaian, q.Category)})
	}
	if v.may(quickwin.ActViewAll, "") {
		view.MonthURL = p.URL("month", "m", view.Month)
	}
	p.Title = o.Name
	p.Data = view
	h.render(w, http.StatusOK, "opd", p)
	return nil
}
