package locales

import (
	"errors"
	"math"
	"testing"
)

var dateSeeds = []string{
	"31/03/2027", "31-3-2027", "31.3.2027", "2027-03-31", "31 Maret 2027", "31 Mar 2027",
	"31 March 2027", "31 mar 2027", "17 Agustus 2027", "17 Agu 2027", "17 Ags 2027",
	"17 August 2027", "17 Aug 2027", "1 Mei 2027", "1 May 2027", "1 Okt 2027", "1 Oct 2027",
	"1 Des 2027", "1 Dec 2027", "1 Sept 2027", "31 Maret", "31/3", "hari ini", "today",
	"besok", "tomorrow", "lusa", "akhir bulan", "end of month", "akhir tahun", "end of year",
	"TW1", "TW2", "TW3", "TW4", "Q1", "Q2", "Q3", "Q4", "TW II", "tw 2", "TW2 2027",
	"31/3/27", "  31   Maret   2027  ", "31/02/2027", "32/1/2027", "1/13/2027", "29/2",
	"March 31, 2027", "31-Mar-2027", "1/1/1899", "",
	// garbage
	"abc", "//", "-", "31//", "tw", "q", "9999999999/99/99", "31 Maret 99999", "\x00",
	"31 maret\u00a02027", "İ", "３１/３/２０２７", "tw iiii", "1st", "0/0", "-1/-1/-1",
}

func FuzzParseDate(f *testing.F) {
	for _, s := range dateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, l := range Supported() {
			got, err := ParseDate(in, l, testNow)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("ParseDate(%q): error is not a ParseError: %v", in, err)
				}
				if !Has(l, pe.Key) {
					t.Fatalf("ParseDate(%q): error key %q has no message", in, pe.Key)
				}
				continue
			}
			if got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 || got.Location() != testNow.Location() {
				t.Fatalf("ParseDate(%q) = %v: not midnight in now's location", in, got)
			}
			for _, fl := range Supported() {
				for _, s := range []string{FormatDate(fl, got), FormatDateShort(fl, got)} {
					back, err := ParseDate(s, l, testNow)
					if err != nil || !back.Equal(got) {
						t.Fatalf("ParseDate(%q) = %v; formatted %q parses back to %v, %v", in, got, s, back, err)
					}
				}
			}
		}
	})
}

var numberSeeds = []string{
	"1250", "1.250,5", "1,250.5", "62,5", "62.5", "Rp 1.250.000", "Rp1.250.000,00", "60%",
	"60 %", "-3,5", "1 250", "1.250", "1,250", "0,250", "Rp. 1.250.000,-", "+5", "\u22125",
	"1\u00a0250", "",
	// garbage
	"NaN", "Inf", "-Inf", "1e5", "abc", "--3", "-3-", "+-3", ".5", "5.", "1..2", "1.25.000",
	"%", "Rp", "-", ",-", "100000000000000000000000000000000000000000000000000000",
	"\x00", "١٢٣", "0x1p3", "1_000", "∞",
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, l := range Supported() {
			v, err := ParseNumber(in, l)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("ParseNumber(%q): error is not a ParseError: %v", in, err)
				}
				if !Has(l, pe.Key) {
					t.Fatalf("ParseNumber(%q): error key %q has no message", in, pe.Key)
				}
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("ParseNumber(%q, %s) = %v: not finite", in, l, v)
			}
			if v == 0 && math.Signbit(v) {
				t.Fatalf("ParseNumber(%q, %s) = -0", in, l)
			}
			_ = FormatNumber(l, v) // must not panic
		}
	})
}
