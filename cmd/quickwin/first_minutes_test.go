package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// These are the administrator's first ten minutes: help that exits 0, a
// wrong flag answered in two lines, listings that do not create ./data, a
// version from the build, and the health check Docker runs.

func TestHelpFlagExitsZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"serve", "--help"}} {
		code, out, errOut := run(t, nil, args...)
		if code != exitOK || !strings.Contains(out, "Commands:") || !strings.Contains(out, "QW_ADMIN_IDS") || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	code, out, _ := run(t, nil, "export", "--help")
	if code != exitOK || !strings.Contains(out, "Flags of export:") || !strings.Contains(out, "--out") {
		t.Errorf("export --help: %d\n%s", code, out)
	}
}

func TestWrongFlagSaysSoInTwoLines(t *testing.T) {
	for _, args := range [][]string{{"--frobnicate"}, {"job", "list", "--nope"}, {"export", "--out"}} {
		code, out, errOut := run(t, nil, args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != exitUsage || out != "" || len(lines) != 2 || !strings.Contains(lines[1], "quickwin help") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, errOut)
		}
	}
	_, _, errOut := run(t, nil, "--frobnicate")
	if !strings.HasPrefix(errOut, "quickwin: flag provided but not defined: -frobnicate\n") {
		t.Errorf("the error does not come first: %q", errOut)
	}
}

func TestListingsDoNotCreateTheDataDirectory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"QW_DATA_DIR": data}
	for _, args := range [][]string{{"job", "list"}, {"tenant", "list"}, {"job", "run", "reminders"}, {"export", "--out", filepath.Join(t.TempDir(), "x.xlsx")}} {
		code, _, errOut := run(t, env, args...)
		if code != exitError || !strings.Contains(errOut, "no database in "+data+" (QW_DATA_DIR)") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if _, err := os.Stat(data); !os.IsNotExist(err) {
			t.Fatalf("%v created %s", args, data)
		}
	}
	if code, _, errOut := run(t, env, "migrate"); code != exitOK {
		t.Fatalf("migrate: %s", errOut)
	}
	if code, out, errOut := run(t, env, "tenant", "list"); code != exitOK || !strings.Contains(out, "Pemerintah Daerah") {
		t.Errorf("tenant list after migrate: %d %q %q", code, out, errOut)
	}
}

func TestVersionFromBuildInfo(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Path: "quickwin", Version: "v0.0.0-20261201145659-63498e090e60"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "63498e090e600fa77479a8ad88e5ebeb790fd35b"}, {Key: "vcs.time", Value: "2026-12-01T14:56:59Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := describeBuild(info), "v0.0.0-20261201145659-63498e090e60 (revision 63498e090e60, 2026-12-01T14:56:59Z, modified)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := describeBuild(&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}); got != "v1.4.0" {
		t.Errorf("go install @v1.4.0: %q", got)
	}
	if got := describeBuild(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); got != "dev" {
		t.Errorf("no version known: %q", got)
	}
	old := version
	version = "v2.0.0"
	defer func() { version = old }()
	if code, out, _ := run(t, nil, "version"); code != exitOK || out != "quickwin v2.0.0\n" {
		t.Errorf("-ldflags version: %q", out)
	}
}

func TestHealth(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		w.Write([]byte("ok\n"))
	}))
	defer srv.Close()
	env := map[string]string{"QW_LISTEN": strings.TrimPrefix(srv.URL, "http://")}
	if code, out, errOut := run(t, env, "health"); code != exitOK || !strings.HasSuffix(out, "/healthz: ok\n") {
		t.Errorf("healthy: %d %q %q", code, out, errOut)
	}
	status = http.StatusServiceUnavailable
	if code, _, errOut := run(t, env, "health"); code != exitError || !strings.Contains(errOut, "503") {
		t.Errorf("database down: %d %q", code, errOut)
	}
	addr := env["QW_LISTEN"]
	srv.Close()
	if code, _, errOut := run(t, map[string]string{"QW_LISTEN": addr}, "health"); code != exitError || !strings.Contains(errOut, "connection refused") {
		t.Errorf("not running: %d %q", code, errOut)
	}
	for listen, want := range map[string]string{
		":8080": "http://127.0.0.1:8080/healthz", "0.0.0.0:9000": "http://127.0.0.1:9000/healthz",
		"[::]:8080": "http://127.0.0.1:8080/healthz", "127.0.0.1:8080": "http://127.0.0.1:8080/healthz", "[::1]:80": "http://[::1]:80/healthz",
	} {
		if got, err := healthURL(listen); got != want || err != nil {
			t.Errorf("healthURL(%q) = %q, %v; want %q", listen, got, err, want)
		}
	}
	if _, err := healthURL("8080"); err == nil {
		t.Error("a port alone is not host:port")
	}
}

func TestListenDefaultsToThisMachine(t *testing.T) {
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, nil)
	if err != nil || cfg.Listen != "127.0.0.1:8080" {
		t.Errorf("default QW_LISTEN %q, %v", cfg.Listen, err)
	}
}
