package quickwin

import (
	"strings"
	"testing"
	"time"
)

func TestValidateReport(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	numeric := &QuickWin{Code: "DINKES-01", Kind: KindNumeric, Status: StatusActive}
	milestone := &QuickWin{Code: "DINKES-02", Kind: KindMilestone, Status: StatusActive, Steps: []Step{{ID: "a1b2c3"}}}
	done := &QuickWin{Code: "DINKES-03", Kind: KindNumeric, Status: StatusDone}
	for _, c := range []struct {
		name string
		c    *QuickWin
		r    Report
		key  string // "" when valid
	}{
		{"value", numeric, Report{Value: f(40)}, ""},
		{"zero value", numeric, Report{Value: f(0)}, ""},
		{"no value", numeric, Report{}, "report.invalid.value"},
		{"not a number", numeric, Report{Value: f(nan())}, "report.invalid.value"},
		{"note too long", numeric, Report{Value: f(1), Note: strings.Repeat("x", MaxNoteLen+1)}, "report.invalid.note"},
		{"note at the limit", numeric, Report{Value: f(1), Note: strings.Repeat("é", MaxNoteLen)}, ""},
		{"step ticked", milestone, Report{StepsDone: []string{"a1b2c3"}}, ""},
		{"no step", milestone, Report{}, "report.invalid.steps"},
		{"someone else's step", milestone, Report{StepsDone: []string{"ffffff"}}, "report.invalid.steps"},
		{"quick win done", done, Report{Value: f(1)}, "report.not_active"},
	} {
		err := c.c.ValidateReport(&c.r)
		var got string
		if e, ok := err.(*Error); ok {
			got = e.Key
		} else if err != nil {
			got = err.Error()
		}
		if got != c.key {
			t.Errorf("%s: got %q, want %q", c.name, got, c.key)
		}
	}
}

func nan() float64 { var z float64; return z / z }

func TestApplyReport(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2027, 3, 31, 20, 0, 0, 0, wib)
	v := 40.0
	c := &QuickWin{Kind: KindNumeric, Status: StatusActive, ReportedMonths: []string{"2027-02"}}
	c.ApplyReport(&Report{ID: "r1", Value: &v, Date: now}, now, wib)
	if *c.LastValue != 40 || c.LastReportID != "r1" || c.LastState != VerifyPending || !c.LastReportAt.Equal(now) {
		t.Errorf("numeric: %+v", c)
	}
	if got := strings.Join(c.ReportedMonths, ","); got != "2027-02,2027-03" {
		t.Errorf("months %s: a report at 20.00 WIB on 31 March is March's", got)
	}
	c.ApplyReport(&Report{ID: "r2", Value: &v, Date: now}, now, wib)
	if len(c.ReportedMonths) != 2 {
		t.Errorf("a second March report counted the month twice: %v", c.ReportedMonths)
	}
	m := &QuickWin{Kind: KindMilestone, Status: StatusActive, Steps: []Step{{ID: "s1"}, {ID: "s2"}}}
	m.ApplyReport(&Report{ID: "r3", StepsDone: []string{"s1"}, Date: now}, now, wib)
	if !m.Steps[0].Done() || m.Steps[1].Done() || m.Status != StatusActive {
		t.Errorf("one of two steps: %+v", m)
	}
	m.ApplyReport(&Report{ID: "r4", StepsDone: []string{"s2"}, Date: now}, now, wib)
	if m.Status != StatusDone {
		t.Errorf("all steps done: status %s, want done", m.Status)
	}
}

func TestMirrorVerification(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2027, 3, d, 0, 0, 0, 0, time.UTC) }
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		name               string
		c                  QuickWin
		r                  Report
		state              VerifyState
		last, verified     float64 // -1: nil
		lastVerifiedAtDays int
	}{
		{"latest verified", QuickWin{LastReportID: "r2", LastValue: f(40)}, Report{ID: "r2", State: VerifyVerified, Value: f(40), Date: day(20)}, VerifyVerified, 40, 40, 20},
		{"latest returned", QuickWin{LastReportID: "r2", LastValue: f(40), VerifiedValue: f(30)}, Report{ID: "r2", State: VerifyReturned, Value: f(40), Date: day(20)}, VerifyReturned, 40, 30, 0},
		{"older verified, none before", QuickWin{LastReportID: "r2", LastState: VerifyPending, LastValue: f(40)}, Report{ID: "r1", State: VerifyVerified, Value: f(30), Date: day(5)}, VerifyPending, 40, 30, 5},
		{"older verified, a newer one counted", QuickWin{LastReportID: "r2", LastValue: f(40), VerifiedValue: f(40), LastVerifiedAt: day(20)}, Report{ID: "r1", State: VerifyVerified, Value: f(30), Date: day(5)}, "", 40, 40, 20},
	} {
		c.c.MirrorVerification(&c.r)
		val := func(p *float64) float64 {
			if p == nil {
				return -1
			}
			return *p
		}
		wantAt := time.Time{}
		if c.lastVerifiedAtDays > 0 {
			wantAt = day(c.lastVerifiedAtDays)
		}
		if c.c.LastState != c.state || val(c.c.LastValue) != c.last || val(c.c.VerifiedValue) != c.verified || !c.c.LastVerifiedAt.Equal(wantAt) {
			t.Errorf("%s: state %q last %v verified %v at %v", c.name, c.c.LastState, val(c.c.LastValue), val(c.c.VerifiedValue), c.c.LastVerifiedAt)
		}
	}
}

func TestOPDNormalize(t *testing.T) {
	for _, c := range []struct {
		code, name         string
		wantCode, wantName string
		key                string
	}{
		{" dinkes ", "  Dinas   Kesehatan ", "DINKES", "Dinas Kesehatan", ""},
		{"DPU-PR", "Dinas PUPR", "DPU-PR", "Dinas PUPR", ""},
		{"1DINAS", "Dinas", "1DINAS", "Dinas", "opd.invalid.code"},
		{"D", "Dinas", "D", "Dinas", "opd.invalid.code"},
		{"DINKES", "D", "DINKES", "D", "opd.invalid.name"},
		{"DINKES", strings.Repeat("x", 121), "DINKES", strings.Repeat("x", 121), "opd.invalid.name"},
	} {
		o := OPD{Code: c.code, Name: c.name}
		err := o.Normalize()
		var key string
		if e, ok := err.(*Error); ok {
			key = e.Key
		}
		if key != c.key || o.Code != c.wantCode || o.Name != c.wantName {
			t.Errorf("%q %q: got %q %q %q, want %q %q %q", c.code, c.name, o.Code, o.Name, key, c.wantCode, c.wantName, c.key)
		}
	}
}
