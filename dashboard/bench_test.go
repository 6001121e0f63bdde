package dashboard

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

// BenchmarkPages times each page's server time (session check, reads,
// judging, rendering) for one regency on the embedded database: 40 OPDs ×
// 25 quick wins with 12 months of reports (≈ 10,800 reports, two audit
// entries each) and 12 weekly leaderboard snapshots, with the store's
// copies a running system has (report books, histories; the OPD summaries
// are made by the first page after a start). Seeding happens inside, so plain `go test`
// never pays for it.
//
//	go test ./dashboard -run '^$' -bench Pages -benchtime 5x
//
// See docs/BENCHMARKS.md (and docs/BENCHMARKS-dashperf.md) for the figures.
func BenchmarkPages(b *testing.B) {
	s, members, _ := seedRegency(b)
	now := time.Date(2028, 1, 5, 8, 0, 0, 0, jakarta)
	for _, cache := range []struct {
		name string
		ttl  time.Duration
	}{{"cold", -1}, {"warm", time.Hour}} {
		h := New(Config{Store: s, BotToken: testToken, Clock: quickwin.ClockFunc(func() time.Time { return now }), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), CacheTTL: cache.ttl})
		benchPages(b, h, cache.name, members, now)
	}
}

func benchPages(b *testing.B, h *Handler, cache string, members map[string]string, now time.Time) {
	for _, p := range []struct{ name, role, path string }{
		{"month", "leader", "/app/month?m=2027-12"},
		{"month-sorted", "leader", "/app/month?m=2027-12&sort=mean&dir=desc"},
		{"opd", "head", "/app/opd/OPD01?m=2027-12"},
		// Quick wins stored in the middle and last: a look-up by _id makes
		// the embedded database (SQLite) read the _id of each document
		// stored before it.
		{"quickwin", "leader", "/app/qw/t00-OPD20-13"},
		{"quickwin-other", "leader", "/app/qw/t00-OPD40-25"},
		{"history", "leader", "/app/qw/t00-OPD20-13/history"},
		{"leaderboard", "head", "/app/leaderboard"},
		{"rakor-overview", "leader", "/app/rakor?m=2027-12"},
		{"rakor-opd", "leader", "/app/rakor?m=2027-12&i=1"},
	} {
		cookie := &http.Cookie{Name: SessionCookie, Value: sign(testToken, purposeSession, signedValue{MemberID: members[p.role], Expires: now.Add(SessionTTL)})}
		var size int
		open := func(b *testing.B) {
			req := httptest.NewRequest("GET", p.path, nil)
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("%s: %d %s", p.path, rec.Code, rec.Body.String())
			}
			size = rec.Body.Len()
		}
		b.Run(cache+"/"+p.name, func(b *testing.B) {
			// Before the first b.Loop, untimed: fills the cache when there is
			// one, and makes the store's copies (summaries, report books,
			// histories) the seeding did not; reported as first-ms.
			start := time.Now()
			open(b)
			first := time.Since(start)
			for b.Loop() {
				open(b)
			}
			b.ReportMetric(float64(size)/1024, "KB/page")
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
		})
	}
}

