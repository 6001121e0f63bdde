package quickwin

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A SchedulePreset is a job schedule as people say it: every working day
// at 07.00, every day at 07.00, every Monday at 08.00, on the 25th at
// 09.00. /jadwal offers these; a cron spec is the advanced way, and every
// preset is one cron spec (the scheduler runs cron specs only).
type SchedulePreset struct {
	Every   Every
	Hour    int
	Minute  int
	Weekday time.Weekday // EveryWeek
	Day     int          // EveryMonth: 1–28, so every month has it
}

// Every is how often a preset runs.
type Every string

const (
	EveryWorkday Every = "workday" // Monday to Friday (holidays move by the calendar)
	EveryDay     Every = "day"
	EveryWeek    Every = "week"
	EveryMonth   Every = "month"
)

// MaxPresetDay is the last day of the month a preset may name: every
// month has a 28th.
const MaxPresetDay = 28

// Valid reports whether the preset names a real time (and day).
func (p SchedulePreset) Valid() bool {
	if p.Hour < 0 || p.Hour > 23 || p.Minute < 0 || p.Minute > 59 {
		return false
	}
	switch p.Every {
	case EveryWorkday, EveryDay:
		return true
	case EveryWeek:
		return p.Weekday >= time.Sunday && p.Weekday <= time.Saturday
	case EveryMonth:
		return p.Day >= 1 && p.Day <= MaxPresetDay
	}
	return false
}

// Cron is the preset as a cron spec (minute hour day month weekday).
func (p SchedulePreset) Cron() string {
	hm := fmt.Sprintf("%d %d", p.Minute, p.Hour)
	switch p.Every {
	case EveryWorkday:
		return hm + " * * 1-5"
	case EveryWeek:
		return hm + " * * " + strconv.Itoa(int(p.Weekday))
	case EveryMonth:
		return hm + " " + strconv.Itoa(p.Day) + " * *"
	}
	return hm + " * * *"
}

// PresetOf reads a cron spec back as a preset, so that /jadwal can say it
// in words; false for specs no preset makes (they are shown as cron).
func PresetOf(spec string) (SchedulePreset, bool) {
	f := strings.Fields(spec)
	if len(f) != 5 || f[3] != "*" {
		return SchedulePreset{}, false
	}
	minute, err1 := strconv.Atoi(f[0])
	hour, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || strconv.Itoa(minute) != f[0] || strconv.Itoa(hour) != f[1] {
		return SchedulePreset{}, false
	}
	p := SchedulePreset{Hour: hour, Minute: minute}
	switch {
	case f[2] == "*" && f[4] == "*":
		p.Every = EveryDay
	case f[2] == "*" && f[4] == "1-5":
		p.Every = EveryWorkday
	case f[2] == "*":
		wd, err := strconv.Atoi(f[4])
		if err != nil || strconv.Itoa(wd) != f[4] {
			return SchedulePreset{}, false
		}
		p.Every, p.Weekday = EveryWeek, time.Weekday(wd%7)
		if wd == 7 {
			p.Weekday = time.Sunday
		}
	case f[4] == "*":
		d, err := strconv.Atoi(f[2])
		if err != nil || strconv.Itoa(d) != f[2] {
			return SchedulePreset{}, false
		}
		p.Every, p.Day = EveryMonth, d
	default:
		return SchedulePreset{}, false
	}
	return p, p.Valid()
}
