package digest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

// The benchmarks below measure the digests and the leaderboard of one
// tenant of 40 OPDs × 25 quick wins with 12 months of reports (≈ 10,800
// reports), with 1, 10, … such tenants in the database: the embedded
// database scans whole collections, so the other tenants cost time too.
// Seeding happens inside them, so plain `go test` never pays for it.
//
//	go test ./report -run '^$' -bench Reads -benchtime 5x                       # 1 and 10 tenants
//	QW_BENCH_TENANTS=50 go test ./report -run '^$' -bench Reads -benchtime 1x -timeout 2h
//
// See docs/BENCHMARKS.md for the figures.

const (
	benchOPDs   = 40
	benchPerOPD = 25
	benchMonths = 12
)

// benchNow is the December 2027 digest's moment: 5 January 2028, 08:00 WIB.
var benchNow = time.Date(2028, 1, 5, 8, 0, 0, 0, jakarta)

func benchTenantCounts(b *testing.B) []int {
	spec := os.Getenv("QW_BENCH_TENANTS")
	if spec == "" {
		spec = "1,10"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("QW_BENCH_TENANTS=%q: want counts like 1,10,50", spec)
		}
		out = append(out, n)
	}
	return out
}

// seed opens a store on a fresh database and fills it with n generated
// tenants through InsertMany, which is far faster than the services.
func seed(b *testing.B, n int) *store.Store {
	b.Helper()
	s, insert := storetest.Seeded(b)
	start := time.Now()
	reports := 0
	for i := range n {
		g := generate(fmt.Sprintf("t%02d", i), benchOPDs, benchPerOPD, benchMonths, uint64(i+1))
		insert("tenants", []any{g.Tenant})
		insert("members", []any{quickwin.Member{ID: g.Tenant.ID + "-m1", TenantID: g.Tenant.ID, TelegramID: int64(i + 1),
			Name: "Operator", Role: quickwin.RoleHead, OPDCode: "OPD01", Lang: "id", Active: true}})
		insert("opds", anys(g.OPDs))
		insert("commitments", anys(g.QuickWins))
		insert("reports", anys(g.Reports))
		reports += len(g.Reports)
	}
	b.Logf("seeded %d tenant(s): %d quick wins, %d reports in %v", n, n*benchOPDs*benchPerOPD, reports, time.Since(start).Round(time.Millisecond))
	return s
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// BenchmarkReads renders for tenant t00 with 1, 10, … tenants stored, and
// times the single reads each rendering makes, to show where the time goes.
func BenchmarkReads(b *testing.B) {
	for _, n := range benchTenantCounts(b) {
		s := seed(b, n)
		p := New(s, quickwin.ClockFunc(func() time.Time { return benchNow }))
		december := time.Date(2027, 12, 1, 0, 0, 0, 0, jakarta)
		month := monthOf(december, jakarta)
		run := func(name string, f func() error) {
			b.Run(fmt.Sprintf("tenants=%d/%s", n, name), func(b *testing.B) {
				for b.Loop() {
					if err := f(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		run("TenantDigest", func() error {
			_, err := p.TenantDigest(ctx, "t00", december, "id")
			return err
		})
		run("TenantSummary", func() error {
			_, err := p.TenantSummary(ctx, "t00", december, "id")
			return err
		})
		run("OPDDigest", func() error {
			_, err := p.OPDDigest(ctx, "t00", "OPD01", december, "id")
			return err
		})
		run("Leaderboard", func() error {
			_, err := p.Leaderboard(ctx, "t00", benchNow, "id")
			return err
		})
		// The single reads.
		run("read/QuickWins", func() error {
			_, err := s.QuickWins(ctx, "t00", judgedFilter)
			return err
		})
		run("read/TrackedQuickWins", func() error {
			_, err := s.TrackedQuickWins(ctx, "t00", "", quickwin.StatusActive)
			return err
		})
		run("read/TrackedQuickWinsOPD", func() error {
			_, err := s.TrackedQuickWins(ctx, "t00", "OPD01", quickwin.StatusActive, quickwin.StatusDone)
			return err
		})
		run("read/ReportsOfMonth", func() error {
			_, err := s.ReportsDated(ctx, "t00", month.Start, month.End)
			return err
		})
		run("read/OPDs", func() error {
			_, err := s.OPDs(ctx, "t00", false)
			return err
		})
		run("read/Members", func() error {
			_, err := s.Members(ctx, "t00", false)
			return err
		})
		run("read/Tenant", func() error {
			_, err := s.Tenant(ctx, "t00")
			return err
		})
	}
}

// BenchmarkRender times the work after the reads, for one tenant of 40 ×
// 25 quick wins: judging the month, the texts, the chart and the workbook.
func BenchmarkRender(b *testing.B) {
	g := generate("t00", benchOPDs, benchPerOPD, benchMonths, 1)
	month := monthOf(time.Date(2027, 12, 1, 0, 0, 0, 0, jakarta), jakarta)
	var monthReports []quickwin.Report
	for _, r := range g.Reports {
		if month.contains(r.Date) {
			monthReports = append(monthReports, r)
		}
	}
	members := []quickwin.Member{{ID: "t00-m1", Name: "Operator"}}
	ev := evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), monthReports, month, benchNow)
	b.Run("evaluate", func(b *testing.B) {
		for b.Loop() {
			evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), monthReports, month, benchNow)
		}
	})
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			Split(renderTenantDigest("id", ev), TelegramLimit)
		}
	})
	b.Run("chart", func(b *testing.B) {
		for b.Loop() {
			if _, err := capaianChart("id", ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("workbook", func(b *testing.B) {
		cs := clone(g.QuickWins)
		for b.Loop() {
			if _, err := New(nil, nil).digestWorkbook("id", ev, nil, cs, monthReports, members); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rank", func(b *testing.B) {
		for b.Loop() {
			rank(g.OPDs, clone(g.QuickWins), jakarta, benchNow)
		}
	})
}
