package scheduler_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"quickwin"
)

func TestRemindersDueOverdueAndEscalation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Wednesday 14 April 2027, a working day with working days around it.
	now := wib(2027, 4, 14, 7, 0)
	day := func(n int) time.Time { return wib(2027, 4, 14+n, 0, 0) }
	c7 := f.commitment(t, "DINKES", "Posyandu digital", day(7), day(3), day(1), day(0), day(2))
	cLate := f.commitment(t, "DINKES", "Turunkan stunting", day(-7), day(-14), day(-21))
	cSteps := f.commitment(t, "DINKES", "Langkah terlambat", day(5), day(-3), day(-1), day(-2))
	cLate14 := f.commitment(t, "BAPPEDA", "Satu data", day(-14))
	f.commitment(t, "BAPPEDA", "Jauh", day(30), day(12))

	j := f.jobs()
	n, err := j.Reminders(ctx, f.tenant, now)
	if err != nil {
		t.Fatal(err)
	}
	head, staff, leader, admin, head2 := f.head.ID, f.staff.ID, f.leader.ID, f.admin.ID, f.head2.ID
	step := func(c *quickwin.QuickWin, i int) string { return c.ID + "." + c.Steps[i].ID }
	var want []string
	for _, m := range []string{head, staff} {
		want = append(want,
			"reminder/"+m+"/"+c7.ID+"/2027-04-21/d7",
			"reminder/"+m+"/"+step(c7, 0)+"/2027-04-17/d3",
			"reminder/"+m+"/"+step(c7, 1)+"/2027-04-15/d1",
			"reminder/"+m+"/"+step(c7, 2)+"/2027-04-14/d0",
			"reminder/"+m+"/"+cLate.ID+"/2027-04-07/o7",
			"reminder/"+m+"/"+step(cLate, 0)+"/2027-03-31/o14",
			"reminder/"+m+"/"+step(cLate, 1)+"/2027-03-24/o21",
			"reminder/"+m+"/"+step(cSteps, 0)+"/2027-04-11/o3",
			"reminder/"+m+"/"+step(cSteps, 1)+"/2027-04-13/o1",
		)
	}
	want = append(want,
		"escalation/"+admin+"/"+cLate.ID+"/2027-04-07",
		"escalation/"+leader+"/"+cLate.ID+"/2027-04-07",
		"reminder/"+head2+"/"+cLate14.ID+"/2027-03-31/o14",
	)
	got := f.queued(t)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("queued:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n != len(want) {
		t.Errorf("Reminders returned %d, want %d", n, len(want))
	}

	// Texts in each member's language, escaped, with the right buttons.
	m := f.message(t, "reminder/"+head+"/"+c7.ID+"/2027-04-21/d7")
	if !strings.Contains(m.Text, "21 April 2027 (7 hari lagi)") || m.ChatID != 201 || m.MemberID != head {
		t.Errorf("head's reminder: %+v", m)
	}
	if len(m.Buttons) != 1 || m.Buttons[0][0].Text != "Lapor" || m.Buttons[0][0].Data != "rp:"+c7.ID {
		t.Errorf("quick win buttons %+v", m.Buttons)
	}
	m = f.message(t, "reminder/"+staff+"/"+step(c7, 2)+"/2027-04-14/d0")
	if !strings.Contains(m.Text, "Action step reminder") || !strings.Contains(m.Text, "(today)") ||
		m.Buttons[0][0].Text != "Mark done" || m.Buttons[0][0].Data != "sd:"+c7.ID+":"+c7.Steps[2].ID {
		t.Errorf("staff's step reminder: %q %+v", m.Text, m.Buttons)
	}
	if len(m.Buttons[0][0].Data) > 64 {
		t.Errorf("callback data %d bytes", len(m.Buttons[0][0].Data))
	}
	m = f.message(t, "escalation/"+leader+"/"+cLate.ID+"/2027-04-07")
	if !strings.Contains(m.Text, "terlambat 7 hari") || !strings.Contains(m.Text, "Dinas Kesehatan") {
		t.Errorf("escalation %q", m.Text)
	}

	// Running again queues nothing; so does the next day for the escalation.
	if n, err := j.Reminders(ctx, f.tenant, now); err != nil || n != 0 {
		t.Errorf("second run queued %d, %v", n, err)
	}
	before := len(f.queued(t))
	if _, err := j.Reminders(ctx, f.tenant, now.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	for _, k := range f.queued(t)[before:] {
		if strings.HasPrefix(k, "escalation/") {
			t.Errorf("escalated again: %s", k)
		}
	}
}

