package locales

import (
	"errors"
	"testing"
	"time"
)

var jakarta = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		panic(err)
	}
	return loc
}()

// testNow is Wednesday 10 March 2027, 10:00 WIB.
var testNow = time.Date(2027, 3, 10, 10, 0, 0, 0, jakarta)

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, jakarta) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"31/03/2027", ymd(2027, 3, 31)},
		{"31-3-2027", ymd(2027, 3, 31)},
		{"31.3.2027", ymd(2027, 3, 31)},
		{"31 / 03 / 2027", ymd(2027, 3, 31)},
		{"01/01/2028", ymd(2028, 1, 1)},
		{"2027-03-31", ymd(2027, 3, 31)},
		{"2027/3/31", ymd(2027, 3, 31)},
		{"31/3/27", ymd(2027, 3, 31)},
		{"1-1-30", ymd(2030, 1, 1)},
		{"29/02/2028", ymd(2028, 2, 29)},
		{"31 Maret 2027", ymd(2027, 3, 31)},
		{"31 Mar 2027", ymd(2027, 3, 31)},
		{"31 March 2027", ymd(2027, 3, 31)},
		{"31 mar 2027", ymd(2027, 3, 31)},
		{"  31   MARET\t2027 ", ymd(2027, 3, 31)},
		{"31-Mar-2027", ymd(2027, 3, 31)},
		{"31 Mar. 2027", ymd(2027, 3, 31)},
		{"31 mar 27", ymd(2027, 3, 31)},
		{"March 31, 2027", ymd(2027, 3, 31)},
		{"March 31st 2027", ymd(2027, 3, 31)},
		{"31 Januari 2028", ymd(2028, 1, 31)},
		{"1 Jan 2028", ymd(2028, 1, 1)},
		{"28 Februari 2027", ymd(2027, 2, 28)},
		{"28 Feb 2027", ymd(2027, 2, 28)},
		{"1 April 2027", ymd(2027, 4, 1)},
		{"1 Apr 2027", ymd(2027, 4, 1)},
		{"1 Mei 2027", ymd(2027, 5, 1)},
		{"1 May 2027", ymd(2027, 5, 1)},
		{"1 Juni 2027", ymd(2027, 6, 1)},
		{"1 June 2027", ymd(2027, 6, 1)},
		{"1 Jun 2027", ymd(2027, 6, 1)},
		{"1 Juli 2027", ymd(2027, 7, 1)},
		{"1 July 2027", ymd(2027, 7, 1)},
		{"1 Jul 2027", ymd(2027, 7, 1)},
		{"17 Agustus 2027", ymd(2027, 8, 17)},
		{"17 Agu 2027", ymd(2027, 8, 17)},
		{"17 Ags 2027", ymd(2027, 8, 17)},
		{"17 August 2027", ymd(2027, 8, 17)},
		{"17 Aug 2027", ymd(2027, 8, 17)},
		{"1 September 2027", ymd(2027, 9, 1)},
		{"1 Sep 2027", ymd(2027, 9, 1)},
		{"1 Sept 2027", ymd(2027, 9, 1)},
		{"1 Oktober 2027", ymd(2027, 10, 1)},
		{"1 Okt 2027", ymd(2027, 10, 1)},
		{"1 October 2027", ymd(2027, 10, 1)},
		{"1 Oct 2027", ymd(2027, 10, 1)},
		{"1 November 2027", ymd(2027, 11, 1)},
		{"1 Nopember 2027", ymd(2027, 11, 1)},
		{"1 Nov 2027", ymd(2027, 11, 1)},
		{"1 Desember 2027", ymd(2027, 12, 1)},
		{"1 Des 2027", ymd(2027, 12, 1)},
		{"1 December 2027", ymd(2027, 12, 1)},
		{"1 Dec 2027", ymd(2027, 12, 1)},
		// No year: the next such date on or after today (10 March 2027).
		{"31 Maret", ymd(2027, 3, 31)},
		{"31/3", ymd(2027, 3, 31)},
		{"10/3", ymd(2027, 3, 10)},
		{"9/3", ymd(2028, 3, 9)},
		{"9 March", ymd(2028, 3, 9)},
		{"1 Jan", ymd(2028, 1, 1)},
		{"29/2", ymd(2028, 2, 29)},
		{"25-12", ymd(2027, 12, 25)},
		// Words.
		{"hari ini", ymd(2027, 3, 10)},
		{"Hari  Ini", ymd(2027, 3, 10)},
		{"today", ymd(2027, 3, 10)},
		{"besok", ymd(2027, 3, 11)},
		{"tomorrow", ymd(2027, 3, 11)},
		{"lusa", ymd(2027, 3, 12)},
		{"akhir bulan", ymd(2027, 3, 31)},
		{"end of month", ymd(2027, 3, 31)},
		{"end of the month", ymd(2027, 3, 31)},
		{"akhir tahun", ymd(2027, 12, 31)},
		{"end of year", ymd(2027, 12, 31)},
		// Quarters.
		{"TW1", ymd(2027, 3, 31)},
		{"tw 2", ymd(2027, 6, 30)},
		{"TW II", ymd(2027, 6, 30)},
		{"TW3", ymd(2027, 9, 30)},
		{"tw iv", ymd(2027, 12, 31)},
		{"Q1", ymd(2027, 3, 31)},
		{"q2", ymd(2027, 6, 30)},
		{"Q3", ymd(2027, 9, 30)},
		{"Q4", ymd(2027, 12, 31)},
		{"TW2 2027", ymd(2027, 6, 30)},
		{"TW2 2028", ymd(2028, 6, 30)},
		{"TW II 2028", ymd(2028, 6, 30)},
		{"Q3/2028", ymd(2028, 9, 30)},
		{"q4-28", ymd(2028, 12, 31)},
		{"triwulan 3", ymd(2027, 9, 30)},
		{"Kuartal 4", ymd(2027, 12, 31)},
	}
	for _, tt := range tests {
		for _, l := range Supported() {
			got, err := ParseDate(tt.in, l, testNow)
			if err != nil {
				t.Errorf("ParseDate(%q, %s) error: %v", tt.in, l, err)
				continue
			}
			if !got.Equal(tt.want) || got.Location() != jakarta {
				t.Errorf("ParseDate(%q, %s) = %v, want %v", tt.in, l, got, tt.want)
			}
		}
	}
}

