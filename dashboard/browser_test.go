package dashboard

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The end-to-end test opens the dashboard in a real headless Chromium
// (Debian's `chromium` package), the way Telegram opens a Mini App: the
// address's fragment carries tgWebAppData and tgWebAppThemeParams, and
// static/app.js signs in with them. It checks what a leader and a head
// see, that the theme colours apply, that the Rakor view moves on arrow
// keys, and that the browser asks nothing of any other origin.
//
// Without Chromium the test skips, except in CI (CI=true), where it fails:
// .ci/run installs Chromium. With QW_DASHBOARD_SCREENSHOTS=DIR it writes
// the screenshots of docs/ (dashboard-*.png) into DIR.

// browserPath finds Chromium, or skips (fails in CI) without it.
func browserPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI=true: install it (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); CI=true makes this a failure")
	return ""
}

// browser is one fresh Chromium (its own user-data-dir: no shared
// cookies) with a phone's viewport; requests lists every URL it fetched.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
}

func newBrowser(t *testing.T, exe string, width, height int64) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(width), int(height)),
	}
	// One generous overall limit; every wait below polls a condition.
	limit, cancelLimit := context.WithTimeout(context.Background(), 3*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(limit, opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc(); cancelLimit() })
	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // starts the browser and opens the tab
		t.Fatalf("start chromium: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var u string
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			u = e.Request.URL
		case network.EventRequestWillBeSent:
			u = e.Request.URL
		default:
			return
		}
		b.mu.Lock()
		b.requests = append(b.requests, u)
		b.mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.EmulateViewport(width, height))
	return b
}

