package dashboard

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"quickwin"
	"quickwin/locales"
)

// keyUse finds literal message keys in templates (.T "dash.x") and Go
// code (p.T("dash.x"), locales.T(lang, "dash.x", …), fail(…, "dash.x")).
var keyUse = regexp.MustCompile(`"((?:dash|category|status|qw|print)\.[a-z0-9_.]+)"`)

// TestKeysExist fails when a key the pages use is missing in a language:
// a typo would otherwise show people the raw key.
func TestKeysExist(t *testing.T) {
	t.Parallel()
	var sources []string
	_ = fs.WalkDir(assets, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(assets, p)
			sources = append(sources, string(b))
		}
		return nil
	})
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			b, _ := os.ReadFile(f)
			sources = append(sources, string(b))
		}
	}
	checked := 0
	for _, src := range sources {
		for _, m := range keyUse.FindAllStringSubmatch(src, -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix completed at run time, checked below
			}
			checked++
			for _, l := range locales.Supported() {
				if !locales.Has(l, m[1]) {
					t.Errorf("key %q is missing in %s", m[1], l)
				}
			}
		}
	}
	if checked < 60 {
		t.Errorf("only %d keys found: is the pattern still right?", checked)
	}
	// Keys completed at run time.
	for _, l := range locales.Supported() {
		for _, c := range quickwin.Categories {
			need(t, l, "category."+string(c))
		}
		for _, s := range []quickwin.ScheduleStatus{quickwin.OnTrack, quickwin.AtRisk, quickwin.Late, quickwin.Done} {
			need(t, l, "status."+string(s))
		}
		for _, s := range []quickwin.Status{quickwin.StatusDraft, quickwin.StatusActive, quickwin.StatusDone, quickwin.StatusCancelled} {
			need(t, l, "qw.status."+string(s))
		}
		for _, s := range []quickwin.VerifyState{quickwin.VerifyPending, quickwin.VerifyVerified, quickwin.VerifyReturned} {
			need(t, l, "qw.state."+string(s))
		}
		for q := 1; q <= 4; q++ {
			need(t, l, "dash.qw.quarter."+strconv.Itoa(q))
		}
		need(t, l, "dash.evidence.photo")
		need(t, l, "dash.evidence.document")
	}
}

func need(t *testing.T, l locales.Lang, key string) {
	t.Helper()
	if !locales.Has(l, key) {
		t.Errorf("key %q is missing in %s", key, l)
	}
}
