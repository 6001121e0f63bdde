package quickwin

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestListReport(t *testing.T) {
	for _, c := range []struct {
		name   string
		before []string
		add    string
		want   string
	}{
		{"first", nil, "r1", "r1"},
		{"appended last", []string{"r1"}, "r2", "r1,r2"},
		{"applied again (a retried write)", []string{"r1", "r2"}, "r1", "r1,r2"},
		{"no id", []string{"r1"}, "", "r1"},
	} {
		q := &QuickWin{ReportIDs: slices.Clone(c.before), ReportsRev: 7}
		q.ListReport(c.add)
		if got := strings.Join(q.ReportIDs, ","); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		if changed := len(c.want) != len(strings.Join(c.before, ",")); changed != (q.ReportsRev == 8) {
			t.Errorf("%s: revision %d (listed anew: %v)", c.name, q.ReportsRev, changed)
		}
	}
}

func TestApplyReportListsTheReport(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2027, 3, 31, 20, 0, 0, 0, wib)
	v := 1.0
	c := &QuickWin{Kind: KindNumeric, Status: StatusActive}
	for _, id := range []string{"r1", "r2", "r1"} {
		c.ApplyReport(&Report{ID: id, Value: &v, Date: now}, now, wib)
	}
	if got := strings.Join(c.ReportIDs, ","); got != "r1,r2" {
		t.Errorf("report ids %q, want r1,r2", got)
	}
	if c.ReportsRev != 2 {
		t.Errorf("reports revision %d after two new reports (one applied twice), want 2", c.ReportsRev)
	}
}

func TestReportsRevCountsEveryChange(t *testing.T) {
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

func TestReportIDsByQuickWin(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2027, 3, d, 9, 0, 0, 0, time.UTC) }
	got := ReportIDsByQuickWin([]Report{
		{ID: "b", QuickWinID: "q1", CreatedAt: at(5)},
		{ID: "x", QuickWinID: "q2", CreatedAt: at(1)},
		{ID: "a", QuickWinID: "q1", CreatedAt: at(5)}, // same instant: by id
		{ID: "c", QuickWinID: "q1", CreatedAt: at(2)},
	})
	for q, want := range map[string]string{"q1": "c,a,b", "q2": "x"} {
		if s := strings.Join(got[q], ","); s != want {
			t.Errorf("%s: got %q, want %q", q, s, want)
		}
	}
	if len(got) != 2 {
		t.Errorf("quick wins: got %d, want 2", len(got))
	}
	if len(ReportIDsByQuickWin(nil)) != 0 {
		t.Error("no reports: want no lists")
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
