package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
	"quickwin/store"
	"quickwin/store/storetest"
	"quickwin/workbook"
)

var ctx = context.Background()

var jakarta = storetest.Jakarta

func day(y int, m time.Month, d int) time.Time { return storetest.Day(y, m, d) }

// fixture is a tenant with three OPDs and an admin on a test database.
type fixture struct {
	t      *testing.T
	s      *store.Store
	tenant *quickwin.Tenant
	admin  *quickwin.Member
	im     *workbook.Importer
	now    time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, s: storetest.New(t), now: day(2026, 12, 1).Add(9 * time.Hour)}
	f.s.Clock = quickwin.ClockFunc(func() time.Time { return f.now })
	var err error
	if f.tenant, err = f.s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	if f.admin, err = f.s.EnsureAdmin(ctx, f.tenant.ID, 1); err != nil {
		t.Fatal(err)
	}
	for _, o := range []quickwin.OPD{{Code: "DINKES", Name: "Dinas Kesehatan"}, {Code: "DISDIK", Name: "Dinas Pendidikan"}, {Code: "DPUPR", Name: "Dinas PUPR"}} {
		o.TenantID = f.tenant.ID
		if _, err := f.s.CreateOPD(ctx, f.admin, o); err != nil {
			t.Fatal(err)
		}
	}
	f.im = workbook.New(f.s, quickwin.ClockFunc(func() time.Time { return f.now }))
	return f
}

// newBenchFixture is a tenant with n OPDs (OPD00, OPD01, ...) for benchmarks.
func newBenchFixture(b *testing.B, n int) *fixture {
	b.Helper()
	f := &fixture{s: storetest.New(b), now: day(2026, 12, 1).Add(9 * time.Hour)}
	f.s.Clock = quickwin.ClockFunc(func() time.Time { return f.now })
	var err error
	if f.tenant, err = f.s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		b.Fatal(err)
	}
	if f.admin, err = f.s.EnsureAdmin(ctx, f.tenant.ID, 1); err != nil {
		b.Fatal(err)
	}
	opds := make([]quickwin.OPD, n)
	for i := range opds {
		opds[i] = quickwin.OPD{Code: fmt.Sprintf("OPD%02d", i), Name: fmt.Sprintf("Dinas nomor %d", i)}
	}
	if _, _, err := f.s.ImportOPDs(ctx, f.tenant.ID, opds); err != nil {
		b.Fatal(err)
	}
	f.im = workbook.New(f.s, quickwin.ClockFunc(func() time.Time { return f.now }))
	return f
}

// commitments returns the tenant's quick wins by code.
func (f *fixture) commitments() map[string]quickwin.QuickWin {
	f.t.Helper()
	list, err := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]quickwin.QuickWin{}
	for _, c := range list {
		out[c.Code] = c
	}
	return out
}

// create stores an active quick win with steps through the store's own service.
func (f *fixture) create(opd, title string, steps ...string) quickwin.QuickWin {
	f.t.Helper()
	c := quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: opd, Title: title, Kind: quickwin.KindNumeric,
		Baseline: 10, Target: 50, Unit: "%", Direction: quickwin.HigherIsBetter, Start: day(2027, 1, 4), Deadline: day(2027, 12, 31),
		Budget: 250e6, Source: quickwin.SourceAPBD, Status: quickwin.StatusActive}
	for i, s := range steps {
		c.Steps = append(c.Steps, quickwin.Step{Title: s, Owner: "Kabid " + s, Due: day(2027, time.Month(3+i), 28)})
	}
	if err := f.s.CreateQuickWin(ctx, f.admin, &c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

// book builds a workbook from sheets of rows (the first row the headers).
type sheetRows struct {
	name string
	rows [][]any
}

func book(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit opens a workbook, lets change edit it and returns the new bytes.
func edit(t *testing.T, data []byte, change func(x *excelize.File)) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	change(x)
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rendered returns the preview's problems as the user reads them.
func rendered(lang locales.Lang, p *quickwin.ImportPreview) string {
	var b strings.Builder
	for _, pr := range p.Problems {
		b.WriteString(workbook.Render(lang, pr))
		b.WriteString("\n")
	}
	return b.String()
}

// findRow returns the 1-based row of the first cell in column col of sheet
// whose value is v.
func findRow(t *testing.T, x *excelize.File, sheet, col, v string) int {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	hdr := -1
	for i, h := range rows[0] {
		if h == col {
			hdr = i
		}
	}
	if hdr < 0 {
		t.Fatalf("sheet %s has no column %q: %v", sheet, col, rows[0])
	}
	for r, row := range rows {
		if hdr < len(row) && row[hdr] == v {
			return r + 1
		}
	}
	t.Fatalf("sheet %s: no %q in column %q", sheet, v, col)
	return 0
}

// colOf returns the column letter of header h in sheet.
func colOf(t *testing.T, x *excelize.File, sheet, h string) string {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range rows[0] {
		if v == h {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("sheet %s has no column %q: %v", sheet, h, rows[0])
	return ""
}
