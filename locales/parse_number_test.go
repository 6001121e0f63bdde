package locales

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in     string
		id, en float64
	}{
		{"1250", 1250, 1250},
		{"0", 0, 0},
		{"-0", 0, 0},
		{"007", 7, 7},
		{"1.250,5", 1250.5, 1250.5},
		{"1,250.5", 1250.5, 1250.5},
		{"62,5", 62.5, 62.5},
		{"62.5", 62.5, 62.5},
		{"1.250", 1250, 1.25},
		{"1,250", 1.25, 1250},
		{"0.250", 0.25, 0.25},
		{"0,250", 0.25, 0.25},
		{"1.2500", 1.25, 1.25},
		{"1,25", 1.25, 1.25},
		{"1.250.000", 1250000, 1250000},
		{"1,250,000", 1250000, 1250000},
		{"1.250.000,75", 1250000.75, 1250000.75},
		{"1,250,000.75", 1250000.75, 1250000.75},
		{"Rp 1.250.000", 1250000, 1250000},
		{"Rp1.250.000,00", 1250000, 1250000},
		{"rp 1,250,000", 1250000, 1250000},
		{"Rp. 1.250.000,-", 1250000, 1250000},
		{"RP5.000", 5000, 5},
		{"1.250.000,-", 1250000, 1250000},
		{"60%", 60, 60},
		{"60 %", 60, 60},
		{"62,5%", 62.5, 62.5},
		{"-3,5", -3.5, -3.5},
		{"-3.5", -3.5, -3.5},
		{"+5", 5, 5},
		{"- 5", -5, -5},
		{"\u22125", -5, -5},
		{"-Rp 5.000", -5000, -5},
		{"Rp -5.000", -5000, -5},
		{"1 250", 1250, 1250},
		{"1 250 000", 1250000, 1250000},
		{"1\u00a0250\u00a0000", 1250000, 1250000},
		{"1 250,5", 1250.5, 1250.5},
		{"1 250.5", 1250.5, 1250.5},
		{"  42  ", 42, 42},
		{"0,001", 0.001, 0.001},
		{"123456789012", 123456789012, 123456789012},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			l    Lang
			want float64
		}{{ID, tt.id}, {EN, tt.en}} {
			got, err := ParseNumber(tt.in, c.l)
			if err != nil {
				t.Errorf("ParseNumber(%q, %s) error: %v", tt.in, c.l, err)
				continue
			}
			if got != c.want || math.Signbit(got) != math.Signbit(c.want) {
				t.Errorf("ParseNumber(%q, %s) = %v, want %v", tt.in, c.l, got, c.want)
			}
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		in  string
		key string
	}{
		{"", KeyNumberEmpty},
		{"  ", KeyNumberEmpty},
		{"abc", KeyNumberFormat},
		{"12a", KeyNumberFormat},
		{"NaN", KeyNumberFormat},
		{"Inf", KeyNumberFormat},
		{"-Inf", KeyNumberFormat},
		{"1e5", KeyNumberFormat},
		{"0x10", KeyNumberFormat},
		{"%", KeyNumberFormat},
		{"Rp", KeyNumberFormat},
		{"-", KeyNumberFormat},
		{".5", KeyNumberFormat},
		{",5", KeyNumberFormat},
		{"5.", KeyNumberFormat},
		{"5,", KeyNumberFormat},
		{"1..2", KeyNumberFormat},
		{"1.25.000", KeyNumberFormat},
		{"1,2.3,4", KeyNumberFormat},
		{"1.250,5.3", KeyNumberFormat},
		{"1,5.3", KeyNumberFormat},
		{"12 5", KeyNumberFormat},
		{"1234 567", KeyNumberFormat},
		{"1 250.000,5", KeyNumberFormat},
		{"1,5 0", KeyNumberFormat},
		{"0.250.000", KeyNumberFormat},
		{"3-", KeyNumberFormat},
		{"1-2", KeyNumberFormat},
		{"5 Rp", KeyNumberFormat},
		{"60%%", KeyNumberFormat},
		{"١٢٣", KeyNumberFormat},
		{"--3", KeyNumberSign},
		{"-3-", KeyNumberSign},
		{"+-3", KeyNumberSign},
		{"-Rp-5", KeyNumberSign},
		{"1" + strings.Repeat("0", 400), KeyNumberTooBig},
	}
	for _, tt := range tests {
		for _, l := range Supported() {
			v, err := ParseNumber(tt.in, l)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("ParseNumber(%q, %s) = %v, %v; want ParseError %s", tt.in, l, v, err, tt.key)
				continue
			}
			if pe.Key != tt.key {
				t.Errorf("ParseNumber(%q, %s) key = %s, want %s", tt.in, l, pe.Key, tt.key)
			}
			if msg, ok := Message(l, err); !ok || msg == pe.Key {
				t.Errorf("ParseNumber(%q) message = %q", tt.in, msg)
			}
		}
	}
}
