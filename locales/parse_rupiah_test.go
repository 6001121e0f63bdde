package locales

import (
	"errors"
	"testing"
)

// TestParseRupiah: budgets as officials type them (issue 11, item 10).
func TestParseRupiah(t *testing.T) {
	for _, tc := range []struct {
		in   string
		lang Lang
		want float64
	}{
		{"150 juta", ID, 150e6},
		{"1,5 M", ID, 1.5e9},
		{"Rp 1,5 miliar", ID, 1.5e9},
		{"2 jt", ID, 2e6},
		{"750 rb", ID, 750e3},
		{"Rp 150.000.000", ID, 150e6},
		{"150 million", EN, 150e6},
		{"1.5 billion", EN, 1.5e9},
		{"2m", EN, 2e6},
		{"2 M", EN, 2e6},
		{"1.5m", EN, 1.5e6},
		{"Rp 150,000,000", EN, 150e6},
		{"150 juta", EN, 150e6}, // Indonesian words are understood in English too
	} {
		got, err := ParseRupiah(tc.in, tc.lang)
		if err != nil || got != tc.want {
			t.Errorf("ParseRupiah(%q, %s) = %v, %v; want %v", tc.in, tc.lang, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "juta", "seratus juta", "150 kilo", "m"} {
		var pe *ParseError
		if _, err := ParseRupiah(in, EN); !errors.As(err, &pe) || pe.Key == KeyAmountAmbiguous {
			t.Errorf("ParseRupiah(%q) = %v, want a number error", in, err)
		}
	}
}
