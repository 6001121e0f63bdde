package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
)

func TestParseSchedulePhrase(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, cron, problem string }{
		{"setiap hari kerja pukul 07.00", "0 7 * * 1-5", ""},
		{"Setiap Hari Kerja Pukul 7.30", "30 7 * * 1-5", ""},
		{"senin-jumat jam 6", "0 6 * * 1-5", ""},
		{"tanggal 25 pukul 09.00", "0 9 25 * *", ""},
		{"tgl 1 jam 9", "0 9 1 * *", ""},
		{"setiap Senin 08.00", "0 8 * * 1", ""},
		{"tiap Jumat pukul 15.00", "0 15 * * 5", ""},
		{"setiap hari pukul 07.00", "0 7 * * *", ""},
		{"every working day at 07:00", "0 7 * * 1-5", ""},
		{"every weekday at 6:30", "30 6 * * 1-5", ""},
		{"on the 25th at 09:00", "0 9 25 * *", ""},
		{"day 5 at 8:00", "0 8 5 * *", ""},
		{"every Monday 08:00", "0 8 * * 1", ""},
		{"mondays at 7", "0 7 * * 1", ""},
		{"daily at 07:00", "0 7 * * *", ""},
		{"setiap hari kerja", "", "schedule.words.no_time"},
		{"pukul 07.00", "", "schedule.words.no_when"},
		{"tanggal 31 pukul 09.00", "", "schedule.words.bad_day"},
		{"Senin dan Kamis 08.00", "", "schedule.words.one_weekday"},
		{"30 6 * * 1-5", "", "schedule.words.no_time"},
	} {
		p, err := parseSchedulePhrase(tc.in)
		var qe *quickwin.Error
		switch {
		case tc.problem != "":
			if !errors.As(err, &qe) || qe.Key != tc.problem {
				t.Errorf("%q: error %v, want %s", tc.in, err, tc.problem)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case p.Cron() != tc.cron:
			t.Errorf("%q = %q, want %q", tc.in, p.Cron(), tc.cron)
		}
	}
}

// TestScheduleInWords: /jadwal says each schedule in words and changes one
// with a preset button or typed words; cron is the advanced way; in
// English the same.
func TestScheduleInWords(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(func(cfg *Config) {
		cfg.ValidateSpec = func(spec string) error {
			if len(strings.Fields(spec)) != 5 {
				return errors.New("expected exactly 5 fields")
			}
			return nil
		}
		cfg.NextRuns = func(t *quickwin.Tenant, now time.Time) map[string]time.Time { return nil }
	})
	ctx := context.Background()
	spec := func(job string) string {
		tn, err := h.store.Tenant(ctx, h.tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		return tn.Schedule(job)
	}
	h.admin.Send("/jadwal")
	list := h.message(h.admin)
	shows(t, list, "setiap hari pukul 07.00", "✏️ Peringkat mingguan ke grup")
	if strings.Contains(list.Text, "* * *") {
		t.Errorf("cron shown by default: %q", list.Text)
	}
	h.admin.Press(list, "✏️ Pengingat tenggat (harian)")
	presets := h.edit(h.admin)
	shows(t, presets, "Sekarang: setiap hari pukul 07.00", "setiap hari kerja (Senin–Jumat) pukul 07.00", "Bawaan: setiap hari pukul 07.00")
	h.admin.Press(presets, "setiap hari kerja (Senin–Jumat) pukul 07.00")
	shows(t, h.edit(h.admin), "✅", "setiap hari kerja (Senin–Jumat) pukul 07.00")
	h.message(h.admin) // the schedules again
	if got := spec(quickwin.JobReminders); got != "0 7 * * 1-5" {
		t.Errorf("preset stored %q", got)
	}

	h.admin.Send("/jadwal monthly_prompt tanggal 20 pukul 10.00")
	shows(t, h.message(h.admin), "setiap tanggal 20 pukul 10.00")
	h.message(h.admin)
	if got := spec(quickwin.JobPrompt); got != "0 10 20 * *" {
		t.Errorf("words stored %q", got)
	}
	h.admin.Send("/jadwal leaderboard tiap minggu")
	shows(t, h.message(h.admin), "Sebutkan jamnya")
	h.admin.Send("/jadwal leaderboard cron 0 8 * * 1")
	shows(t, h.message(h.admin), "setiap Senin pukul 08.00")
	h.message(h.admin)
	h.admin.Send("/jadwal reminders bawaan")
	h.message(h.admin)
	h.message(h.admin)
	if got := spec(quickwin.JobReminders); got != "0 7 * * *" {
		t.Errorf("default restored as %q", got)
	}

	// English, and a cron that the parser refuses: no parser English.
	h.admin.Send("/bahasa en")
	h.message(h.admin)
	h.admin.Send("/schedule digest every Monday 8:00")
	shows(t, h.message(h.admin), "every Monday at 08:00")
	h.message(h.admin)
	h.admin.Send("/schedule digest cron 0 8 5 *")
	r := h.message(h.admin)
	shows(t, r, "is not valid", "minute hour day month weekday")
	if strings.Contains(r.Text, "expected exactly") {
		t.Errorf("the parser's words reached the admin: %q", r.Text)
	}

	// Only admins: a forged press by a leader changes nothing.
	leader := h.srv.NewUser(4, "Pak Sekda", "id")
	leader.Send("/start " + h.invite("pimpinan"))
	h.message(leader)
	before := spec(quickwin.JobDigest)
	shows(t, h.toast(leader.PressData(list.MessageID, "sch:3:d")), "Hanya admin")
	if spec(quickwin.JobDigest) != before {
		t.Error("a leader changed a schedule")
	}
}

// TestPresetWordsReadBack: what /jadwal says a schedule is can be typed
// back, in both languages, and means the same schedule.
func TestPresetWordsReadBack(t *testing.T) {
	t.Parallel()
	for _, presets := range jobPresets {
		for _, p := range presets {
			for _, lang := range []locales.Lang{locales.ID, locales.EN} {
				for _, said := range []string{presetWords(lang, p), presetPhrase(lang, p)} {
					got, err := parseSchedulePhrase(said)
					if err != nil || got != p {
						t.Errorf("%s %q read back as %+v (%v), want %+v", lang, said, got, err, p)
					}
				}
			}
		}
	}
	for _, spec := range quickwin.DefaultSchedules {
		p, _ := quickwin.PresetOf(spec)
		for _, lang := range []locales.Lang{locales.ID, locales.EN} {
			if got, err := parseSchedulePhrase(presetWords(lang, p)); err != nil || got.Cron() != spec {
				t.Errorf("default %q said %q reads back as %q (%v)", spec, presetWords(lang, p), got.Cron(), err)
			}
		}
	}
}