func (b *browser) run(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// text is the visible text of the page.
func (b *browser) text(t *testing.T) string { return get(t, b, chromedp.Text(chromedp.CSS("body"))) }

// path is the page's address.
func (b *browser) path(t *testing.T) string { return get(t, b, chromedp.Location()) }

// screenshot writes the page to DIR/name when QW_DASHBOARD_SCREENSHOTS=DIR.
func (b *browser) screenshot(t *testing.T, name string) {
	dir := os.Getenv("QW_DASHBOARD_SCREENSHOTS")
	if dir == "" {
		return
	}
	png := get(t, b, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// miniAppURL is how Telegram opens a Mini App: initData and theme in the fragment.
func miniAppURL(base, initData string, theme map[string]string) string {
	th, _ := json.Marshal(theme)
	return base + "/app/#tgWebAppData=" + url.QueryEscape(initData) + "&tgWebAppVersion=8.0&tgWebAppPlatform=android&tgWebAppThemeParams=" + url.QueryEscape(string(th))
}

func TestBrowserLeaderAndHead(t *testing.T) {
	t.Parallel()
	exe := browserPath(t)
	f := newFixture(t)
	base := f.server.URL

	// A leader opens the Mini App with a dark theme.
	leader := newBrowser(t, exe, 412, 915)
	dark := map[string]string{"bg_color": "#17212b", "text_color": "#f5f5f5", "hint_color": "#708499", "link_color": "#6ab3f3",
		"button_color": "#5288c1", "button_text_color": "#ffffff", "secondary_bg_color": "#232e3c"}
	leader.run(t,
		chromedp.Navigate(miniAppURL(base, f.initData("leader", f.now.Add(-time.Minute)), dark)),
		chromedp.WaitVisible(chromedp.CSS("table.opds")),
	)
	path := leader.path(t)
	bg := get(t, leader, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if !strings.HasSuffix(path, "/app/month") {
		t.Errorf("leader landed on %s, want the month", path)
	}
	if bg != "rgb(23, 33, 43)" {
		t.Errorf("Telegram's bg_color not applied: body background %q", bg)
	}
	text := leader.text(t)
	for _, want := range []string{"Evaluasi April 2027", "Dinas Kesehatan", "Dinas Pendidikan", "Rakor", "Peringkat"} {
		if !strings.Contains(text, want) {
			t.Errorf("leader's month lacks %q", want)
		}
	}
	// The month selector applies at once (static/app.js), by keyboard too.
	leader.run(t,
		// ArrowDown picks the next option, the month before (newest first).
		chromedp.SendKeys(chromedp.CSS(`select[name="m"]`), kb.ArrowDown),
		chromedp.WaitVisible(`//h1[contains(., "Maret 2027")]`),
	)
	leader.screenshot(t, "dashboard-month.png")
	leader.run(t, chromedp.Click(`//a[contains(., "Dinas Kesehatan")]`), chromedp.WaitVisible(chromedp.CSS("ul.qws")))
	leader.screenshot(t, "dashboard-opd.png")
	leader.run(t, chromedp.Click(`//a[contains(., "stunting")]`), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	text = leader.text(t)
	for _, want := range []string{"Target triwulan", "Bagaimana dengan desa lokus?", "berita-acara.pdf", "Riwayat"} {
		if !strings.Contains(text, want) {
			t.Errorf("quick win page lacks %q", want)
		}
	}
	leader.screenshot(t, "dashboard-quickwin.png")
	leader.run(t, chromedp.Navigate(base+"/app/leaderboard"), chromedp.WaitVisible(chromedp.CSS("svg.spark")))
	leader.screenshot(t, "dashboard-leaderboard.png")

	// The Rakor view on a projector: arrow keys move between slides.
	leader.run(t, chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/app/rakor?m=2027-03"), chromedp.WaitVisible(chromedp.CSS("#next")))
	leader.screenshot(t, "dashboard-rakor.png")
	leader.run(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.WaitVisible(`//p[contains(., "2/4")]`))
	if path := leader.path(t); !strings.Contains(path, "i=1") {
		t.Errorf("ArrowRight went to %s", path)
	}
	leader.screenshot(t, "dashboard-rakor-opd.png")
	leader.run(t, chromedp.KeyEvent(kb.ArrowLeft), chromedp.WaitVisible(`//p[contains(., "1/4")]`))

	// A head opens it in a fresh browser (light theme): their own OPD.
	head := newBrowser(t, exe, 412, 915)
	head.run(t,
		chromedp.Navigate(miniAppURL(base, f.initData("head", f.now.Add(-time.Minute)), map[string]string{"bg_color": "#ffffff"})),
		chromedp.WaitVisible(chromedp.CSS("ul.qws")),
	)
	if path := head.path(t); !strings.HasSuffix(path, "/app/opd/DINKES") {
		t.Errorf("head landed on %s", path)
	}
	head.screenshot(t, "dashboard-head.png")
	text = head.text(t)
	if !strings.Contains(text, "Posyandu aktif") || strings.Contains(text, "Sekolah ramah anak") || strings.Contains(text, "Rakor") {
		t.Errorf("head's page:\n%s", text)
	}
	head.run(t, chromedp.Navigate(base+"/app/month"), chromedp.WaitVisible(chromedp.CSS("section.error")))
	if text := head.text(t); !strings.Contains(text, "403") || strings.Contains(text, "Dinas Pendidikan") {
		t.Errorf("head on the month page:\n%s", text)
	}
	head.run(t, chromedp.Navigate(base+"/app/qw/"+f.qw["schools"].ID), chromedp.WaitVisible(chromedp.CSS("section.error")))
	if text := head.text(t); strings.Contains(text, "Sekolah ramah anak") {
		t.Errorf("head sees another OPD's quick win:\n%s", text)
	}
	head.screenshot(t, "dashboard-forbidden.png")

	// Nothing was fetched from anywhere but the dashboard itself.
	for _, b := range []*browser{leader, head} {
		b.mu.Lock()
		for _, u := range b.requests {
			if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
				t.Errorf("outside request: %s", u)
			}
		}
		b.mu.Unlock()
	}
}

// TestBrowserReplayedInitDataShowsAPage: the same initData in a second
// browser is refused with a page, and the page does not loop.
func TestBrowserReplayedInitDataShowsAPage(t *testing.T) {
	t.Parallel()
	exe := browserPath(t)
	f := newFixture(t)
	initData := f.initData("leader", f.now.Add(-time.Minute))
	first := newBrowser(t, exe, 412, 915)
	first.run(t, chromedp.Navigate(miniAppURL(f.server.URL, initData, nil)), chromedp.WaitVisible(chromedp.CSS("table.opds")))
	second := newBrowser(t, exe, 412, 915)
	second.run(t, chromedp.Navigate(miniAppURL(f.server.URL, initData, nil)), chromedp.WaitVisible(chromedp.CSS("section.error")))
	if text := second.text(t); !strings.Contains(text, "sudah pernah dipakai") || strings.Contains(text, "Dinas") {
		t.Errorf("replay:\n%s", text)
	}
}
