package dashboard

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"quickwin"
)

// TestPagesByRole opens every page as every role and checks SPEC §3:
// admins and leaders see everything of their tenant, heads and staff their
// own OPD and the leaderboard, a member of another tenant nothing of this
// one (404: its ids do not exist there).
func TestPagesByRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	stunting, schools := f.qw["stunting"].ID, f.qw["schools"].ID
	pages := []struct {
		name, path string
		want       map[string]int // by role; missing: 200
		shows      string         // text a page that is allowed shows
	}{
		{"month", "/app/month?m=2027-03", map[string]int{"head": 403, "staff": 403, "head2": 403}, "Dinas Pendidikan"},
		{"opd own", "/app/opd/DINKES?m=2027-03", map[string]int{"head2": 403, "other": 200}, "DINKES"},
		{"opd other", "/app/opd/DISDIK", map[string]int{"head": 403, "staff": 403, "other": 404}, "DISDIK"},
		{"opd unknown", "/app/opd/NOSUCH", map[string]int{"admin": 404, "leader": 404, "head": 403, "staff": 403, "head2": 403, "other": 404}, ""},
		{"quick win", "/app/qw/" + stunting, map[string]int{"head2": 403, "other": 404}, "Turunkan prevalensi stunting"},
		{"history", "/app/qw/" + stunting + "/history", map[string]int{"head2": 403, "other": 404}, "Sekda Herman"},
		{"quick win other OPD", "/app/qw/" + schools, map[string]int{"head": 403, "staff": 403, "other": 404}, "Sekolah ramah anak"},
		{"history other tenant", "/app/qw/" + f.otherQW.ID + "/history", map[string]int{"admin": 404, "leader": 404, "head": 404, "staff": 404, "head2": 404, "other": 200}, "Rahasia Siak"},
		{"quick win other tenant", "/app/qw/" + f.otherQW.ID, map[string]int{"admin": 404, "leader": 404, "head": 404, "staff": 404, "head2": 404, "other": 200}, "Rahasia Siak"},
		{"leaderboard", "/app/leaderboard", nil, "🥇"},
		{"rakor", "/app/rakor?m=2027-03", map[string]int{"head": 403, "staff": 403, "head2": 403}, "Rakor"},
		{"rakor slide", "/app/rakor?m=2027-03&i=1", map[string]int{"head": 403, "staff": 403, "head2": 403}, "Dinas"},
		{"rakor past the end", "/app/rakor?m=2027-03&i=4", map[string]int{"admin": 404, "leader": 404, "head": 403, "staff": 403, "head2": 403, "other": 404}, ""},
		{"evidence without archive", "/app/evidence/x/0", map[string]int{"admin": 404, "leader": 404, "head": 404, "staff": 404, "head2": 404, "other": 404}, ""},
	}
	secret := []string{"Rahasia Siak", "Dinkes Siak"} // tenant 2's data
	for _, role := range []string{"admin", "leader", "head", "staff", "head2", "other"} {
		c := f.signIn(role)
		for _, p := range pages {
			want := 200
			if w, ok := p.want[role]; ok {
				want = w
			}
			got := f.get(c, p.path)
			if got.status != want {
				t.Errorf("%s %s: status %d, want %d", role, p.name, got.status, want)
				continue
			}
			// Tenant 2's admin sees tenant 2's own pages, with other names.
			if want == 200 && p.shows != "" && (role != "other" || strings.Contains(p.name, "tenant")) && !strings.Contains(got.body, p.shows) {
				t.Errorf("%s %s: page lacks %q", role, p.name, p.shows)
			}
			if want != 200 && (strings.Contains(got.body, "Turunkan") || strings.Contains(got.body, "Sekolah ramah")) {
				t.Errorf("%s %s: a refusal shows data", role, p.name)
			}
			if role != "other" {
				for _, s := range secret {
					if strings.Contains(got.body, s) {
						t.Errorf("%s %s: shows tenant 2's %q", role, p.name, s)
					}
				}
			}
			if csp := got.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s %s: CSP %q", role, p.name, csp)
			}
			if strings.Contains(got.body, "<script>") || strings.Contains(got.body, " style=") || strings.Contains(got.body, "<style") {
				t.Errorf("%s %s: inline script or style", role, p.name)
			}
		}
	}
	// A stranger cannot even sign in, and nobody sees a page without a session.
	stranger := f.client()
	if got := f.post(stranger, "/app/auth", url.Values{"init_data": {f.initData("stranger", f.now.Add(-time.Minute))}}); got.status != 403 || !strings.Contains(got.body, "undangan") {
		t.Errorf("stranger sign-in: %d %s", got.status, got.body)
	}
	for _, p := range pages {
		if got := f.get(stranger, p.path); got.status != 401 || strings.Contains(got.body, "Turunkan") {
			t.Errorf("no session, %s: status %d, want 401", p.name, got.status)
		}
	}
}

func TestHomeByRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for role, want := range map[string]string{"admin": "/app/month", "leader": "/app/month", "head": "/app/opd/DINKES", "staff": "/app/opd/DINKES"} {
		c := f.client()
		got := f.post(c, "/app/auth", url.Values{"init_data": {f.initData(role, f.now.Add(-time.Minute))}, "next": {"https://evil.example/"}})
		if got.status != 303 || got.location != want {
			t.Errorf("%s: %d → %q, want 303 → %q", role, got.status, got.location, want)
		}
		if got := f.get(c, "/app/"); got.location != want {
			t.Errorf("%s landing: → %q, want %q", role, got.location, want)
		}
	}
}

func TestSignInRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	fresh := f.initData("leader", f.now.Add(-time.Minute))
	values, _ := url.ParseQuery(fresh)
	values.Set("user", `{"id":1,"first_name":"admin"}`) // the leader pretends to be the admin
	cases := []struct {
		name, initData string
		status         int
		says           string
	}{
		{"missing", "", 401, "buka dasbor dari chat bot"},
		{"tampered", values.Encode(), 401, "tidak dapat diperiksa"},
		{"wrong bot", UserInitData("999:other", WebAppUser{ID: 2}, f.now), 401, "tidak dapat diperiksa"},
		{"expired", f.initData("leader", f.now.Add(-25*time.Hour)), 401, "lebih dari sehari"},
		{"first use", fresh, 303, ""},
		{"replayed", fresh, 401, "sudah pernah dipakai"},
	}
	for _, k := range cases {
		got := f.post(c, "/app/auth", url.Values{"init_data": {k.initData}})
		if got.status != k.status || !strings.Contains(got.body, k.says) {
			t.Errorf("%s: %d %q, want %d saying %q", k.name, got.status, got.body, k.status, k.says)
		}
		if k.status != 303 && strings.Contains(got.header.Get("Set-Cookie"), SessionCookie+"=") && !strings.Contains(got.header.Get("Set-Cookie"), "Max-Age=0") {
			t.Errorf("%s: a refusal sets a session", k.name)
		}
	}
	// An English-speaking Telegram user reads the refusal in English.
	en := UserInitData(testToken, WebAppUser{ID: 12345, LanguageCode: "en"}, f.now)
	if got := f.post(f.client(), "/app/auth", url.Values{"init_data": {en}}); got.status != 403 || !strings.Contains(got.body, "invite link") {
		t.Errorf("English stranger: %d %s", got.status, got.body)
	}
}

func TestSessionCookie(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	got := f.post(c, "/app/auth", url.Values{"init_data": {f.initData("leader", f.now)}})
	cookie := got.header.Get("Set-Cookie")
	for _, want := range []string{SessionCookie + "=", "HttpOnly", "SameSite=Lax", "Path=/app/", "Max-Age=3600"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %q", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("cookie on plain HTTP without SecureCookies is Secure: %q", cookie)
	}
	// A forged cookie: the leader's session edited to the admin's id.
	forged := f.client()
	u, _ := url.Parse(f.server.URL + "/app/")
	forged.Jar.SetCookies(u, []*http.Cookie{{Name: SessionCookie, Value: sign("guessed-token", purposeSession, signedValue{MemberID: f.members["admin"].ID, Expires: f.now.Add(time.Hour)})}})
	if got := f.get(forged, "/app/month"); got.status != 401 {
		t.Errorf("forged session: %d", got.status)
	}
	// The session ends after SessionTTL without requests.
	f.now = f.now.Add(SessionTTL + time.Second)
	if got := f.get(c, "/app/month"); got.status != 401 || !strings.Contains(got.body, "Sesi Anda telah berakhir") {
		t.Errorf("expired session: %d", got.status)
	}
}

func TestSecureCookieBehindHTTPS(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.handler.cfg.SecureCookies = true
	got := f.post(f.client(), "/app/auth", url.Values{"init_data": {f.initData("leader", f.now)}})
	if !strings.Contains(got.header.Get("Set-Cookie"), "Secure") {
		t.Errorf("cookie %q is not Secure", got.header.Get("Set-Cookie"))
	}
}

