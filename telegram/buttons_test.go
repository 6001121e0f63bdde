package telegram

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestButtonCodec(t *testing.T) {
	var c Codec
	c.Register(KindReport, 1, 1)
	c.Register(KindStepDone, 2, 2)
	id := "0123456789abcdef01234567"
	data, err := Encode(KindStepDone, id, "a1b2c3")
	if err != nil || data != "sd:"+id+":a1b2c3" {
		t.Fatalf("Encode = %q, %v", data, err)
	}
	a, err := c.Decode(data)
	if err != nil || a.Kind != KindStepDone || !slices.Equal(a.Args, []string{id, "a1b2c3"}) {
		t.Fatalf("Decode = %+v, %v", a, err)
	}
	for _, bad := range []struct{ data, why string }{
		{"", ReasonEmpty},
		{"rp:" + strings.Repeat("a", 62), ReasonTooLong},
		{"zz:1", ReasonUnknown},
		{"rp", ReasonForged},
		{"rp:1:2", ReasonForged},
		{"rp:", ReasonForged},
		{"sd:a b:c", ReasonForged},
		{"sd:a:\x00", ReasonForged},
	} {
		_, err := c.Decode(bad.data)
		var be *ButtonError
		if !errors.As(err, &be) || be.Reason != bad.why {
			t.Errorf("Decode(%q) = %v, want %s", bad.data, err, bad.why)
		}
	}
	for _, args := range [][]string{{"a:b"}, {""}, {"a b"}, {strings.Repeat("x", 70)}, {"é"}} {
		if d, err := Encode(KindReport, args...); err == nil {
			t.Errorf("Encode(%q) = %q, want an error", args, d)
		}
	}
}

// FuzzButtonCodec: whatever data a press carries, decoding never panics,
// and what decodes encodes back to the same data.
func FuzzButtonCodec(f *testing.F) {
	for _, s := range []string{"rp:0123456789abcdef01234567", "sd:a:b", "", ":", "rp::", "w:title:<"} {
		f.Add(s)
	}
	var c Codec
	c.Register(KindReport, 1, 1)
	c.Register(KindStepDone, 2, 2)
	c.Register("w", 0, 6)
	f.Fuzz(func(t *testing.T, data string) {
		a, err := c.Decode(data)
		if err != nil {
			return
		}
		back, err := Encode(a.Kind, a.Args...)
		if err != nil || back != data {
			t.Fatalf("%q decoded to %+v, encodes to %q, %v", data, a, back, err)
		}
	})
}