func TestRemindersWeekendAndHolidays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	fri := wib(2027, 4, 16, 7, 0) // Friday
	sun := f.commitment(t, "DINKES", "Tenggat hari Minggu", wib(2027, 4, 18, 0, 0))
	sat7 := f.commitment(t, "DINKES", "Tujuh hari dari Sabtu", wib(2027, 4, 24, 0, 0))
	mon := f.commitment(t, "DINKES", "Tenggat hari Senin", wib(2027, 4, 19, 0, 0))
	j := f.jobs()
	if _, err := j.Reminders(ctx, f.tenant, fri); err != nil {
		t.Fatal(err)
	}
	head := f.head.ID
	for _, k := range []string{
		"reminder/" + head + "/" + sun.ID + "/2027-04-18/d1+d0", // Saturday's and Sunday's, in one message
		"reminder/" + head + "/" + sat7.ID + "/2027-04-24/d7",   // Saturday's "in 7 days"
		"reminder/" + head + "/" + mon.ID + "/2027-04-19/d3+d1", // Friday's own and Sunday's
	} {
		f.message(t, k)
	}
	if m := f.message(t, "reminder/"+head+"/"+sun.ID+"/2027-04-18/d1+d0"); !strings.Contains(m.Text, "(2 hari lagi)") {
		t.Errorf("Friday's text for a Sunday deadline: %q", m.Text)
	}
	// On the weekend nothing goes out.
	before := len(f.queued(t))
	for _, d := range []time.Time{wib(2027, 4, 17, 7, 0), wib(2027, 4, 18, 7, 0)} {
		if n, err := j.Reminders(ctx, f.tenant, d); err != nil || n != 0 {
			t.Errorf("weekend run on %v queued %d, %v", d, n, err)
		}
	}
	// Monday sends Monday's.
	if _, err := j.Reminders(ctx, f.tenant, wib(2027, 4, 19, 7, 0)); err != nil {
		t.Fatal(err)
	}
	f.message(t, "reminder/"+head+"/"+mon.ID+"/2027-04-19/d0")
	if len(f.queued(t)) == before {
		t.Error("Monday queued nothing")
	}

	// A tenant holiday on Thursday 22 April: Wednesday sends Thursday's.
	if err := f.s.SetHolidays(ctx, f.admin, f.tenant.ID, []string{"2027-04-22"}); err != nil {
		t.Fatal(err)
	}
	tn, _ := f.s.Tenant(ctx, f.tenant.ID)
	thu := f.commitment(t, "DINKES", "Tenggat Kamis depan", wib(2027, 4, 29, 0, 0))
	if _, err := j.Reminders(ctx, tn, wib(2027, 4, 21, 7, 0)); err != nil {
		t.Fatal(err)
	}
	f.message(t, "reminder/"+head+"/"+thu.ID+"/2027-04-29/d7")
	if n, _ := j.Reminders(ctx, tn, wib(2027, 4, 22, 7, 0)); n != 0 {
		t.Errorf("holiday run queued %d", n)
	}
}

// TestEscalationNeverEarly: the 7th day overdue is a holiday. The leaders
// are told on the 8th ("terlambat 8 hari"), never on the 6th; the OPD's
// own "7 days late" notice waits for the 8th too, while a reminder before
// a deadline on that holiday still goes out the working day before.
func TestEscalationNeverEarly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Deadline Wednesday 14 April 2027; day 7 overdue is Wednesday 21 April.
	late := f.commitment(t, "DINKES", "Turunkan stunting", wib(2027, 4, 14, 0, 0))
	dueOnHoliday := f.commitment(t, "DINKES", "Tenggat hari libur", wib(2027, 4, 21, 0, 0))
	if err := f.s.SetHolidays(ctx, f.admin, f.tenant.ID, []string{"2027-04-21"}); err != nil {
		t.Fatal(err)
	}
	tn, err := f.s.Tenant(ctx, f.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	j := f.jobs()
	head, leader := f.head.ID, f.leader.ID

	if _, err := j.Reminders(ctx, tn, wib(2027, 4, 20, 7, 0)); err != nil { // Tuesday, day 6
		t.Fatal(err)
	}
	for _, k := range f.queued(t) {
		if strings.HasPrefix(k, "escalation/") || strings.HasSuffix(k, "/o7") {
			t.Errorf("sent on day 6: %s", k)
		}
	}
	f.message(t, "reminder/"+head+"/"+dueOnHoliday.ID+"/2027-04-21/d1+d0") // before a deadline: the day before

	if n, err := j.Reminders(ctx, tn, wib(2027, 4, 21, 7, 0)); err != nil || n != 0 { // the holiday
		t.Errorf("holiday run queued %d, %v", n, err)
	}

	if _, err := j.Reminders(ctx, tn, wib(2027, 4, 22, 7, 0)); err != nil { // Thursday, day 8
		t.Fatal(err)
	}
	m := f.message(t, "escalation/"+leader+"/"+late.ID+"/2027-04-14")
	if !strings.Contains(m.Text, "terlambat 8 hari") {
		t.Errorf("escalation on day 8: %q", m.Text)
	}
	f.message(t, "reminder/"+head+"/"+late.ID+"/2027-04-14/o7")
	f.message(t, "reminder/"+head+"/"+dueOnHoliday.ID+"/2027-04-21/o1") // the holiday's deadline, 1 day late
}

// TestOverdueAfterWeekend: an overdue notice of a Saturday goes out on
// Monday, with Monday's count of days.
func TestOverdueAfterWeekend(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.commitment(t, "DINKES", "Tenggat hari Jumat", wib(2027, 4, 16, 0, 0)) // Friday
	j := f.jobs()
	if _, err := j.Reminders(ctx, f.tenant, wib(2027, 4, 16, 7, 0)); err != nil {
		t.Fatal(err)
	}
	for _, k := range f.queued(t) {
		if strings.Contains(k, "/o") {
			t.Errorf("overdue before the deadline passed: %s", k)
		}
	}
	if _, err := j.Reminders(ctx, f.tenant, wib(2027, 4, 19, 7, 0)); err != nil { // Monday
		t.Fatal(err)
	}
	m := f.message(t, "reminder/"+f.head.ID+"/"+c.ID+"/2027-04-16/o1+o3")
	if !strings.Contains(m.Text, "3 hari") {
		t.Errorf("Monday's overdue notice: %q", m.Text)
	}
}