func TestDeactivatedMemberLosesAccessAtNextRequest(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signIn("head")
	if got := f.get(c, "/app/opd/DINKES"); got.status != 200 {
		t.Fatalf("before: %d", got.status)
	}
	if err := f.s.DeactivateMember(ctx, f.members["admin"], f.members["head"].ID); err != nil {
		t.Fatal(err)
	}
	got := f.get(c, "/app/opd/DINKES")
	if got.status != 403 || strings.Contains(got.body, "Posyandu") || !strings.Contains(got.body, "tidak aktif") {
		t.Errorf("after deactivation: %d %s", got.status, got.body)
	}
	// Nor can they sign in again.
	f.now = f.now.Add(time.Minute)
	if got := f.post(f.client(), "/app/auth", url.Values{"init_data": {f.initData("head", f.now)}}); got.status != 403 {
		t.Errorf("sign-in after deactivation: %d", got.status)
	}
}

func TestLinkToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tok := LinkToken(testToken, f.members["staff"].ID, f.now)
	c := f.client()
	got := f.get(c, "/app/link?token="+url.QueryEscape(tok))
	if got.status != 303 || got.location != "/app/opd/DINKES" {
		t.Fatalf("link: %d → %q", got.status, got.location)
	}
	if got := f.get(c, "/app/opd/DINKES"); got.status != 200 || !strings.Contains(got.body, "My OPD") {
		t.Errorf("staff (English) after link: %d", got.status)
	}
	if got := f.get(f.client(), "/app/link?token="+url.QueryEscape(tok)); got.status != 401 {
		t.Errorf("link used twice: %d", got.status)
	}
	f.now = f.now.Add(LinkTTL)
	if got := f.get(f.client(), "/app/link?token="+url.QueryEscape(LinkToken(testToken, f.members["staff"].ID, f.now.Add(-LinkTTL)))); got.status != 401 {
		t.Errorf("expired link: %d", got.status)
	}
	if got := f.get(f.client(), "/app/link?token=garbage"); got.status != 401 {
		t.Errorf("garbage link: %d", got.status)
	}
}

func TestOddQueryParameters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signIn("leader")
	for _, path := range []string{
		"/app/month?m=2027-13", "/app/month?m=abc", "/app/month?m=2027-3", "/app/month?m=2027-03&m=2027-04",
		"/app/month?sort=evil", "/app/month?dir=sideways", "/app/rakor?i=-1", "/app/rakor?i=999", "/app/rakor?i=x",
		"/app/opd/dinkes", "/app/qw/..%2F..%2Fetc", "/app/nosuchpage", "/app/static/nosuch.js",
	} {
		got := f.get(c, path)
		if got.status != 404 || !strings.Contains(got.body, "tidak ada") {
			t.Errorf("%s: %d, want 404 with a short page", path, got.status)
		}
	}
	// Parameters a page does not know are ignored.
	if got := f.get(c, "/app/month?m=2027-03&tgWebAppStartParam=x"); got.status != 200 {
		t.Errorf("unknown parameter: %d", got.status)
	}
	for _, sort := range monthSorts {
		if got := f.get(c, "/app/month?m=2027-03&dir=desc&sort="+sort); got.status != 200 {
			t.Errorf("sort %s: %d", sort, got.status)
		}
	}
}

