package scheduler_test

import (
	"slices"
	"strings"
	"testing"

	"quickwin"
	"quickwin/scheduler"
)

func TestPromptNudgeDigestLeaderboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.commitment(t, "DINKES", "Posyandu <digital>", wib(2027, 9, 30, 0, 0))
	b := f.commitment(t, "DINKES", "Turunkan stunting", wib(2027, 9, 30, 0, 0))
	j := f.jobs()
	// Thursday 25 March 2027.
	if n, err := j.Prompt(ctx, f.tenant, wib(2027, 3, 25, 9, 0)); err != nil || n != 1 {
		t.Fatalf("Prompt = %d, %v; want one message to DINKES's head", n, err)
	}
	p := f.message(t, "prompt/"+f.head.ID+"/2027-03")
	if !strings.Contains(p.Text, "Laporkan realisasi Maret 2027") || len(p.Buttons) != 2 || p.Buttons[0][0].Data != "rp:"+a.ID {
		t.Errorf("prompt %q %+v", p.Text, p.Buttons)
	}
	_ = b
	if n, err := j.Nudge(ctx, f.tenant, wib(2027, 4, 1, 9, 0)); err != nil || n != 1 {
		t.Fatalf("Nudge = %d, %v", n, err)
	}
	nd := f.message(t, "nudge/"+f.head.ID+"/2027-03")
	if !strings.Contains(nd.Text, "Posyandu &lt;digital&gt;") || !strings.Contains(nd.Text, "25 Maret 2027") {
		t.Errorf("nudge %q", nd.Text)
	}
	// Digest on the 5th: leaders and admins get the tenant's, heads their OPD's.
	if _, err := j.Digest(ctx, f.tenant, wib(2027, 4, 5, 8, 0)); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"/p1", "/p2", "/chart", "/file"} {
		f.message(t, "digest/"+f.leader.ID+"/2027-03"+k)
	}
	if m := f.message(t, "digest/"+f.leader.ID+"/2027-03/chart"); len(m.Photo) == 0 || !strings.Contains(m.Text, "Maret 2027") {
		t.Errorf("chart %+v", m)
	}
	if m := f.message(t, "digest/"+f.head2.ID+"/2027-03/p1"); m.Text != "OPD BAPPEDA 2027-03 id" {
		t.Errorf("OPD digest %q", m.Text)
	}
	if n, _ := j.Digest(ctx, f.tenant, wib(2027, 4, 5, 8, 0)); n != 0 {
		t.Errorf("digest again queued %d", n)
	}
	// Leaderboard to groups, then the snapshot.
	if err := f.s.RegisterGroup(ctx, f.admin, quickwin.Group{ChatID: -1001, TenantID: f.tenant.ID, Title: "Forum", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	pub := &fakePublisher{}
	j.Publisher = pub
	if n, err := j.Leaderboard(ctx, f.tenant, wib(2027, 4, 5, 8, 0)); err != nil || n != 2 {
		t.Fatalf("Leaderboard = %d, %v", n, err)
	}
	if m := f.message(t, "leaderboard/-1001/2027-W14/p1"); m.Text != "🏆 peringkat en" || m.ChatID != -1001 {
		t.Errorf("leaderboard %+v", m)
	}
	if len(pub.snapshots) != 1 {
		t.Errorf("snapshots %v", pub.snapshots)
	}
}

func TestParseHolidays(t *testing.T) {
	t.Parallel()
	got, err := scheduler.ParseHolidays(strings.NewReader("\ufeffNo;Tanggal;Keterangan\n1;17/08/2027;HUT RI\n2;2027-01-01;Tahun baru\n\n# catatan\n3;1/1/2027;dup\n"))
	if err != nil || !slices.Equal(got, []string{"2027-01-01", "2027-08-17"}) {
		t.Errorf("CSV: %v, %v", got, err)
	}
	got, err = scheduler.ParseHolidays(strings.NewReader("2027-05-06\n20-05-2027\n"))
	if err != nil || !slices.Equal(got, []string{"2027-05-06", "2027-05-20"}) {
		t.Errorf("lines: %v, %v", got, err)
	}
	for in, want := range map[string]string{
		"tanggal\n2027-02-30\n": "line 2:",
		"2027-01-01\nbesok\n":   "line 2:",
		"":                      "no dates",
	} {
		if _, err := scheduler.ParseHolidays(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseHolidays(%q) = %v, want %q", in, err, want)
		}
	}
	if d := scheduler.DefaultHolidays(2026); len(d) != 25 || d[0] != "2026-01-01" {
		t.Errorf("2026 defaults: %d days %v", len(d), d)
	}
	tn := &quickwin.Tenant{Holidays: []string{"2027-08-18"}}
	if h := scheduler.Holidays(tn, 2027); !slices.Equal(h, []string{"2027-08-18"}) {
		t.Errorf("own 2027 list replaces the default: %v", h)
	}
	if h := scheduler.Holidays(tn, 2026); len(h) != 25 {
		t.Errorf("2026 falls back to the default: %v", h)
	}
}
