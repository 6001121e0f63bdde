package quickwin

import (
	"cmp"
	"slices"
)

// A quick win lists its own reports (QuickWin.ReportIDs). On the embedded
// database a find by anything but _id reads every document of its
// collection, so finding one quick win's reports among a regency's year of
// them (10,800) took most of a second; by their ids, each is one indexed
// look-up. The list is kept by the same single-document write that applies
// a report to its quick win (ApplyReport), so it is never half-written:
// a report that did not reach its quick win is removed again (CreateReport).
// ReportsRev counts every change to the quick win's reports, so that the
// store can keep a copy of them (read by the quick win's id, as one
// document) and know when the copy is current.

// ListReport adds a report to the quick win's reports, once, and counts
// the change.
func (c *QuickWin) ListReport(id string) {
	if id != "" && !slices.Contains(c.ReportIDs, id) {
		c.ReportIDs = append(c.ReportIDs, id)
		c.ReportChanged()
	}
}

// ReportChanged counts a change to one of the quick win's reports: a new
// one, or one verified, returned or corrected (MirrorVerification). A copy
// of the reports made at revision n is current while ReportsRev is n.
func (c *QuickWin) ReportChanged() { c.ReportsRev++ }

// ReportIDsByQuickWin lists the reports of each quick win, oldest first
// (by creation, then id): what ApplyReport would have listed had every
// report been applied since the beginning. It fills in quick wins stored
// before they listed their reports, and tests check the lists against it.
func ReportIDsByQuickWin(reports []Report) map[string][]string {
	sorted := slices.Clone(reports)
	slices.SortStableFunc(sorted, func(a, b Report) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	out := map[string][]string{}
	for _, r := range sorted {
		out[r.QuickWinID] = append(out[r.QuickWinID], r.ID)
	}
	return out
}

// NewestFirst orders reports as pages list them: by date, newest first,
// then by creation, newest first.
func NewestFirst(reports []Report) {
	slices.SortStableFunc(reports, func(a, b Report) int {
		return cmp.Or(b.Date.Compare(a.Date), b.CreatedAt.Compare(a.CreatedAt))
	})
}
