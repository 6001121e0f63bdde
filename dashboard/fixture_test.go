package dashboard

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

var ctx = context.Background()

const testToken = "123456:TEST-token-of-the-bot"

var jakarta = storetest.Jakarta

func day(y int, m time.Month, d int) time.Time { return storetest.Day(y, m, d) }

// fixtureNow is when the pages are looked at: Monday 5 April 2027, 08:00 WIB.
var fixtureNow = time.Date(2027, 4, 5, 8, 0, 0, 0, jakarta)

// fixture is a small regency built through the store's services, with a
// member of every role, a stranger, and a second tenant.
type fixture struct {
	t       *testing.T
	s       *store.Store
	now     time.Time
	tenant  *quickwin.Tenant
	members map[string]*quickwin.Member // admin, leader, head (DINKES), staff (DINKES), head2 (DISDIK), other (admin of tenant 2)
	tgIDs   map[string]int64            // the same, plus stranger
	qw      map[string]*quickwin.QuickWin
	otherQW *quickwin.QuickWin // of tenant 2
	handler *Handler
	server  *httptest.Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := storetest.New(t)
	f := &fixture{t: t, s: s, members: map[string]*quickwin.Member{}, tgIDs: map[string]int64{"stranger": 999},
		qw: map[string]*quickwin.QuickWin{}, now: day(2026, 12, 15).Add(10 * time.Hour)}
	s.Clock = quickwin.ClockFunc(func() time.Time { return f.now })
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.tenant, err = s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
	must(err)
	admin, err := s.EnsureAdmin(ctx, f.tenant.ID, 1)
	must(err)
	must(s.UpdateMemberProfile(ctx, admin.ID, quickwin.TelegramUser{ID: 1, Name: "Admin Bappeda"}))
	f.members["admin"], f.tgIDs["admin"] = admin, 1
	for _, o := range []struct{ code, name string }{{"DINKES", "Dinas Kesehatan"}, {"DISDIK", "Dinas Pendidikan"}, {"DPUPR", "Dinas PU & Penataan Ruang"}} {
		_, err := s.CreateOPD(ctx, admin, quickwin.OPD{TenantID: f.tenant.ID, Code: o.code, Name: o.name})
		must(err)
	}
	join := func(key string, tg int64, role quickwin.Role, opd, name, lang string) {
		inv, err := s.CreateInvite(ctx, admin, role, opd)
		must(err)
		m, err := s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: tg, Name: name, Lang: lang})
		must(err)
		f.members[key], f.tgIDs[key] = m, tg
	}
	join("leader", 2, quickwin.RoleLeader, "", "Sekda Herman", "id")
	join("head", 3, quickwin.RoleHead, "DINKES", "dr. Siti Rahma", "id")
	join("staff", 4, quickwin.RoleStaff, "DINKES", "Operator Dinkes", "en")
	join("head2", 5, quickwin.RoleHead, "DISDIK", "Drs. Asep", "id")

	other, err := s.CreateTenant(ctx, quickwin.Tenant{Name: "Kabupaten Siak", TimeZone: "Asia/Jakarta", Lang: "id"})
	must(err)
	otherAdmin, err := s.EnsureAdmin(ctx, other.ID, 50)
	must(err)
	f.members["other"], f.tgIDs["other"] = otherAdmin, 50
	_, err = s.CreateOPD(ctx, otherAdmin, quickwin.OPD{TenantID: other.ID, Code: "DINKES", Name: "Dinkes Siak"})
	must(err)
	oc := quickwin.QuickWin{TenantID: other.ID, OPDCode: "DINKES", Title: "Rahasia Siak", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 10, Unit: "desa", Start: day(2027, 1, 1), Deadline: day(2027, 6, 30), Status: quickwin.StatusActive}
	must(s.CreateQuickWin(ctx, otherAdmin, &oc))
	f.otherQW = &oc

	y := 2027
	create := func(key string, c quickwin.QuickWin) {
		c.TenantID, c.Status = f.tenant.ID, quickwin.StatusActive
		must(s.CreateQuickWin(ctx, admin, &c))
		f.qw[key] = &c
	}
	create("stunting", quickwin.QuickWin{OPDCode: "DINKES", Title: "Turunkan prevalensi stunting <5 tahun", Kind: quickwin.KindNumeric,
		Direction: quickwin.LowerIsBetter, Baseline: 24, Target: 20, Unit: "%", Start: day(y, 1, 1), Deadline: day(y, 12, 31),
		Quarters: &quickwin.QuarterTargets{Values: [4]float64{23, 22, 21, 20}}, Indicator: "IKU 3.1 Prevalensi stunting",
		Steps: []quickwin.Step{{Title: "Pendataan balita", Owner: "Seksi Gizi", Due: day(y, 1, 31)}, {Title: "Pemberian makanan tambahan", Owner: "Puskesmas", Due: day(y, 3, 31)}}})
	create("posyandu", quickwin.QuickWin{OPDCode: "DINKES", Title: "Posyandu aktif & terlatih", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Baseline: 20, Target: 100, Unit: "posyandu", Start: day(y, 1, 1), Deadline: day(y, 3, 31)})
	create("schools", quickwin.QuickWin{OPDCode: "DISDIK", Title: "Sekolah ramah anak", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Baseline: 10, Target: 50, Unit: "sekolah", Start: day(y, 1, 1), Deadline: day(y, 6, 30)})
	create("app", quickwin.QuickWin{OPDCode: "DPUPR", Title: "Aplikasi izin bangunan", Kind: quickwin.KindMilestone,
		Start: day(y, 1, 1), Deadline: day(y, 5, 31), Steps: []quickwin.Step{
			{Title: "Analisis kebutuhan", Due: day(y, 1, 20)}, {Title: "Pengembangan", Due: day(y, 3, 20)}, {Title: "Peluncuran", Due: day(y, 5, 31)}}})

	report := func(key string, at time.Time, value float64, verify bool, steps ...int) *quickwin.Report {
		f.now = at
		c, err := s.QuickWin(ctx, f.tenant.ID, f.qw[key].ID)
		must(err)
		r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Note: "Realisasi sesuai rencana <b>kerja</b>",
			Evidence: []quickwin.Evidence{{FileID: "AgAC-" + c.Code, Kind: "photo"}, {FileID: "BQAC-" + c.Code, Kind: "document", FileName: "berita-acara.pdf"}}}
		if c.Kind == quickwin.KindNumeric {
			r.Value = &value
		}
		for _, i := range steps {
			r.StepsDone = append(r.StepsDone, c.Steps[i].ID)
		}
		reporter := f.members["head"]
		if c.OPDCode != "DINKES" {
			reporter = admin
		}
		_, err = s.CreateReport(ctx, reporter, r)
		must(err)
		if verify {
			_, err = s.VerifyReport(ctx, admin, f.tenant.ID, r.ID)
			must(err)
		}
		return r
	}
	report("stunting", day(y, 1, 25).Add(10*time.Hour), 23.5, true)
	report("stunting", day(y, 2, 25).Add(10*time.Hour), 22.8, true)
	report("stunting", day(y, 3, 25).Add(10*time.Hour), 21.9, true)
	report("posyandu", day(y, 2, 20).Add(9*time.Hour), 45, true)
	report("schools", day(y, 3, 20).Add(9*time.Hour), 30, false)
	report("app", day(y, 1, 18).Add(9*time.Hour), 0, true, 0)

	f.now = day(y, 3, 26).Add(9 * time.Hour)
	q, err := s.AskQuestion(ctx, f.members["leader"], f.tenant.ID, f.qw["stunting"].ID, "Bagaimana dengan desa lokus?")
	must(err)
	_, err = s.AnswerQuestion(ctx, f.members["head"], f.tenant.ID, q.ID, "Sudah dikunjungi 12 dari 14 desa.")
	must(err)

	for i, w := range []int{10, 11, 12, 13} {
		standings := []quickwin.Standing{
			{OPDCode: "DINKES", OPDName: "Dinas Kesehatan", Score: 60 + float64(i)*4, Rank: 1},
			{OPDCode: "DISDIK", OPDName: "Dinas Pendidikan", Score: 55 + float64(i)*2, Rank: 2},
			{OPDCode: "DPUPR", OPDName: "Dinas PU & Penataan Ruang", Score: 40 - float64(i), Rank: 3},
		}
		_, err := s.SaveLeaderboardSnapshot(ctx, f.tenant.ID, 2027, w, day(y, 3, 8+7*i).Add(8*time.Hour), standings)
		must(err)
	}
	f.now = fixtureNow
	f.handler = New(Config{Store: s, BotToken: testToken, Clock: quickwin.ClockFunc(func() time.Time { return f.now }),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Prefix: "/app/"})
	f.server = httptest.NewServer(f.handler)
	t.Cleanup(f.server.Close)
	return f
}

