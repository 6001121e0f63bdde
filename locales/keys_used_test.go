package locales

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// keyCall finds message keys written as literals in calls that render them:
// T("key", …), r.T("key", …), locales.T(lang, "key", …), TPlural(…),
// WithKey("key", …) and invalidAnswer("key", …).
var keyCall = regexp.MustCompile(`(?:\bT|TPlural|WithKey|invalidAnswer)\((?:[A-Za-z_.()]+,\s*)?"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// TestKeysUsedInCodeExist reads the project's Go code (outside this
// package, which must not import it) and fails when a literal key given to
// a rendering call is missing in a language: a typo would otherwise show
// users the raw key.
func TestKeysUsedInCodeExist(t *testing.T) {
	files, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../bot", "../scheduler", "../digest", "../store", "../invitecard", "../cmd/quickwin", "../workbook", "../dashboard", "../telegram"} {
		more, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, more...)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyCall.FindAllStringSubmatch(string(src), -1) {
			checked++
			for _, l := range Supported() {
				if !Has(l, m[1]) {
					t.Errorf("%s: key %q is missing in %s", f, m[1], l)
				}
			}
		}
	}
	t.Logf("%d keys checked", checked)
	if checked < 100 {
		t.Errorf("only %d keys found in the code: is the pattern still right?", checked)
	}
}
