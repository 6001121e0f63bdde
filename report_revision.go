package quickwin

import (
	"cmp"
	"slices"
)

// ReportChanged counts a change to one of the quick win's reports: a new
// one (ApplyReport), or one verified, returned or corrected
// (MirrorVerification), in the same single-document write as the change
// itself. A copy of the quick win's reports made once its ReportsRev was n
// is current while ReportsRev is still n: the store keeps such a copy, read
// by the quick win's id, because on the embedded database finding one quick
// win's reports among a regency's year of them (10,800) reads every one.
func (c *QuickWin) ReportChanged() { c.ReportsRev++ }

// NewestFirst orders reports as pages list them: by date, newest first,
// then by creation, newest first.
func NewestFirst(reports []Report) {
	slices.SortStableFunc(reports, func(a, b Report) int {
		return cmp.Or(b.Date.Compare(a.Date), b.CreatedAt.Compare(a.CreatedAt))
	})
}
