package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestExportOnF4: `quickwin export --paper f4` lays every sheet out on
// F4 (Excel's paper size 14); an unknown paper is a usage error.
func TestExportOnF4(t *testing.T) {
	dir := t.TempDir()
	wib, _ := time.LoadLocation("Asia/Jakarta")
	seed(t, dir, time.Date(2027, 3, 24, 7, 0, 0, 0, wib))
	env := map[string]string{"QW_DATA_DIR": dir, "QW_LOG_LEVEL": "error"}
	out := filepath.Join(t.TempDir(), "qw.xlsx")
	if code, stdout, stderr := run(t, env, "export", "--out", out, "--paper", "f4"); code != 0 {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		lo, err := f.GetPageLayout(s)
		if err != nil || lo.Size == nil || *lo.Size != 14 || lo.Orientation == nil || *lo.Orientation != "landscape" {
			t.Errorf("%s: page layout %+v, %v; want landscape F4", s, lo, err)
		}
	}
	if code, _, stderr := run(t, env, "export", "--out", out, "--paper", "a5"); code != exitUsage || !strings.Contains(stderr, "a4 or f4") {
		t.Errorf("--paper a5: %d %q", code, stderr)
	}
}
