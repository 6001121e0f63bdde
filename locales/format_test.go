package locales

import (
	"math"
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestMonthNames(t *testing.T) {
	id := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	en := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	idShort := []string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	enShort := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	for i := range 12 {
		m := time.Month(i + 1)
		if got := MonthName(ID, m); got != id[i] {
			t.Errorf("MonthName(id, %d) = %q, want %q", m, got, id[i])
		}
		if got := MonthName(EN, m); got != en[i] {
			t.Errorf("MonthName(en, %d) = %q, want %q", m, got, en[i])
		}
		if got := MonthNameShort(ID, m); got != idShort[i] {
			t.Errorf("MonthNameShort(id, %d) = %q, want %q", m, got, idShort[i])
		}
		if got := MonthNameShort(EN, m); got != enShort[i] {
			t.Errorf("MonthNameShort(en, %d) = %q, want %q", m, got, enShort[i])
		}
	}
	if got := MonthName(ID, 13); got != "13" {
		t.Errorf("MonthName(13) = %q", got)
	}
	if got := MonthNameShort(EN, 0); got != "0" {
		t.Errorf("MonthNameShort(0) = %q", got)
	}
}

func TestFormatDates(t *testing.T) {
	jkt := mustLoc(t, "Asia/Jakarta")
	mks := mustLoc(t, "Asia/Makassar")
	jpr := mustLoc(t, "Asia/Jayapura")
	ptk := mustLoc(t, "Asia/Pontianak")
	ams := mustLoc(t, "Europe/Amsterdam")
	d := time.Date(2027, 3, 31, 7, 0, 0, 0, jkt)
	tests := []struct {
		name string
		f    func(Lang, time.Time) string
		lang Lang
		t    time.Time
		want string
	}{
		{"FormatDate", FormatDate, ID, d, "31 Maret 2027"},
		{"FormatDate", FormatDate, EN, d, "31 March 2027"},
		{"FormatDate", FormatDate, ID, time.Date(2027, 8, 1, 0, 0, 0, 0, jkt), "1 Agustus 2027"},
		{"FormatDate", FormatDate, EN, time.Date(2027, 5, 9, 0, 0, 0, 0, jkt), "9 May 2027"},
		{"FormatDateShort", FormatDateShort, ID, d, "31 Mar 2027"},
		{"FormatDateShort", FormatDateShort, ID, time.Date(2027, 8, 17, 0, 0, 0, 0, jkt), "17 Agu 2027"},
		{"FormatDateShort", FormatDateShort, EN, time.Date(2027, 8, 17, 0, 0, 0, 0, jkt), "17 Aug 2027"},
		{"FormatDateShort", FormatDateShort, ID, time.Date(2027, 12, 5, 0, 0, 0, 0, jkt), "5 Des 2027"},
		{"FormatMonth", FormatMonth, ID, d, "Maret 2027"},
		{"FormatMonth", FormatMonth, EN, d, "March 2027"},
		{"FormatTime", FormatTime, ID, d, "07.00 WIB"},
		{"FormatTime", FormatTime, EN, d, "07:00 WIB"},
		{"FormatTime", FormatTime, ID, time.Date(2027, 3, 31, 16, 5, 0, 0, mks), "16.05 WITA"},
		{"FormatTime", FormatTime, EN, time.Date(2027, 3, 31, 23, 59, 59, 0, jpr), "23:59 WIT"},
		{"FormatTime", FormatTime, ID, time.Date(2027, 3, 31, 0, 0, 0, 0, ptk), "00.00 WIB"},
		{"FormatTime", FormatTime, EN, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC), "07:00 UTC"},
		{"FormatTime", FormatTime, EN, time.Date(2027, 7, 1, 7, 0, 0, 0, ams), "07:00 CEST"},
		{"FormatTime", FormatTime, EN, time.Date(2027, 1, 1, 7, 0, 0, 0, ams), "07:00 CET"},
		{"FormatTime", FormatTime, ID, time.Date(2027, 1, 1, 7, 0, 0, 0, time.FixedZone("", 7*3600)), "07.00 +0700"},
		{"FormatDateTime", FormatDateTime, ID, d, "31 Maret 2027 07.00 WIB"},
		{"FormatDateTime", FormatDateTime, EN, d, "31 March 2027 07:00 WIB"},
		{"FormatDateTime", FormatDateTime, Lang("xx"), d, "31 Maret 2027 07.00 WIB"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.lang, tt.t); got != tt.want {
			t.Errorf("%s(%s, %v) = %q, want %q", tt.name, tt.lang, tt.t, got, tt.want)
		}
	}
}

func TestZoneAbbrev(t *testing.T) {
	tests := map[string]string{
		"Asia/Jakarta":   "WIB",
		"Asia/Pontianak": "WIB",
		"Asia/Makassar":  "WITA",
		"Asia/Jayapura":  "WIT",
		"UTC":            "UTC",
		"Asia/Tokyo":     "JST",
	}
	for name, want := range tests {
		if got := ZoneAbbrev(mustLoc(t, name), time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)); got != want {
			t.Errorf("ZoneAbbrev(%s) = %q, want %q", name, got, want)
		}
	}
	if got := ZoneAbbrev(nil, time.Date(2027, 3, 25, 9, 0, 0, 0, time.UTC)); got != "UTC" {
		t.Errorf("ZoneAbbrev(nil) = %q", got)
	}
}

