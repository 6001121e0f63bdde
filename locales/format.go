package locales

import (
	"math"
	"strconv"
	"strings"
	"time"
)

var (
	monthsID      = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	monthsEN      = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsShortID = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	monthsShortEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// MonthName returns the full month name: "Maret" (id), "March" (en). An
// out-of-range month gives its number.
func MonthName(lang Lang, m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	if lang.norm() == EN {
		return monthsEN[m-1]
	}
	return monthsID[m-1]
}

// MonthNameShort returns the three-letter month name: "Agu" (id), "Aug" (en).
func MonthNameShort(lang Lang, m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	if lang.norm() == EN {
		return monthsShortEN[m-1]
	}
	return monthsShortID[m-1]
}

// FormatDate formats t's date in t's location: "31 Maret 2027" (id),
// "31 March 2027" (en). Convert t with t.In(loc) first if needed.
func FormatDate(lang Lang, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + MonthName(lang, t.Month()) + " " + strconv.Itoa(t.Year())
}

// FormatDateShort formats t's date with a short month: "31 Agu 2027" (id),
// "31 Aug 2027" (en).
func FormatDateShort(lang Lang, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + MonthNameShort(lang, t.Month()) + " " + strconv.Itoa(t.Year())
}

// FormatMonth formats t's month and year: "Maret 2027" (id), "March 2027" (en).
func FormatMonth(lang Lang, t time.Time) string {
	return MonthName(lang, t.Month()) + " " + strconv.Itoa(t.Year())
}

// FormatTime formats t's clock time (24-hour) with its zone: "07.00 WIB"
// (id), "07:00 WIB" (en). See [ZoneAbbrev] for the zone names.
func FormatTime(lang Lang, t time.Time) string {
	sep := "."
	if lang.norm() == EN {
		sep = ":"
	}
	return pad2(t.Hour()) + sep + pad2(t.Minute()) + " " + zoneAbbrevAt(t)
}

// FormatDateTime formats date and time: "31 Maret 2027 07.00 WIB" (id),
// "31 March 2027 07:00 WIB" (en).
func FormatDateTime(lang Lang, t time.Time) string {
	return FormatDate(lang, t) + " " + FormatTime(lang, t)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// indonesianZones maps IANA zone names to the Indonesian abbreviations.
var indonesianZones = map[string]string{
	"Asia/Jakarta":       "WIB",
	"Asia/Pontianak":     "WIB",
	"Asia/Makassar":      "WITA",
	"Asia/Ujung_Pandang": "WITA",
	"Asia/Jayapura":      "WIT",
}

// ZoneAbbrev returns the abbreviation used in Indonesia for loc at t: WIB
// for Asia/Jakarta and Asia/Pontianak, WITA for Asia/Makassar, WIT for
// Asia/Jayapura; otherwise Go's abbreviation of the zone in force at t (it
// can change with daylight saving time). t comes from the caller's clock:
// this package never reads the time itself. A nil loc is UTC.
func ZoneAbbrev(loc *time.Location, t time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	return zoneAbbrevAt(t.In(loc))
}

func zoneAbbrevAt(t time.Time) string {
	if a, ok := indonesianZones[t.Location().String()]; ok {
		return a
	}
	return t.Format("MST")
}

// separators returns the thousands and decimal separators of lang.
func separators(lang Lang) (thousands, decimal byte) {
	if lang.norm() == EN {
		return ',', '.'
	}
	return '.', ','
}

// FormatNumber formats v with thousands separators and up to 2 decimals,
// rounded half away from zero, trailing zero decimals dropped:
// 1250.5 → "1.250,5" (id), "1,250.5" (en); 1250 → "1.250"; -3.456 → "-3,46".
func FormatNumber(lang Lang, v float64) string { return formatNumber(lang, v, 2, true) }

// FormatPercent formats v, already in percent, with up to 1 decimal and a
// '%' sign: 60 → "60%", 62.5 → "62,5%" (id), "62.5%" (en).
func FormatPercent(lang Lang, v float64) string { return formatNumber(lang, v, 1, true) + "%" }

// FormatRupiah formats v rupiah rounded to whole rupiah: "Rp1.250.000" (id),
// "Rp1,250,000" (en), "-Rp5.000" for negatives.
func FormatRupiah(lang Lang, v float64) string {
	s := formatNumber(lang, v, 0, false)
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return "-Rp" + rest
	}
	return "Rp" + s
}

func formatNumber(lang Lang, v float64, decimals int, trim bool) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	decimals = min(max(decimals, 0), 15)
	// Round half away from zero (strconv rounds exact halves to even).
	// Beyond 2^53 every float is an integer, so there is nothing to round.
	p := math.Pow10(decimals)
	if s := v * p; math.Abs(s) < 1<<53 {
		v = math.Round(s) / p
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if trim {
		frac = strings.TrimRight(frac, "0")
	}
	if neg && strings.Trim(intPart+frac, "0") == "" {
		neg = false // no "-0"
	}
	thou, dec := separators(lang)
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(thou)
		}
		b.WriteByte(intPart[i])
	}
	if frac != "" {
		b.WriteByte(dec)
		b.WriteString(frac)
	}
	return b.String()
}