func TestParseDateLocationAndDayBoundary(t *testing.T) {
	// 23:30 WIB on 31 March is still 31 March: "besok" is 1 April, in now's zone.
	now := time.Date(2027, 3, 31, 23, 30, 0, 0, jakarta)
	got, err := ParseDate("besok", ID, now)
	if err != nil || !got.Equal(ymd(2027, 4, 1)) {
		t.Errorf("besok = %v, %v", got, err)
	}
	got, _ = ParseDate("akhir bulan", ID, now)
	if !got.Equal(ymd(2027, 3, 31)) {
		t.Errorf("akhir bulan = %v", got)
	}
	jayapura, err := time.LoadLocation("Asia/Jayapura")
	if err != nil {
		t.Fatal(err)
	}
	got, _ = ParseDate("31/03/2027", ID, now.In(jayapura))
	if want := time.Date(2027, 3, 31, 0, 0, 0, 0, jayapura); !got.Equal(want) || got.Location() != jayapura {
		t.Errorf("in Jayapura = %v, want %v", got, want)
	}
	// end of month in February of a leap year
	got, _ = ParseDate("end of month", EN, time.Date(2028, 2, 3, 8, 0, 0, 0, jakarta))
	if !got.Equal(ymd(2028, 2, 29)) {
		t.Errorf("end of month in Feb 2028 = %v", got)
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in  string
		key string
	}{
		{"", KeyDateEmpty},
		{"   \t ", KeyDateEmpty},
		{"31/02/2027", KeyDateInvalid},
		{"29/02/2027", KeyDateInvalid},
		{"32/1/2027", KeyDateInvalid},
		{"0/1/2027", KeyDateInvalid},
		{"1/13/2027", KeyDateInvalid},
		{"1/0/2027", KeyDateInvalid},
		{"2027-13-01", KeyDateInvalid},
		{"2027-02-30", KeyDateInvalid},
		{"31 April 2027", KeyDateInvalid},
		{"30 Februari", KeyDateInvalid},
		{"31/4", KeyDateInvalid},
		{"1/13", KeyDateInvalid},
		{"1/1/1899", KeyDateYear},
		{"1/1/2200", KeyDateYear},
		{"31/03/0227", KeyDateYear},
		{"TW2 1800", KeyDateYear},
		{"abc", KeyDateFormat},
		{"kemarin lusa", KeyDateFormat},
		{"31 Foo 2027", KeyDateFormat},
		{"31 Maret 2027 2028", KeyDateFormat},
		{"Maret 2027", KeyDateFormat},
		{"31/03/2027/1", KeyDateFormat},
		{"31/03-2027", KeyDateFormat},
		{"31//2027", KeyDateFormat},
		{"/3/2027", KeyDateFormat},
		{"310/3/2027", KeyDateFormat},
		{"31/3/202", KeyDateFormat},
		{"31/3/20271", KeyDateFormat},
		{"2027", KeyDateFormat},
		{"31", KeyDateFormat},
		{"TW5", KeyDateFormat},
		{"TW0", KeyDateFormat},
		{"Q2 202", KeyDateFormat},
		{"131 Maret 2027", KeyDateFormat},
		{"31 Maret 202", KeyDateFormat},
		{"x31 Maret 2027", KeyDateFormat},
	}
	for _, tt := range tests {
		for _, l := range Supported() {
			_, err := ParseDate(tt.in, l, testNow)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("ParseDate(%q, %s) error = %v, want ParseError %s", tt.in, l, err, tt.key)
				continue
			}
			if pe.Key != tt.key {
				t.Errorf("ParseDate(%q, %s) key = %s, want %s", tt.in, l, pe.Key, tt.key)
			}
			if tt.key == KeyDateInvalid && pe.Data["Input"] != tt.in {
				t.Errorf("ParseDate(%q) Input = %v", tt.in, pe.Data["Input"])
			}
			if msg, ok := Message(l, err); !ok || msg == pe.Key {
				t.Errorf("ParseDate(%q) message = %q", tt.in, msg)
			}
		}
	}
}

func TestParseDateClipsInput(t *testing.T) {
	long := "31/02/2027 yang panjang sekali sekali sekali sekali sekali"
	_, err := ParseDate(long, ID, testNow)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatal(err)
	}
	if in, _ := pe.Data["Input"].(string); len([]rune(in)) != maxInputInErrors+1 {
		t.Errorf("Input = %q, want %d runes + ellipsis", in, maxInputInErrors)
	}
}