func TestFormatNumbers(t *testing.T) {
	type fn func(Lang, float64) string
	tests := []struct {
		name   string
		f      fn
		v      float64
		id, en string
	}{
		{"FormatNumber", FormatNumber, 1250.5, "1.250,5", "1,250.5"},
		{"FormatNumber", FormatNumber, 1250, "1.250", "1,250"},
		{"FormatNumber", FormatNumber, 1250.0, "1.250", "1,250"},
		{"FormatNumber", FormatNumber, 0, "0", "0"},
		{"FormatNumber", FormatNumber, math.Copysign(0, -1), "0", "0"},
		{"FormatNumber", FormatNumber, -0.001, "0", "0"},
		{"FormatNumber", FormatNumber, 0.5, "0,5", "0.5"},
		{"FormatNumber", FormatNumber, 999, "999", "999"},
		{"FormatNumber", FormatNumber, 1000, "1.000", "1,000"},
		{"FormatNumber", FormatNumber, 999.999, "1.000", "1,000"},
		{"FormatNumber", FormatNumber, 0.125, "0,13", "0.13"},
		{"FormatNumber", FormatNumber, 1250.556, "1.250,56", "1,250.56"},
		{"FormatNumber", FormatNumber, -1234567.891, "-1.234.567,89", "-1,234,567.89"},
		{"FormatNumber", FormatNumber, -3.5, "-3,5", "-3.5"},
		{"FormatNumber", FormatNumber, 0.1 + 0.2, "0,3", "0.3"},
		{"FormatNumber", FormatNumber, 1e15, "1.000.000.000.000.000", "1,000,000,000,000,000"},
		{"FormatNumber", FormatNumber, math.NaN(), "NaN", "NaN"},
		{"FormatNumber", FormatNumber, math.Inf(1), "∞", "∞"},
		{"FormatNumber", FormatNumber, math.Inf(-1), "-∞", "-∞"},
		{"FormatPercent", FormatPercent, 60, "60%", "60%"},
		{"FormatPercent", FormatPercent, 62.5, "62,5%", "62.5%"},
		{"FormatPercent", FormatPercent, 66.6666, "66,7%", "66.7%"},
		{"FormatPercent", FormatPercent, 100, "100%", "100%"},
		{"FormatPercent", FormatPercent, 0, "0%", "0%"},
		{"FormatRupiah", FormatRupiah, 1250000, "Rp1.250.000", "Rp1,250,000"},
		{"FormatRupiah", FormatRupiah, 1250000.6, "Rp1.250.001", "Rp1,250,001"},
		{"FormatRupiah", FormatRupiah, 0, "Rp0", "Rp0"},
		{"FormatRupiah", FormatRupiah, 500, "Rp500", "Rp500"},
		{"FormatRupiah", FormatRupiah, -5000, "-Rp5.000", "-Rp5,000"},
		{"FormatRupiah", FormatRupiah, 1500000000, "Rp1.500.000.000", "Rp1,500,000,000"},
	}
	for _, tt := range tests {
		if got := tt.f(ID, tt.v); got != tt.id {
			t.Errorf("%s(id, %v) = %q, want %q", tt.name, tt.v, got, tt.id)
		}
		if got := tt.f(EN, tt.v); got != tt.en {
			t.Errorf("%s(en, %v) = %q, want %q", tt.name, tt.v, got, tt.en)
		}
	}
}

// TestFormatParseNumberRoundTrip checks that what we print, we read back.
func TestFormatParseNumberRoundTrip(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 0.5, 62.5, 999, 1000, 1250, 1250.5, -3.25, 1234567.89, 1e12} {
		for _, l := range Supported() {
			s := FormatNumber(l, v)
			got, err := ParseNumber(s, l)
			if err != nil || got != v {
				t.Errorf("ParseNumber(FormatNumber(%s, %v) = %q) = %v, %v", l, v, s, got, err)
			}
			r := FormatRupiah(l, math.Round(v))
			got, err = ParseNumber(r, l)
			if err != nil || got != math.Round(v) {
				t.Errorf("ParseNumber(%q, %s) = %v, %v", r, l, got, err)
			}
		}
	}
}

func TestMatchLang(t *testing.T) {
	for code, want := range map[string]Lang{"id": ID, "in": ID, "id-ID": ID, "en": EN, "en_GB": EN, "EN-us": EN} {
		if got, ok := MatchLang(code); !ok || got != want {
			t.Errorf("MatchLang(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
	for _, code := range []string{"", "de", "ms", "jv"} {
		if got, ok := MatchLang(code); ok {
			t.Errorf("MatchLang(%q) = %q, want no match", code, got)
		}
	}
}