// seedRegency fills a fresh database through InsertMany (far faster than
// the services) and returns the store, the member ids by role and one
// quick win's id.
func seedRegency(b *testing.B) (*store.Store, map[string]string, string) {
	b.Helper()
	s, insert := storetest.Seeded(b)
	const tenant = "t00"
	rnd := rand.New(rand.NewPCG(1, 7))
	var opds, commitments, reports, audit, snapshots []any
	y := 2027
	for o := 1; o <= 40; o++ {
		code := fmt.Sprintf("OPD%02d", o)
		opds = append(opds, quickwin.OPD{ID: tenant + "-" + code, TenantID: tenant, Code: code, Name: fmt.Sprintf("Dinas Urusan Pemerintahan Nomor %02d", o), Active: true})
		for n := 1; n <= 25; n++ {
			c := quickwin.QuickWin{ID: fmt.Sprintf("%s-%s-%02d", tenant, code, n), TenantID: tenant, Code: quickwin.QuickWinCode(code, n), OPDCode: code,
				Title: fmt.Sprintf("Quick win %d dengan judul yang cukup panjang & jelas", n), Year: y, Kind: quickwin.KindNumeric,
				Direction: quickwin.HigherIsBetter, Target: 100, Unit: "%", Start: day(y, 1, 1), Deadline: day(y, time.Month(3+rnd.IntN(10)), 1+rnd.IntN(28)),
				Status: quickwin.StatusActive, Description: "Deskripsi quick win untuk ukuran dokumen yang realistis.", CreatedBy: "m-head"}
			if n%5 == 0 {
				c.Kind, c.Direction, c.Target, c.Unit = quickwin.KindMilestone, "", 0, ""
			}
			for st := 0; st < 4; st++ {
				step := quickwin.Step{ID: fmt.Sprintf("s%d", st), Title: fmt.Sprintf("Langkah aksi %d", st+1), Owner: "Seksi", Due: day(y, time.Month(2+3*st), 15)}
				if rnd.IntN(3) > 0 {
					step.DoneAt = step.Due.AddDate(0, 0, rnd.IntN(10)-5)
				}
				c.Steps = append(c.Steps, step)
			}
			for m := 1; m <= 12; m++ {
				if rnd.IntN(10) == 0 {
					continue
				}
				v := float64(rnd.IntN(120))
				at := day(y, time.Month(m), 25).Add(10 * time.Hour)
				r := quickwin.Report{ID: fmt.Sprintf("%s-r%02d", c.ID, m), TenantID: tenant, QuickWinID: c.ID, OPDCode: code, Date: at,
					Note: "Realisasi bulan ini sesuai rencana kerja.", ReporterID: "m-head", State: quickwin.VerifyVerified,
					Evidence: []quickwin.Evidence{{FileID: "AgACAgUAAxkBAAIBY2Z" + c.ID, Kind: "photo"}}, CreatedAt: at, UpdatedAt: at}
				if c.Kind == quickwin.KindNumeric {
					r.Value = &v
				}
				reports = append(reports, r)
				audit = append(audit,
					quickwin.AuditEntry{ID: r.ID + "-a1", TenantID: tenant, At: at, ActorID: "m-head", Action: "report.create", Kind: "report", ObjectID: r.ID},
					quickwin.AuditEntry{ID: r.ID + "-a2", TenantID: tenant, At: at, ActorID: "m-head", Action: "commitment.report", Kind: "commitment", ObjectID: c.ID})
				c.LastValue, c.LastReportAt, c.LastReportID, c.LastState, c.VerifiedValue, c.LastVerifiedAt = r.Value, at, r.ID, r.State, r.Value, at
				c.ReportedMonths = append(c.ReportedMonths, quickwin.MonthKey(at))
				c.ReportChanged()
			}
			commitments = append(commitments, c)
		}
	}
	for w := 41; w <= 52; w++ {
		standings := make([]any, 0, 40)
		for o := 1; o <= 40; o++ {
			standings = append(standings, map[string]any{"opd": fmt.Sprintf("OPD%02d", o), "name": fmt.Sprintf("Dinas Urusan Pemerintahan Nomor %02d", o), "score": float64(40 + (o*w)%50), "rank": o})
		}
		snapshots = append(snapshots, map[string]any{"_id": fmt.Sprintf("%s/%s", tenant, store.WeekKey(y, w)), "tenant": tenant, "week": store.WeekKey(y, w),
			"taken_at": day(y, 10, 1).AddDate(0, 0, 7*(w-41)), "standings": standings})
	}
	members := map[string]string{"leader": "m-leader", "head": "m-head"}
	insert("tenants", []any{quickwin.Tenant{ID: tenant, Name: "Kabupaten Sumedang", TimeZone: "Asia/Jakarta", Lang: "id"}})
	insert("members", []any{
		quickwin.Member{ID: "m-leader", TenantID: tenant, TelegramID: 2, Name: "Sekda", Role: quickwin.RoleLeader, Lang: "id", Active: true},
		quickwin.Member{ID: "m-head", TenantID: tenant, TelegramID: 3, Name: "Kepala OPD01", Role: quickwin.RoleHead, OPDCode: "OPD01", Lang: "id", Active: true},
	})
	insert("opds", opds)
	insert("commitments", commitments)
	insert("reports", reports)
	insert("audit", audit)
	// The report books and histories as `quickwin migrate` makes them
	// (their first reading otherwise costs what the scans of every report
	// and of the audit log in QuickWinReads do, once).
	if _, _, err := s.FillCopies(ctx); err != nil {
		b.Fatal(err)
	}
	insert("leaderboard_snapshots", snapshots)
	b.Logf("seeded 40 OPDs, %d quick wins, %d reports, %d audit entries, %d snapshots", len(commitments), len(reports), len(audit), len(snapshots))
	return s, members, "t00-OPD01-03"
}

