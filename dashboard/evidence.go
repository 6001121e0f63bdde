package dashboard

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"quickwin"
)

// evidence sends one piece of a report's evidence from the archive
// (ActViewOPD on the report's OPD). Without an archive there is nothing to
// send: 404.
func (h *Handler) evidence(w http.ResponseWriter, r *http.Request, v *viewer) error {
	if h.cfg.Evidence == nil {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no evidence archive")
	}
	id := r.PathValue("report")
	n, err := strconv.Atoi(r.PathValue("n"))
	if !quickwin.ValidInviteToken(id) || err != nil || n < 0 {
		return quickwin.Errorf(quickwin.ENOTFOUND, "no evidence %s/%s", id, r.PathValue("n"))
	}
	rep, err := h.cfg.Store.Report(r.Context(), v.tenant.ID, id)
	if err != nil {
		return err
	}
	if err := quickwin.Authorize(v.member, v.tenant.ID, quickwin.ActViewOPD, rep.OPDCode); err != nil {
		return err
	}
	if n >= len(rep.Evidence) {
		return quickwin.Errorf(quickwin.ENOTFOUND, "report %s has %d evidence", id, len(rep.Evidence))
	}
	return h.sendEvidence(w, r, v, rep.Evidence[n])
}

// sendEvidence sends one archived file the viewer may see.
func (h *Handler) sendEvidence(w http.ResponseWriter, r *http.Request, v *viewer, ev quickwin.Evidence) error {
	body, contentType, err := h.cfg.Evidence.Open(r.Context(), v.tenant.ID, ev)
	if err != nil {
		return err
	}
	defer body.Close()
	// Only images show inline; anything else downloads, so that a
	// document never runs as a page of the dashboard's origin.
	if !strings.HasPrefix(contentType, "image/") || contentType == "image/svg+xml" {
		w.Header().Set("Content-Disposition", "attachment")
		if contentType == "" || contentType == "image/svg+xml" {
			contentType = "application/octet-stream"
		}
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = io.Copy(w, body)
	return nil
}
