package scheduler

import (
	"strconv"
	"time"

	"quickwin"
)

// day is a calendar date as days since 1970-01-01. Reminders count whole
// days in the tenant's time zone, so dates are compared as civil dates,
// never as instants (which would drift with the hour a deadline was stored).
type day int

// dayOf returns the civil date of t in t's location.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayIn returns the civil date of t in loc.
func dayIn(t time.Time, loc *time.Location) day { return dayOf(t.In(loc)) }

// time returns midnight of d in loc.
func (d day) time(loc *time.Location) time.Time {
	u := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// String formats d as YYYY-MM-DD.
func (d day) String() string { return d.time(time.UTC).Format(time.DateOnly) }

func (d day) weekday() time.Weekday { return time.Weekday((int(d) + 4) % 7) } // 1970-01-01 was a Thursday

// Calendar tells working days of a tenant: Monday to Friday, except its
// days off. A tenant's own list (Tenant.Holidays, uploaded yearly by an
// admin) replaces the shipped default list for every year it has a date
// in: the upload is the year's official list, and this way an admin can
// also correct a default (a revised SKB) instead of only adding to it.
type Calendar struct {
	off map[day]bool
}

// maxDaysOff bounds the search for a working day, so a tenant who marked a
// whole month off still gets its messages (on the day itself).
const maxDaysOff = 31

// NewCalendar builds the calendar of a tenant.
func NewCalendar(t *quickwin.Tenant) *Calendar {
	c := &Calendar{off: map[day]bool{}}
	own := map[int]bool{}
	for _, s := range t.Holidays {
		if d, ok := parseDay(s); ok {
			c.off[d] = true
			own[d.time(time.UTC).Year()] = true
		}
	}
	for y, days := range defaultHolidays() {
		if own[y] {
			continue
		}
		for _, s := range days {
			d, _ := parseDay(s)
			c.off[d] = true
		}
	}
	return c
}

// Holidays returns the days off of a year that apply to the tenant (its
// own list for that year, else the shipped one), for /jadwal to show.
func Holidays(t *quickwin.Tenant, year int) []string {
	prefix := strconv.Itoa(year) + "-"
	var own []string
	for _, s := range t.Holidays {
		if d, ok := parseDay(s); ok && d.String()[:5] == prefix {
			own = append(own, d.String())
		}
	}
	if len(own) > 0 {
		return own
	}
	return DefaultHolidays(year)
}

// Working reports whether d is a working day.
func (c *Calendar) Working(d day) bool {
	wd := d.weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.off[d]
}

// nextWorking returns the first working day after d.
func (c *Calendar) nextWorking(d day) day {
	for i := 1; i <= maxDaysOff; i++ {
		if c.Working(d + day(i)) {
			return d + day(i)
		}
	}
	return d + 1
}

// workingOnOrBefore returns d if it is a working day, else the working day
// before it: where what falls on a day off goes out.
func (c *Calendar) workingOnOrBefore(d day) day {
	for i := 0; i <= maxDaysOff; i++ {
		if c.Working(d - day(i)) {
			return d - day(i)
		}
	}
	return d
}

// prevWorking returns the last working day before d.
func (c *Calendar) prevWorking(d day) day {
	for i := 1; i <= maxDaysOff; i++ {
		if c.Working(d - day(i)) {
			return d - day(i)
		}
	}
	return d - 1
}

// coveredLate returns the days whose overdue notices and escalations go
// out on working day d: the days off since the last working day, and d.
// They are never sent early: a leader told on day 6 that a quick win is
// "7 days late" is told something false, and the OPD had a day left. On a
// day off it is empty: they wait for the next working day.
func (c *Calendar) coveredLate(d day) []day {
	if !c.Working(d) {
		return nil
	}
	var out []day
	for x := c.prevWorking(d) + 1; x < d; x++ {
		out = append(out, x)
	}
	return append(out, d)
}

// covered returns the days whose reminders before a deadline go out on
// working day d: d and the days off that follow it, up to the next working
// day. On a day off it is empty: that day's reminders went out on the
// working day before.
func (c *Calendar) covered(d day) []day {
	if !c.Working(d) {
		return nil
	}
	out := []day{d}
	for x := d + 1; x < c.nextWorking(d); x++ {
		out = append(out, x)
	}
	return out
}
