package locales

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Years accepted by [ParseDate]; anything outside gets [KeyDateYear].
const (
	MinYear = 1900
	MaxYear = 2199
)

// monthWords maps lower-case Indonesian and English month names and
// abbreviations (including old spellings seen in official letters) to months.
var monthWords = map[string]time.Month{
	"januari": 1, "january": 1, "jan": 1,
	"februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
	"maret": 3, "march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"agustus": 8, "august": 8, "agu": 8, "ags": 8, "agt": 8, "agust": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nopember": 11, "nov": 11, "nop": 11,
	"desember": 12, "december": 12, "des": 12, "dec": 12,
}

type relDate int

const (
	relToday relDate = iota
	relTomorrow
	relDayAfterTomorrow
	relEndOfMonth
	relEndOfYear
)

var dateWords = map[string]relDate{
	"hari ini": relToday, "today": relToday,
	"besok": relTomorrow, "tomorrow": relTomorrow,
	"lusa": relDayAfterTomorrow, "day after tomorrow": relDayAfterTomorrow,
	"akhir bulan": relEndOfMonth, "akhir bulan ini": relEndOfMonth,
	"end of month": relEndOfMonth, "end of the month": relEndOfMonth, "end of this month": relEndOfMonth,
	"akhir tahun": relEndOfYear, "akhir tahun ini": relEndOfYear,
	"end of year": relEndOfYear, "end of the year": relEndOfYear, "end of this year": relEndOfYear,
}

// quarterRe matches "tw2", "TW 2", "TW II", "q3", "triwulan iv", "kuartal 1",
// "quarter 2", optionally followed by a year: "TW2 2027", "q2/2027", "tw2-27".
var quarterRe = regexp.MustCompile(`^(?:tw|q|triwulan|kuartal|quarter) ?-? ?(1|2|3|4|i|ii|iii|iv)(?:(?: ?[/-] ?| )(\d{4}|\d{2}))?$`)

var quarterNumbers = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}

// ParseDate parses a date as people type it and returns midnight of that
// date in now's location. Indonesian and English are both accepted whatever
// lang is (lang is kept for future ambiguity rules). Case, surrounding and
// repeated whitespace do not matter. Accepted:
//
//   - day first with '/', '-' or '.': 31/03/2027, 31-3-2027, 31.3.2027;
//     two-digit years are 20yy (31/3/27); numeric dates are never month first;
//   - ISO: 2027-03-31 (also 2027/3/31);
//   - month names or abbreviations in either language, day first or month
//     first: 31 Maret 2027, 31 Mar 2027, 31-Mar-2027, 31 August 2027,
//     March 31, 2027, 1 Mei 2027, 1 Sept 2027;
//   - no year (31 Maret, 31/3): the next such date on or after today;
//   - hari ini/today, besok/tomorrow, lusa, akhir bulan/end of month (last
//     day of this month), akhir tahun/end of year;
//   - quarters TW1..TW4, Q1..Q4, TW II, tw 2, triwulan 3: the last day of
//     that quarter in now's year, or in the next year when that day has
//     passed (TW1 typed in December is next March); or with a year: TW2 2027.
//
// [ParseDateFrom] reads the same words from a later day (a deadline from
// its quick win's start).
//
// Errors are *ParseError: [KeyDateEmpty], [KeyDateFormat] (not a date),
// [KeyDateInvalid] (31/02/2027, 32/1/2027, month 13) and [KeyDateYear]
// (outside MinYear..MaxYear).
func ParseDate(input string, lang Lang, now time.Time) (time.Time, error) {
	return ParseDateFrom(input, lang, now, time.Time{})
}

// ParseDateFrom is [ParseDate] for a date that cannot come before from,
// such as a deadline (from: the quick win's start) or an action step's due
// date. When from is after now's day, the words that name a period are
// read from it: TW2 (or Q2) is the end of the 2nd quarter in from's year,
// or the next year when that is before from; akhir bulan/end of month and
// akhir tahun/end of year are the end of from's month and year; a date
// without a year is the next one on or after from. hari ini/today,
// besok/tomorrow and lusa stay relative to now. A zero or earlier from
// changes nothing.
func ParseDateFrom(input string, lang Lang, now, from time.Time) (time.Time, error) {
	_ = lang
	s := strings.Join(strings.Fields(strings.ToLower(input)), " ")
	if s == "" {
		return time.Time{}, newParseError(KeyDateEmpty, "")
	}
	p := dateParser{input: input, now: now, from: dayIn(now, now.Location())}
	if f := dayIn(from, now.Location()); !from.IsZero() && f.After(p.from) {
		p.from = f
	}
	if r, ok := dateWords[s]; ok {
		return p.relative(r), nil
	}
	if m := quarterRe.FindStringSubmatch(s); m != nil {
		return p.quarter(quarterNumbers[m[1]], m[2])
	}
	if t, ok, err := p.numeric(s); ok {
		return t, err
	}
	if t, ok, err := p.words(s); ok {
		return t, err
	}
	return time.Time{}, newParseError(KeyDateFormat, input)
}

type dateParser struct {
	input string
	now   time.Time
	from  time.Time // midnight of the first day the date may be: today, or later
}

// dayIn is midnight of t's day in loc.
func dayIn(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

func (p dateParser) date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, p.now.Location())
}