// client is a browser without JavaScript: it keeps cookies and does not
// follow redirects, so that each answer can be checked.
func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// initData is what Telegram would give the member key's Mini App at authDate.
func (f *fixture) initData(key string, authDate time.Time) string {
	return UserInitData(testToken, WebAppUser{ID: f.tgIDs[key], FirstName: key, LanguageCode: "id"}, authDate)
}

// signIn posts initData and returns the client (signed in on 303).
func (f *fixture) signIn(key string) *http.Client {
	f.t.Helper()
	c := f.client()
	res := f.post(c, "/app/auth", url.Values{"init_data": {f.initData(key, f.now.Add(-time.Minute))}})
	if res.status != http.StatusSeeOther {
		f.t.Fatalf("sign in as %s: status %d, want 303: %s", key, res.status, res.body)
	}
	return c
}

type answer struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (f *fixture) get(c *http.Client, path string) answer {
	f.t.Helper()
	res, err := c.Get(f.server.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	return read(f.t, res)
}

func (f *fixture) post(c *http.Client, path string, form url.Values) answer {
	f.t.Helper()
	res, err := c.PostForm(f.server.URL+path, form)
	if err != nil {
		f.t.Fatal(err)
	}
	return read(f.t, res)
}

func read(t *testing.T, res *http.Response) answer {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: res.StatusCode, body: string(b), location: res.Header.Get("Location"), header: res.Header}
}

func contains(body string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(body, p) {
			return false
		}
	}
	return true
}
