package quickwin

import (
	"strings"
	"testing"
	"time"
)

func TestApplyReportCountsTheChange(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2027, 3, 31, 20, 0, 0, 0, wib)
	v := 1.0
	c := &QuickWin{Kind: KindNumeric, Status: StatusActive, ReportsRev: 3}
	for i, id := range []string{"r1", "r2"} {
		c.ApplyReport(&Report{ID: id, Value: &v, Date: now}, now, wib)
		if want := 4 + i; c.ReportsRev != want {
			t.Errorf("after %s: revision %d, want %d", id, c.ReportsRev, want)
		}
	}
}

func TestMirrorVerificationCountsTheChange(t *testing.T) {
	v := 1.0
	c := &QuickWin{Kind: KindNumeric, LastReportID: "r1", ReportsRev: 4}
	for i, r := range []Report{
		{ID: "r1", State: VerifyVerified, Value: &v},
		{ID: "r0", State: VerifyReturned}, // an older report returned
		{ID: "r1", State: VerifyPending, Value: &v},
	} {
		c.MirrorVerification(&r)
		if want := 5 + i; c.ReportsRev != want {
			t.Errorf("after %s %s: revision %d, want %d", r.ID, r.State, c.ReportsRev, want)
		}
	}
}

func TestNewestFirst(t *testing.T) {
	d := func(day, hour int) time.Time { return time.Date(2027, 3, day, hour, 0, 0, 0, time.UTC) }
	rs := []Report{
		{ID: "old", Date: d(1, 0), CreatedAt: d(1, 9)},
		{ID: "new-later", Date: d(9, 0), CreatedAt: d(9, 12)},
		{ID: "new-earlier", Date: d(9, 0), CreatedAt: d(9, 8)},
	}
	NewestFirst(rs)
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, ","); got != "new-later,new-earlier,old" {
		t.Errorf("got %s", got)
	}
}