// BenchmarkQuickWinReads times the reads of the pages one by one. On the
// embedded database a find by _id alone has SQLite read each document's
// _id up to the match (milliseconds; FerretDB's index on _id is not used),
// and any other filtered find has FerretDB decode every document of the
// collection (tenths of a second at a regency's size).
//
//	go test ./dashboard -run '^$' -bench QuickWinReads -benchtime 5x
func BenchmarkQuickWinReads(b *testing.B) {
	s, _, qwID := seedRegency(b)
	// The quick win stored last: a scan finds it last.
	const lastID = "t00-OPD40-25"
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("QuickWin", func() error { _, err := s.QuickWin(ctx, "t00", qwID); return err })
	run("QuickWin-stored-last", func() error { _, err := s.QuickWin(ctx, "t00", lastID); return err })
	run("Reports-of-quick-win", func() error {
		_, err := s.Reports(ctx, "t00", quickwin.ReportFilter{QuickWinID: lastID})
		return err
	})
	last, err := s.QuickWin(ctx, "t00", lastID)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.QuickWinReports(ctx, last); err != nil {
		b.Fatal(err)
	}
	run("QuickWinReports", func() error { _, err := s.QuickWinReports(ctx, last); return err })
	run("ReportsDated-all", func() error { _, err := s.ReportsDated(ctx, "t00", time.Time{}, time.Time{}); return err })
	if _, err := s.QuickWinHistory(ctx, "t00", lastID); err != nil {
		b.Fatal(err)
	}
	run("QuickWinHistory", func() error { _, err := s.QuickWinHistory(ctx, "t00", lastID); return err })
	run("Audit-scan", func() error { _, err := s.Audit(ctx, "t00", lastID, 0); return err })
	run("TrackedQuickWins", func() error {
		_, err := s.TrackedQuickWins(ctx, "t00", "", quickwin.StatusActive, quickwin.StatusDone)
		return err
	})
	// The first read after a start makes the summaries (the pages' first-ms).
	if _, err := s.TrackedQuickWinsSummarised(ctx, "t00", ""); err != nil {
		b.Fatal(err)
	}
	run("TrackedQuickWinsSummarised", func() error {
		_, err := s.TrackedQuickWinsSummarised(ctx, "t00", "", quickwin.StatusActive, quickwin.StatusDone)
		return err
	})
	run("TrackedQuickWinsSummarised-one-OPD", func() error {
		_, err := s.TrackedQuickWinsSummarised(ctx, "t00", "OPD40", quickwin.StatusActive, quickwin.StatusDone)
		return err
	})
	run("OPDs", func() error { _, err := s.OPDs(ctx, "t00", false); return err })
	run("Questions", func() error { _, err := s.Questions(ctx, "t00", qwID); return err })
	run("Members", func() error { _, err := s.Members(ctx, "t00", false); return err })
	run("OPD", func() error { _, err := s.OPD(ctx, "t00", "OPD01"); return err })
}

// BenchmarkReportWrite times the bot's report write on the same regency:
// a report stored and applied to its quick win, with the store's copies
// (the OPD's summary, the quick win's report book and history) kept up.
//
//	go test ./dashboard -run '^$' -bench ReportWrite -benchtime 5x
func BenchmarkReportWrite(b *testing.B) {
	s, _, _ := seedRegency(b)
	head, err := s.Member(ctx, "m-head")
	if err != nil {
		b.Fatal(err)
	}
	// A running system has its summaries: read them once.
	if _, err := s.TrackedQuickWinsSummarised(ctx, "t00", ""); err != nil {
		b.Fatal(err)
	}
	// A numeric quick win the seeding made valid (its steps fall before
	// its deadline), so that the write is accepted.
	var qw string
	for i := 1; i <= 25 && qw == ""; i++ {
		c, err := s.QuickWin(ctx, "t00", fmt.Sprintf("t00-OPD01-%02d", i))
		if err == nil && c.Kind == quickwin.KindNumeric && c.Validate() == nil {
			qw = c.ID
		}
	}
	n := 0
	b.Run("CreateReport", func(b *testing.B) {
		for b.Loop() {
			n++
			v := float64(n)
			if _, err := s.CreateReport(ctx, head, &quickwin.Report{TenantID: "t00", QuickWinID: qw, Value: &v}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFillCopies times `quickwin migrate`'s making of report books
// and histories where every quick win has them (the seeding made them):
// the scans that find none missing.
//
//	go test ./dashboard -run '^$' -bench FillCopies -benchtime 1x
func BenchmarkFillCopies(b *testing.B) {
	s, _, _ := seedRegency(b)
	for b.Loop() {
		if _, _, err := s.FillCopies(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWarmSummaries times what `serve` does in the background right
// after a start (which removed the OPD summaries): making every tenant's.
// Run it once: afterwards there is nothing left to make.
//
//	go test ./dashboard -run '^$' -bench WarmSummaries -benchtime 1x
func BenchmarkWarmSummaries(b *testing.B) {
	s, _, _ := seedRegency(b)
	for b.Loop() {
		s.WarmSummaries(ctx)
	}
}