func (p dateParser) relative(r relDate) time.Time {
	y, m, d := p.now.Date()
	fy, fm, _ := p.from.Date()
	switch r {
	case relTomorrow:
		return p.date(y, m, d+1)
	case relDayAfterTomorrow:
		return p.date(y, m, d+2)
	case relEndOfMonth:
		return p.date(fy, fm+1, 0)
	case relEndOfYear:
		return p.date(fy, time.December, 31)
	}
	return p.date(y, m, d)
}

// quarter is the last day of quarter q: of year when given, else the first
// such day on or after from.
func (p dateParser) quarter(q int, year string) (time.Time, error) {
	if year != "" {
		y, err := p.year(year)
		if err != nil {
			return time.Time{}, err
		}
		return p.date(y, time.Month(3*q+1), 0), nil
	}
	end := p.date(p.from.Year(), time.Month(3*q+1), 0)
	if end.Before(p.from) {
		end = p.date(p.from.Year()+1, time.Month(3*q+1), 0)
	}
	return end, nil
}

// year converts a 2- or 4-digit year and checks its range.
func (p dateParser) year(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || (len(s) != 2 && len(s) != 4) {
		return 0, newParseError(KeyDateFormat, p.input)
	}
	if len(s) == 2 {
		y += 2000
	}
	if y < MinYear || y > MaxYear {
		return 0, newParseError(KeyDateYear, p.input, "Year", y, "Min", MinYear, "Max", MaxYear)
	}
	return y, nil
}

// build checks and makes a date; year "" means the next occurrence of day
// and month on or after today.
func (p dateParser) build(year string, m, d int) (time.Time, error) {
	if year == "" {
		today := p.from
		y := today.Year()
		for yy := y; yy <= y+8; yy++ { // 29 Feb can be 8 years away
			if validDate(yy, m, d) {
				if t := p.date(yy, time.Month(m), d); !t.Before(today) {
					return t, nil
				}
			}
		}
		return time.Time{}, newParseError(KeyDateInvalid, p.input)
	}
	y, err := p.year(year)
	if err != nil {
		return time.Time{}, err
	}
	if !validDate(y, m, d) {
		return time.Time{}, newParseError(KeyDateInvalid, p.input)
	}
	return p.date(y, time.Month(m), d), nil
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

var spaceAroundSep = regexp.MustCompile(` ?([/.-]) ?`)

// numeric handles 31/03/2027, 31-3-27, 31.3, 2027-03-31. ok is false when
// s is not made of digits and one kind of separator.
func (p dateParser) numeric(s string) (t time.Time, ok bool, err error) {
	s = spaceAroundSep.ReplaceAllString(s, "$1")
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
		case c == '/' || c == '-' || c == '.':
			if sep != 0 && sep != c {
				return time.Time{}, false, nil
			}
			sep = c
		default:
			return time.Time{}, false, nil
		}
	}
	if sep == 0 {
		return time.Time{}, false, nil
	}
	parts := strings.Split(s, string(sep))
	for _, part := range parts {
		if part == "" {
			return time.Time{}, true, newParseError(KeyDateFormat, p.input)
		}
	}
	n := func(i int) int { v, _ := strconv.Atoi(parts[i]); return v }
	switch {
	case len(parts) == 3 && len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		t, err = p.build(parts[0], n(1), n(2))
	case len(parts) == 3 && len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 2 || len(parts[2]) == 4):
		t, err = p.build(parts[2], n(1), n(0))
	case len(parts) == 2 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		t, err = p.build("", n(1), n(0))
	default:
		err = newParseError(KeyDateFormat, p.input)
	}
	return t, true, err
}

var wordSeps = strings.NewReplacer("/", " ", "-", " ", ".", " ", ",", " ")

// words handles dates with a month name: 31 Maret 2027, 31-mar-27,
// March 31, 2027, 31 Mei. ok is false when s has no month name.
func (p dateParser) words(s string) (t time.Time, ok bool, err error) {
	f := strings.Fields(wordSeps.Replace(s))
	mi := -1
	for i, w := range f {
		if _, isMonth := monthWords[w]; isMonth {
			mi = i
			break
		}
	}
	if mi < 0 {
		return time.Time{}, false, nil
	}
	var day, year string
	switch {
	case mi == 1 && (len(f) == 2 || len(f) == 3): // 31 maret [2027]
		day = f[0]
		if len(f) == 3 {
			year = f[2]
		}
	case mi == 0 && (len(f) == 2 || len(f) == 3): // march 31 [2027]
		day = f[1]
		if len(f) == 3 {
			year = f[2]
		}
	default:
		return time.Time{}, true, newParseError(KeyDateFormat, p.input)
	}
	day = trimOrdinal(day)
	if len(day) < 1 || len(day) > 2 || !allDigits(day) ||
		(year != "" && ((len(year) != 2 && len(year) != 4) || !allDigits(year))) {
		return time.Time{}, true, newParseError(KeyDateFormat, p.input)
	}
	d, _ := strconv.Atoi(day)
	t, err = p.build(year, int(monthWords[f[mi]]), d)
	return t, true, err
}

// trimOrdinal turns "31st" into "31".
func trimOrdinal(s string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if rest, ok := strings.CutSuffix(s, suf); ok && rest != "" && allDigits(rest) {
			return rest
		}
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
