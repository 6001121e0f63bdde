package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"quickwin/locales"
	"quickwin/telegram"
)

const (
	testID   = "0123456789abcdef01234567"
	testStep = "a1b2c3"
)

// validPresses are one of each format, at their longest.
var validPresses = []press{
	{prefix: pReport, id: testID},
	{prefix: pStepDone, id: testID, step: testStep},
	{prefix: pPickOPD, act: 'n', opd: "DINKES"},
	{prefix: pPickOPD, act: 'l', opd: allOPDs},
	{prefix: pList, opd: "KECAMATAN_TANJUN", page: 999},
	{prefix: pDetail, id: testID, opd: "KECAMATAN_TANJUN", page: 999},
	{prefix: pPlan, act: 'v', id: testID},
	{prefix: pPlan, act: 'a', id: testID},
	{prefix: pPlan, act: 'X', id: testID, step: testStep},
	{prefix: pPlan, act: 's', id: testID, step: testStep},
	{prefix: pChange, act: 't', id: testID},
	{prefix: pAsk, id: testID},
	{prefix: pAnswer, id: testID},
	{prefix: pVerify, act: 'o', id: testID},
	{prefix: pCorrect, id: testID},
}

func TestPressRoundTrip(t *testing.T) {
	t.Parallel()
	for _, p := range validPresses {
		data := p.data()
		if len(data) > telegram.MaxCallbackData {
			t.Errorf("%q is %d bytes, over Telegram's %d", data, len(data), telegram.MaxCallbackData)
		}
		got, ok := parsePress(data)
		if !ok || got != p {
			t.Errorf("parsePress(%q) = %+v, %v; want %+v", data, got, ok, p)
		}
	}
	// The scheduler's reminders build these by hand: they are a contract.
	for _, data := range []string{"rp:" + testID, "sd:" + testID + ":" + testStep} {
		if _, ok := parsePress(data); !ok {
			t.Errorf("reminder button %q not accepted", data)
		}
	}
}

func TestParsePressRejects(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		"", "rp", "rp:", "rp:" + testID + ":", "rp:" + strings.ToUpper(testID), "rp:" + testID[:23], "rp:" + testID + "0",
		"sd:" + testID, "sd:" + testID + ":A1B2C3", "sd:" + testID + ":a1b2c", "sd:" + testID + ":a1b2c3:x",
		"qo:x:DINKES", "qo:nn:DINKES", "qo:n:dinkes", "qo:n:1DINKES", "qo:n", "ls:DINKES", "ls:DINKES:-1", "ls:DINKES:1000",
		"ls:DINKES:01", "ls:DINKES:+1", "ls:DINKES: 1", "pl:v:" + testID + ":" + testStep, "pl:s:" + testID, "pl:z:" + testID,
		"qc:" + testID, "vf:v", "vf:q:" + testID, "w:title:x", "zz:" + testID, "rp:" + testID + "\x00",
		"qw:" + testID + ":DINKES", "qw:" + testID + ":*:", strings.Repeat("a", 65),
	} {
		if p, ok := parsePress(data); ok {
			t.Errorf("parsePress(%q) = %+v, want rejected", data, p)
		}
	}
}

// FuzzParsePress: whatever the data, parsing never panics, and what it
// accepts is canonical (it builds back to the same data) and fits.
func FuzzParsePress(f *testing.F) {
	for _, p := range validPresses {
		f.Add(p.data())
	}
	for _, s := range []string{"", ":", "rp::", "sd:" + testID + ":", "ls:*:0", "qo:l:*", "pl:X:" + testID + ":" + testStep + ":", "qw:" + testID + ":*:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		p, ok := parsePress(data)
		if !ok {
			return
		}
		if got := p.data(); got != data {
			t.Fatalf("parsePress(%q) = %+v, which builds %q", data, p, got)
		}
		if len(data) > telegram.MaxCallbackData {
			t.Fatalf("accepted %d bytes", len(data))
		}
		if p.id != "" && !isHex(p.id, 24) || p.step != "" && !isHex(p.step, 6) {
			t.Fatalf("accepted ids %q %q", p.id, p.step)
		}
	})
}

// TestQuickWinKeysExist checks that every locale key the quick-win files
// name literally exists in both languages (dynamic keys are covered by the
// flows that render them).
func TestQuickWinKeysExist(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("*.go")
	keyRe := regexp.MustCompile(`"((?:qw|cmd|commitment|step|report|verify|question|opd|common|invite|wizard)\.[a-z_.]+[a-z_])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if strings.HasPrefix(key, "commitment.") && !strings.Contains(key, "invalid") && !strings.Contains(key, "reason") {
				continue // audit action names, not keys
			}
			if strings.HasPrefix(key, "steps.") {
				continue
			}
			for _, l := range locales.Supported() {
				if !locales.Has(l, key) {
					t.Errorf("%s: key %q missing in %s", f, key, l)
				}
			}
		}
	}
}
