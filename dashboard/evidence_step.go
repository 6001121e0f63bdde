package dashboard

import (
	"net/http"
	"strconv"

	"quickwin"
)

// stepEvidence sends one file of an action step from the archive: a file
// sent when the step was marked done outside a report (ActViewOPD on the
// quick win's OPD, as the quick win's page). A step finished by a report
// links to the report's file instead (stepEvidenceURL).
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
	return h.sendEvidence(w, r, v, c.Steps[k].Evidence[n])
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