// TestPageContent checks what the pages say on the fixture's numbers.
func TestPageContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signIn("leader")
	month := f.get(c, "/app/month?m=2027-03&sort=mean&dir=desc")
	if !contains(month.body, "Evaluasi Maret 2027", "Dinas Kesehatan", "Dinas Pendidikan", "Dinas PU &amp; Penataan Ruang", "<svg class=\"bands\"", "Tinggi") {
		t.Errorf("month page:\n%s", month.body)
	}
	if i, j := strings.Index(month.body, "Dinas Kesehatan"), strings.Index(month.body, "Dinas Pendidikan"); i < 0 || j < i {
		t.Errorf("sorted by mean descending: DINKES (%d) should come before DISDIK (%d)", i, j)
	}
	qw := f.get(c, "/app/qw/"+f.qw["stunting"].ID)
	if !contains(qw.body, "<svg class=\"chart\"", "TW I", "TW IV", "Pendataan balita", "Bagaimana dengan desa lokus?", "Sudah dikunjungi 12 dari 14 desa.",
		"berita-acara.pdf", "Foto", "Terverifikasi", "Riwayat", "IKU 3.1", "Realisasi sesuai rencana &lt;b&gt;kerja&lt;/b&gt;", "Sekda Herman") {
		t.Errorf("quick win page:\n%s", qw.body)
	}
	if strings.Contains(qw.body, "<img") {
		t.Error("thumbnails without an evidence archive")
	}
	// The staff member reads English: quarters are Q1–Q4, not TW I–IV.
	if en := f.get(f.signIn("staff"), "/app/qw/"+f.qw["stunting"].ID); !contains(en.body, "<td>Q1</td>", "<td>Q4</td>") || strings.Contains(en.body, "TW I") {
		t.Errorf("English quick win page:\n%s", en.body)
	}
	history := f.get(c, "/app/qw/"+f.qw["stunting"].ID+"/history")
	if !contains(history.body, "Pertanyaan diajukan", "Sekda Herman", "Quick win dibuat", "Admin Bappeda") {
		t.Errorf("history page:\n%s", history.body)
	}
	board := f.get(c, "/app/leaderboard")
	if !contains(board.body, "🥇", "🥈", "🥉", "<svg class=\"spark\"", "pergerakan sejak") {
		t.Errorf("leaderboard:\n%s", board.body)
	}
	if def := f.get(c, "/app/rakor"); !strings.Contains(def.body, "Maret 2027") {
		t.Error("the Rakor view does not start from last month")
	}
	rakor := f.get(c, "/app/rakor?m=2027-03&i=1")
	if !contains(rakor.body, `id="next"`, `id="prev"`, `data-keys="1"`, "class=\"projector\"") {
		t.Errorf("rakor:\n%s", rakor.body)
	}
	for name, body := range map[string]string{"month": month.body, "qw": qw.body, "board": board.body, "rakor": rakor.body} {
		if len(body) > 100<<10 {
			t.Errorf("%s page is %d bytes, over 100 KB", name, len(body))
		}
		// No CDN and no outside request: every address is the dashboard's own.
		if m := outsideAddress.FindString(body); m != "" {
			t.Errorf("%s page loads %s from outside", name, m)
		}
	}
}

// fakeArchive stands in for the evidence archive another engineer builds.
type fakeArchive struct{}

func (fakeArchive) Open(_ context.Context, tenantID string, ev quickwin.Evidence) (io.ReadCloser, string, error) {
	if ev.Kind == "photo" {
		return io.NopCloser(bytes.NewReader([]byte("\x89PNG fake " + ev.FileID))), "image/png", nil
	}
	return io.NopCloser(strings.NewReader("%PDF fake")), "application/pdf", nil
}

func TestEvidenceThroughTheArchiveSeam(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.handler.cfg.Evidence = fakeArchive{}
	reps, err := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{QuickWinID: f.qw["stunting"].ID})
	if err != nil || len(reps) == 0 {
		t.Fatal(err)
	}
	photo := "/app/evidence/" + reps[0].ID + "/0"
	head := f.signIn("head")
	page := f.get(head, "/app/qw/"+f.qw["stunting"].ID)
	if !strings.Contains(page.body, `<img src="`+photo+`"`) {
		t.Errorf("no thumbnail %s in the page", photo)
	}
	got := f.get(head, photo)
	if got.status != 200 || got.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(got.body, "\x89PNG") {
		t.Errorf("photo: %d %s", got.status, got.header.Get("Content-Type"))
	}
	doc := f.get(head, "/app/evidence/"+reps[0].ID+"/1")
	if doc.status != 200 || doc.header.Get("Content-Disposition") != "attachment" {
		t.Errorf("a document must download, not show: %d %v", doc.status, doc.header)
	}
	if got := f.get(head, "/app/evidence/"+reps[0].ID+"/2"); got.status != 404 {
		t.Errorf("evidence past the end: %d", got.status)
	}
	if got := f.get(f.signIn("head2"), photo); got.status != 403 {
		t.Errorf("another OPD's head: %d", got.status)
	}
	if got := f.get(f.signIn("other"), photo); got.status != 404 {
		t.Errorf("another tenant: %d", got.status)
	}
}

// outsideAddress finds a page's references to another origin.
var outsideAddress = regexp.MustCompile(`(?i)(src|href|action)="(https?:)?//[^"]*"`)
