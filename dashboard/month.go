package dashboard

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"time"

	"quickwin"
	"quickwin/digest"
)

// monthView is the tenant's month: headline numbers, then one row per OPD.
type monthView struct {
	Month   string // YYYY-MM
	Label   string
	Options []monthOption
	Total   digest.MonthOPD
	OPDs    int // OPDs with quick wins in the month
	Bands   template.HTML
	Rows    []monthRow
	Sort    string
	Desc    bool
}

type monthRow struct {
	digest.MonthOPD
	Bar template.HTML
}

// monthSorts are the columns the OPD table sorts by; the first is the default.
var monthSorts = []string{"name", "mean", "active", "late", "unreported"}

// monthPage shows every OPD's month (leaders and admins: ActViewAll).
func (h *Handler) monthPage(w http.ResponseWriter, r *http.Request, v *viewer) error {
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActViewAll, ""); err != nil {
		return err
	}
	q := r.URL.Query()
	loc, now := v.tenant.Location(), h.cfg.Clock.Now()
	month, err := monthParam(q, now, loc)
	if err != nil {
		return err
	}
	sortBy, err := enumParam(q, "sort", monthSorts...)
	if err != nil {
		return err
	}
	dir, err := enumParam(q, "dir", "asc", "desc")
	if err != nil {
		return err
	}
	ev, err := h.evaluateMonth(r, v, nil, month)
	if err != nil {
		return err
	}
	p := h.newPage(r, v, "dash.month.title")
	view := &monthView{Month: quickwin.MonthKey(month), Label: p.Month(month), Options: monthOptions(p, month, now, loc),
		Total: ev.Total, Sort: sortBy, Desc: dir == "desc"}
	view.Bands = categoryBands(p, ev.Total)
	for _, o := range ev.OPDs {
		if len(o.QuickWins) == 0 {
			continue // an OPD without quick wins in the month has nothing to judge
		}
		view.OPDs++
		view.Rows = append(view.Rows, monthRow{MonthOPD: o, Bar: progressBar(o.Mean, o.Category)})
	}
	sortMonthRows(view.Rows, sortBy, view.Desc)
	p.Data = view
	h.render(w, http.StatusOK, "month", p)
	return nil
}

// evaluateMonth judges the month of one OPD (opd set, read by the caller)
// or of the tenant (opd nil). It reads the quick wins (evaluation fields
// only, through the cache) and, for the tenant, its OPDs: each quick win
// knows the months it was reported in, so no report is read.
func (h *Handler) evaluateMonth(r *http.Request, v *viewer, opd *quickwin.OPD, month time.Time) (*digest.MonthEvaluation, error) {
	ctx := r.Context()
	var opds []quickwin.OPD
	code := ""
	if opd == nil {
		all, err := h.cfg.Store.OPDs(ctx, v.tenant.ID, false)
		if err != nil {
			return nil, err
		}
		opds = all
	} else {
		opds, code = []quickwin.OPD{*opd}, opd.Code
	}
	cs, err := h.tracked(ctx, v.tenant.ID, code)
	if err != nil {
		return nil, err
	}
	return digest.EvaluateMonth(v.tenant, opds, cs, month, h.cfg.Clock.Now()), nil
}

func sortMonthRows(rows []monthRow, by string, desc bool) {
	slices.SortStableFunc(rows, func(a, b monthRow) int {
		var c int
		switch by {
		case "mean":
			c = cmp.Compare(a.Mean, b.Mean)
		case "active":
			c = cmp.Compare(a.Active+a.Done, b.Active+b.Done)
		case "late":
			c = cmp.Compare(a.Late, b.Late)
		case "unreported":
			c = cmp.Compare(a.Unreported, b.Unreported)
		}
		if desc {
			c = -c
		}
		if by == "name" && desc {
			return -cmp.Or(cmp.Compare(a.OPD.Name, b.OPD.Name), cmp.Compare(a.OPD.Code, b.OPD.Code))
		}
		return cmp.Or(c, cmp.Compare(a.OPD.Name, b.OPD.Name), cmp.Compare(a.OPD.Code, b.OPD.Code))
	})
}

// categoryBands is the stacked bar of the month's quick wins by category.
func categoryBands(p *page, o digest.MonthOPD) template.HTML {
	counts := map[quickwin.Category]int{}
	for _, q := range o.QuickWins {
		counts[q.Category]++
	}
	return bandsBar(counts, p.Category)
}
