package quickwin

import (
	"testing"
	"time"
)

func TestSchedulePresetCron(t *testing.T) {
	for _, tc := range []struct {
		p    SchedulePreset
		cron string
	}{
		{SchedulePreset{Every: EveryWorkday, Hour: 7}, "0 7 * * 1-5"},
		{SchedulePreset{Every: EveryDay, Hour: 6, Minute: 30}, "30 6 * * *"},
		{SchedulePreset{Every: EveryWeek, Hour: 8, Weekday: time.Monday}, "0 8 * * 1"},
		{SchedulePreset{Every: EveryWeek, Hour: 8, Weekday: time.Sunday}, "0 8 * * 0"},
		{SchedulePreset{Every: EveryMonth, Hour: 9, Day: 25}, "0 9 25 * *"},
	} {
		if got := tc.p.Cron(); got != tc.cron {
			t.Errorf("%+v.Cron() = %q, want %q", tc.p, got, tc.cron)
		}
		back, ok := PresetOf(tc.cron)
		if !ok || back != tc.p {
			t.Errorf("PresetOf(%q) = %+v %v, want %+v", tc.cron, back, ok, tc.p)
		}
	}
	for _, spec := range DefaultSchedules {
		if _, ok := PresetOf(spec); !ok {
			t.Errorf("default %q is not a preset: /jadwal could not say it in words", spec)
		}
	}
	for _, spec := range []string{"", "0 7 * *", "*/5 * * * *", "0 7 1 1 *", "0 7 31 * *", "0 24 * * *", "0 7 * * 1,3", "07 7 * * *", "0 7 1 * 1"} {
		if p, ok := PresetOf(spec); ok {
			t.Errorf("PresetOf(%q) = %+v, want no preset", spec, p)
		}
	}
	if (SchedulePreset{Every: EveryMonth, Hour: 9, Day: 29}).Valid() || (SchedulePreset{Every: EveryDay, Hour: 24}).Valid() {
		t.Error("an impossible preset is valid")
	}
}
