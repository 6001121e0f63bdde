package digest

import (
	"context"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

var ctx = context.Background()

var jakarta = storetest.Jakarta

// day is midnight of a calendar day in Jakarta, as the bot stores dates.
func day(y int, m time.Month, d int) time.Time { return storetest.Day(y, m, d) }

// digestNow is when the March 2027 digest and the leaderboard are made:
// Monday 5 April 2027, 08:00 WIB (ISO week 14).
var digestNow = time.Date(2027, 4, 5, 8, 0, 0, 0, jakarta)

// fixture is a small regency built through the store's own services, so
// that the reports, their verification and the quick wins' current state
// are what the bot would have stored.
type fixture struct {
	s      *store.Store
	tenant *quickwin.Tenant
	admin  *quickwin.Member
	heads  map[string]*quickwin.Member
	now    time.Time
	t      *testing.T
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := storetest.New(t)
	f := &fixture{s: s, t: t, heads: map[string]*quickwin.Member{}, now: day(2026, 12, 1).Add(9 * time.Hour)}
	s.Clock = quickwin.ClockFunc(func() time.Time { return f.now })
	var err error
	if f.tenant, err = s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	if f.admin, err = s.EnsureAdmin(ctx, f.tenant.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateMemberProfile(ctx, f.admin.ID, quickwin.TelegramUser{ID: 1, Name: "Admin Bappeda"}); err != nil {
		t.Fatal(err)
	}
	opds := []struct{ code, name, head string }{
		{"DINKES", "Dinas Kesehatan", "dr. Siti Rahma"},
		{"DISDIK", "Dinas Pendidikan", "Drs. Asep"},
		{"DPUPR", "Dinas PU & Penataan Ruang", "Ir. Dedi"},
		{"DISKOMINFO", "Dinas Komunikasi dan Informatika", "Rina <Kominfo>"},
		{"BAPPEDA", "Bappeda", "Yusuf"},
		{"INSPEKTORAT", "Inspektorat", "Hendra"},
	}
	for i, o := range opds {
		if _, err := s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: o.code, Name: o.name}); err != nil {
			t.Fatal(err)
		}
		inv, err := s.CreateInvite(ctx, f.admin, quickwin.RoleHead, o.code)
		if err != nil {
			t.Fatal(err)
		}
		if f.heads[o.code], err = s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: int64(100 + i), Name: o.head, Lang: "id"}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// at sets the store's clock.
func (f *fixture) at(t time.Time) *fixture { f.now = t; return f }

func (f *fixture) create(c quickwin.QuickWin) *quickwin.QuickWin {
	f.t.Helper()
	c.TenantID = f.tenant.ID
	if c.Status == "" {
		c.Status = quickwin.StatusActive
	}
	if err := f.s.CreateQuickWin(ctx, f.heads[c.OPDCode], &c); err != nil {
		f.t.Fatal(err)
	}
	return &c
}

func (f *fixture) report(c *quickwin.QuickWin, value float64, steps ...int) *quickwin.Report {
	f.t.Helper()
	r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Note: "laporan rutin",
		Evidence: []quickwin.Evidence{{FileID: "AgACAgUAAxkBAAIB-" + c.Code, Kind: "photo"}}}
	if c.Kind == quickwin.KindNumeric {
		r.Value = &value
	}
	cur, err := f.s.QuickWin(ctx, f.tenant.ID, c.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, i := range steps {
		r.StepsDone = append(r.StepsDone, cur.Steps[i].ID)
	}
	if _, err := f.s.CreateReport(ctx, f.heads[c.OPDCode], r); err != nil {
		f.t.Fatal(err)
	}
	return r
}

func (f *fixture) verify(r *quickwin.Report) {
	f.t.Helper()
	if _, err := f.s.VerifyReport(ctx, f.admin, f.tenant.ID, r.ID); err != nil {
		f.t.Fatal(err)
	}
}

func numeric(opd, title string, dir quickwin.Direction, baseline, target float64, unit string, start, deadline time.Time) quickwin.QuickWin {
	return quickwin.QuickWin{OPDCode: opd, Title: title, Kind: quickwin.KindNumeric, Direction: dir,
		Baseline: baseline, Target: target, Unit: unit, Start: start, Deadline: deadline}
}

// regency builds the golden fixture: March 2027, judged on 5 April 2027.
//
//	DINKES      stunting 22 % against 20 % (90, 🟢); posyandu 45 of 100, due
//	            31 March and not reported in March (late, 🔴); an app whose
//	            third step is due in April (milestone 50 %, 🔴)
//	DISDIK      700 of 1,000 pupils (🟡); 30 of 50 schools due in April
//	            (at risk, 🟠); one starting in May (not judged yet)
//	DPUPR       roads, never reported (silent, at risk)
//	DISKOMINFO  98 % verified (🟢); a milestone finished in February (done)
//	BAPPEDA     8 of 12 documents (🔴), and a draft
//	INSPEKTORAT no quick win
func regency(t *testing.T) *fixture {
	f := newFixture(t)
	y := 2027
	f.at(day(2026, 12, 15).Add(10 * time.Hour))
	stunting := f.create(numeric("DINKES", "Turunkan prevalensi stunting <5 tahun", quickwin.LowerIsBetter, 24, 20, "%", day(y, 1, 1), day(y, 6, 30)))
	posyandu := f.create(numeric("DINKES", "Posyandu aktif & terlatih", quickwin.HigherIsBetter, 20, 100, "posyandu", day(y, 1, 1), day(y, 3, 31)))
	app := f.create(quickwin.QuickWin{OPDCode: "DINKES", Title: "Aplikasi antrean puskesmas", Kind: quickwin.KindMilestone,
		Start: day(y, 1, 1), Deadline: day(y, 5, 31), Steps: []quickwin.Step{
			{Title: "Analisis kebutuhan", Owner: "Seksi Yankes", Due: day(y, 1, 15)},
			{Title: "Pengadaan server", Owner: "Sekretariat", Due: day(y, 2, 28)},
			{Title: "Uji coba di 5 puskesmas", Owner: "Seksi Yankes", Due: day(y, 4, 20)},
			{Title: "Peluncuran", Due: day(y, 5, 31)},
		}})
	pupils := f.create(numeric("DISDIK", "Siswa penerima beasiswa", quickwin.HigherIsBetter, 0, 1000, "siswa", day(y, 2, 1), day(y, 12, 31)))
	schools := f.create(numeric("DISDIK", "Sekolah ramah anak", quickwin.HigherIsBetter, 10, 50, "sekolah", day(y, 1, 1), day(y, 4, 30)))
	f.create(numeric("DISDIK", "Perpustakaan keliling", quickwin.HigherIsBetter, 0, 12, "desa", day(y, 5, 1), day(y, 12, 31)))
	f.create(numeric("DPUPR", "Jalan desa mantap", quickwin.HigherIsBetter, 0, 10, "km", day(y, 1, 1), day(y, 9, 30)))
	portal := f.create(numeric("DISKOMINFO", "Layanan daring terintegrasi", quickwin.HigherIsBetter, 40, 100, "%", day(y, 1, 1), day(y, 6, 30)))
	wifi := f.create(quickwin.QuickWin{OPDCode: "DISKOMINFO", Title: "Wi-Fi di alun-alun", Kind: quickwin.KindMilestone,
		Start: day(y, 1, 1), Deadline: day(y, 3, 31), Steps: []quickwin.Step{
			{Title: "Pemasangan", Due: day(y, 1, 31)}, {Title: "Peresmian", Due: day(y, 2, 28)},
		}})
	docs := f.create(numeric("BAPPEDA", "Dokumen perencanaan tepat waktu", quickwin.HigherIsBetter, 0, 12, "dokumen", day(y, 3, 1), day(y, 12, 31)))
	f.create(quickwin.QuickWin{OPDCode: "BAPPEDA", Title: "Rancangan yang belum diajukan", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 1, Start: day(y, 1, 1), Deadline: day(y, 12, 31), Status: quickwin.StatusDraft})

	f.at(day(y, 1, 10).Add(9 * time.Hour))
	f.verify(f.report(app, 0, 0))
	f.at(day(y, 1, 30).Add(9 * time.Hour))
	f.verify(f.report(wifi, 0, 0))
	f.at(day(y, 2, 20).Add(9 * time.Hour))
	f.verify(f.report(posyandu, 45))
	f.verify(f.report(wifi, 0, 1)) // finishes it: done
	f.at(day(y, 3, 5).Add(9 * time.Hour))
	f.verify(f.report(app, 0, 1)) // the server came a week late
	f.at(day(y, 3, 10).Add(14 * time.Hour))
	f.report(pupils, 700) // never verified: counts for 14 days only
	f.at(day(y, 3, 25).Add(10 * time.Hour))
	f.verify(f.report(stunting, 22))
	f.verify(f.report(schools, 30))
	f.verify(f.report(portal, 98))
	f.at(day(y, 3, 28).Add(11 * time.Hour))
	r := f.report(docs, 8)
	if _, err := f.s.ReturnReport(ctx, f.admin, f.tenant.ID, r.ID, "foto tidak jelas"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CorrectReport(ctx, f.heads["BAPPEDA"], f.tenant.ID, r.ID, &[]float64{8}[0], "foto diganti", nil); err != nil {
		t.Fatal(err)
	}
	f.verify(r)
	f.at(digestNow)
	return f
}

// publisher renders from the fixture's store with the fixture's clock.
func (f *fixture) publisher() *Publisher {
	return New(f.s, quickwin.ClockFunc(func() time.Time { return f.now }))
}
