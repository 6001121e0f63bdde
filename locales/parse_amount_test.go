package locales

import (
	"errors"
	"testing"
)

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		lang Lang
		want float64
		key  string
	}{
		{"150 juta", ID, 150e6, ""},
		{"150jt", ID, 150e6, ""},
		{"Rp 1,5 M", ID, 1.5e9, ""},
		{"1,5 M", ID, 1.5e9, ""},
		{"2,3 miliar", ID, 2.3e9, ""},
		{"2,3 milyar", ID, 2.3e9, ""},
		{"750 ribu", ID, 750e3, ""},
		{"1.250,5", ID, 1250.5, ""},
		{"1.2 billion", EN, 1.2e9, ""},
		{"1.5 million", EN, 1.5e6, ""},
		{"1 T", ID, 1e12, ""},
		{"1.5 M", EN, 0, KeyAmountAmbiguous},
		{"juta", ID, 0, KeyNumberFormat},
		{"lima juta", ID, 0, KeyNumberFormat},
		{"150 kilo", ID, 0, KeyNumberFormat},
		{"", ID, 0, KeyNumberEmpty},
	} {
		got, err := ParseAmount(tc.in, tc.lang)
		if tc.key != "" {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Key != tc.key {
				t.Errorf("ParseAmount(%q, %s) = %v, %v; want error %s", tc.in, tc.lang, got, err, tc.key)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseAmount(%q, %s) = %v, %v; want %v", tc.in, tc.lang, got, err, tc.want)
		}
	}
}
