package dashboard

import (
	"net/http"
	"slices"
	"strconv"

	"quickwin"
)

// stepEvidence sends one file of an action step from the archive (ActViewOPD
// on the quick win's OPD, as the quick win's page): a file sent when the
// step was marked done outside a report, or one of the report that
// finished it. The page links a report's file to the report's address
// (stepEvidenceURLs); this one finds it too.
func (h *Handler) stepEvidence(w http.ResponseWriter, r *http.Request, v *viewer) error {
	if h.cfg.Evidence == nil {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no evidence archive")
	}
	c, err := h.loadQuickWin(r, v)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	k := c.StepIndex(r.PathValue("step"))
	if err != nil || n < 0 || k < 0 || n >= len(c.Steps[k].Evidence) {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no evidence %s/%s of quick win %s", r.PathValue("step"), r.PathValue("n"), c.ID)
	}
	ev := c.Steps[k].Evidence[n]
	if ev.SHA256 == "" {
		if ev, err = h.reportFileOf(r, v, c, ev); err != nil {
			return err
		}
	}
	return h.sendEvidence(w, r, v, ev)
}

// reportFileOf is a step's file as the report that finished the step
// holds it, with the archived file's hash written on the report: read
// afresh, for the report book holds no archive marks.
// ev itself when no report holds it archived.
func (h *Handler) reportFileOf(r *http.Request, v *viewer, c *quickwin.QuickWin, ev quickwin.Evidence) (quickwin.Evidence, error) {
	reports, err := h.cfg.Store.QuickWinReports(r.Context(), c)
	if err != nil {
		return ev, err
	}
	for _, rep := range reports {
		if !slices.ContainsFunc(rep.Evidence, func(e quickwin.Evidence) bool { return e.FileID == ev.FileID }) {
			continue
		}
		fresh, err := h.cfg.Store.Report(r.Context(), v.tenant.ID, rep.ID)
		if err != nil {
			return ev, err
		}
		for _, e := range fresh.Evidence {
			if e.FileID == ev.FileID && e.SHA256 != "" {
				return e, nil
			}
		}
	}
	return ev, nil
}

// stepEvidenceURLs gives the address of each file of the quick win's
// steps: the report's file when a report of the quick win holds it (the
// step was finished by that report), the step's own otherwise.
func stepEvidenceURLs(p *page, c *quickwin.QuickWin, reports []quickwin.Report) func(s quickwin.Step, n int) string {
	ofReport := map[string]string{}
	for _, rep := range reports {
		for i, e := range rep.Evidence {
			ofReport[e.FileID] = p.URL("evidence/" + rep.ID + "/" + strconv.Itoa(i))
		}
	}
	return func(s quickwin.Step, n int) string {
		if u, ok := ofReport[s.Evidence[n].FileID]; ok {
			return u
		}
		return p.URL("qw/" + c.ID + "/step/" + s.ID + "/evidence/" + strconv.Itoa(n))
	}
}
