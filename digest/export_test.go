package digest

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// book wraps an opened workbook with lookups by header and by row key.
type book struct {
	t *testing.T
	f *excelize.File
}

func openBook(t *testing.T, data []byte) *book {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return &book{t, f}
}

// cell returns the reference of the cell in the column headed header and
// in the row whose first column is key.
func (b *book) cell(sheet, header, key string) string {
	b.t.Helper()
	rows, err := b.f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		b.t.Fatalf("sheet %q: %v", sheet, err)
	}
	col := slices.Index(rows[0], header)
	if col < 0 {
		b.t.Fatalf("sheet %q has no column %q: %q", sheet, header, rows[0])
	}
	for r, row := range rows[1:] {
		if len(row) > 0 && row[0] == key {
			ref, _ := excelize.CoordinatesToCellName(col+1, r+2)
			return ref
		}
	}
	b.t.Fatalf("sheet %q has no row %q", sheet, key)
	return ""
}

// number returns a cell's value, failing unless it is stored as a number.
func (b *book) number(sheet, ref string) float64 {
	b.t.Helper()
	typ, _ := b.f.GetCellType(sheet, ref)
	raw, _ := b.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
		b.t.Fatalf("%s!%s = %q (type %v), want a number", sheet, ref, raw, typ)
	}
	return v
}

// date returns a cell's value, failing unless it is a number shown with a
// date format.
func (b *book) date(sheet, ref, format string) time.Time {
	b.t.Helper()
	v := b.number(sheet, ref)
	id, _ := b.f.GetCellStyle(sheet, ref)
	st, err := b.f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != format {
		b.t.Fatalf("%s!%s has no date format %q: %+v", sheet, ref, format, st)
	}
	d, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		b.t.Fatal(err)
	}
	return d
}

func (b *book) text(sheet, ref string) string {
	b.t.Helper()
	v, err := b.f.GetCellValue(sheet, ref)
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

func TestExport(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	type names struct {
		sheets                                                            []string
		code, target, value, capaian, deadline, date, evidence, reporter  string
		verification, mean, reason, dateFmt, dateTimeFmt, photo, verified string
		year, period                                                      string
	}
	for lang, n := range map[string]names{
		"id": {[]string{"Ringkasan", "Ringkasan OPD", "Quick win", "Langkah aksi", "Laporan", "Log audit", "Keterangan"},
			"Kode", "Target", "Realisasi", "Capaian (%)", "Tenggat", "Tanggal", "Bukti dukung (jenis: file_id Telegram)", "Pelapor",
			"Verifikasi", "Capaian rata-rata (%)", "Alasan", "dd/mm/yyyy", "dd/mm/yyyy hh:mm", "foto", "Terverifikasi",
			"Tahun", "Semua data s.d. 5 April 2027"},
		"en": {[]string{"Summary", "OPD summary", "Quick wins", "Action steps", "Reports", "Audit log", "About"},
			"Code", "Target", "Realised", "Capaian (%)", "Deadline", "Date", "Evidence (kind: Telegram file_id)", "Reporter",
			"Verification", "Mean capaian (%)", "Reason", "d mmm yyyy", "d mmm yyyy hh:mm", "photo", "Verified",
			"Year", "All data up to 5 April 2027"},
	} {
		t.Run(lang, func(t *testing.T) {
			d, err := p.Export(ctx, f.tenant.ID, lang)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(d.FileName, "-2027-04-05.xlsx") || len(d.Parts) != 1 {
				t.Errorf("file name %q, parts %q", d.FileName, d.Parts)
			}
			b := openBook(t, d.File)
			if got := b.f.GetSheetList(); !slices.Equal(got, n.sheets) {
				t.Fatalf("sheets %q, want %q", got, n.sheets)
			}
			qw := n.sheets[2]
			if got := b.text(qw, "A1"); got != n.code {
				t.Errorf("A1 = %q, want %q", got, n.code)
			}
			if v := b.number(qw, b.cell(qw, n.target, "DINKES-01")); v != 20 {
				t.Errorf("target = %v", v)
			}
			if v := b.number(qw, b.cell(qw, n.value, "DINKES-01")); v != 22 {
				t.Errorf("realisation = %v", v)
			}
			if v := b.number(qw, b.cell(qw, n.capaian, "DINKES-01")); v != 90 {
				t.Errorf("capaian = %v", v)
			}
			if got := b.date(qw, b.cell(qw, n.deadline, "DINKES-01"), n.dateFmt); !got.Equal(time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("deadline = %v, want 30 June 2027 (the tenant's calendar day)", got)
			}
			if got := b.text(qw, b.cell(qw, n.value, "DPUPR-01")); got != "" {
				t.Errorf("never reported: realisation %q, want an empty cell", got)
			}

			// Reports: dates with times, the reporter's name, the evidence's kind and file id.
			rs := n.sheets[4]
			rows, _ := b.f.GetRows(rs)
			if len(rows) != 1+10 {
				t.Fatalf("%d report rows, want 10", len(rows)-1)
			}
			var stunting int
			for i, row := range rows {
				if len(row) > 1 && row[1] == "DINKES-01" {
					stunting = i + 1
				}
			}
			col := func(h string) string {
				c, _ := excelize.CoordinatesToCellName(slices.Index(rows[0], h)+1, stunting)
				return c
			}
			if got := b.date(rs, col(n.date), n.dateTimeFmt); !got.Equal(time.Date(2027, 3, 25, 10, 0, 0, 0, time.UTC)) {
				t.Errorf("report date = %v, want 25 March 2027 10:00 (WIB wall clock)", got)
			}
			if got := b.text(rs, col(n.reporter)); got != "dr. Siti Rahma" {
				t.Errorf("reporter = %q", got)
			}
			if got := b.text(rs, col(n.evidence)); got != n.photo+": AgACAgUAAxkBAAIB-DINKES-01" {
				t.Errorf("evidence = %q", got)
			}
			if got := b.text(rs, col(n.verification)); got != n.verified {
				t.Errorf("verification = %q", got)
			}

			sum := n.sheets[1]
			if v := b.number(sum, b.cell(sum, n.mean, "DINKES")); math.Abs(v-(90+45+50)/3.0) > 1e-9 {
				t.Errorf("DINKES mean = %v", v)
			}
			// The audit log keeps the reason a report was returned.
			audit, _ := b.f.GetRows(n.sheets[5])
			reasonCol := slices.Index(audit[0], n.reason)
			found := false
			for _, row := range audit[1:] {
				found = found || len(row) > reasonCol && row[reasonCol] == "foto tidak jelas"
			}
			if !found {
				t.Error("the audit log lost the reason of the returned report")
			}
			// The year reads 2027, not 2,027.
			if got := b.text(qw, b.cell(qw, n.year, "DINKES-01")); got != "2027" {
				t.Errorf("year shows as %q", got)
			}
			checkNoInviteToken(t, f, b)
			checkSheetsPrint(t, b, 9, "Kabupaten Sumedang", n.period)
			checkSheetsUsable(t, b, d.File)
		})
	}
}

// checkSheetsUsable checks that every sheet has its header row frozen and
// an autofilter over its data.
func checkSheetsUsable(t *testing.T, b *book, data []byte) {
	t.Helper()
	filters := map[string]bool{}
	for _, dn := range b.f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	for _, s := range b.f.GetSheetList()[1:] { // the first, "Ringkasan", is no table
		panes, err := b.f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", s, panes, err)
		}
		if !filters[s] {
			t.Errorf("%s: no autofilter", s)
		}
	}
	// The filter buttons are in the sheets themselves too, not only named.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			rc, _ := zf.Open()
			xml, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(xml, []byte("<autoFilter ref=")) {
				n++
			}
		}
	}
	if want := len(b.f.GetSheetList()) - 1; n != want {
		t.Errorf("%d sheets have an autoFilter element, want %d", n, want)
	}
}

func TestDigestWorkbookHoldsTheMonth(t *testing.T) {
	t.Parallel()
	f := regency(t)
	d, err := f.publisher().TenantDigest(ctx, f.tenant.ID, time.Date(2027, 3, 1, 0, 0, 0, 0, jakarta), "id")
	if err != nil {
		t.Fatal(err)
	}
	b := openBook(t, d.File)
	if got := b.f.GetSheetList(); !slices.Equal(got, []string{"Ringkasan", "Ringkasan OPD", "Quick win", "Langkah aksi", "Laporan", "Keterangan"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := b.f.GetRows("Laporan")
	if len(rows) != 1+6 {
		t.Errorf("%d reports, want the 6 dated in March", len(rows)-1)
	}
	qws, _ := b.f.GetRows("Quick win")
	if len(qws) != 1+10 {
		t.Errorf("%d quick wins, want the 10 active or done", len(qws)-1)
	}
	if got := b.text("Keterangan", "B4"); got != "Maret 2027" {
		t.Errorf("period = %q", got)
	}
	checkSheetsUsable(t, b, d.File)
	checkSheetsPrint(t, b, 9, "Kabupaten Sumedang", "Maret 2027")
}

func TestAuditChanges(t *testing.T) {
	t.Parallel()
	x := &export{lang: "id", ev: &evaluation{Loc: jakarta, Tenant: &quickwin.Tenant{Name: "Kab"}}, names: map[string]string{"m1": "Budi"}}
	a := x.auditWords(nil, nil)
	step := func(id, title string, due time.Time, done time.Time) map[string]any {
		return map[string]any{"id": id, "title": title, "due": due, "done_at": done}
	}
	due := time.Date(2026, 12, 20, 17, 0, 0, 0, time.UTC) // 21 December in Jakarta
	before := map[string]any{"_id": "c1", "target": 20.0, "deadline": time.Date(2027, 3, 30, 17, 0, 0, 0, time.UTC),
		"updated_at": time.Now(), "version": int32(3), "title": "Sama", "status": "active",
		"steps": []any{step("a1", "Survei", due, time.Time{}), step("b2", "Rapat", due, time.Time{})}}
	after := map[string]any{"_id": "c1", "target": 18.5, "deadline": time.Date(2027, 4, 29, 17, 0, 0, 0, time.UTC),
		"updated_at": time.Now(), "version": int32(4), "title": "Sama", "status": "cancelled", "last_state": "verified",
		"steps": []any{step("b2", "Rapat", due, time.Time{}), step("a1", "Survei lapangan", due, due.Add(26*time.Hour)), step("c3", "Uji", due, time.Time{})}}
	e := quickwin.AuditEntry{Kind: "commitment", Action: "commitment.deadline", Before: before, After: after}
	want := strings.Join([]string{
		"Target: 20 → 18,5",
		"Tenggat: 31 Maret 2027 → 30 April 2027",
		"Status: Aktif → Dibatalkan",
		"Verifikasi terakhir: — → Terverifikasi",
		"Langkah «Survei» — Judul: Survei → Survei lapangan; Selesai: — → 22 Desember 2026",
		"Langkah baru «Uji», tenggat 21 Desember 2026",
		"Urutan langkah: «Rapat», «Survei lapangan»",
	}, "\n")
	if got := a.changes(e); got != want {
		t.Errorf("changes =\n%s\nwant\n%s", got, want)
	}
	if got := a.changes(quickwin.AuditEntry{Kind: "commitment", After: after}); got != "" {
		t.Errorf("a creation: %q, want nothing", got)
	}
	if got := a.action(quickwin.AuditEntry{Action: "something.new"}); got != "Perubahan data lain" {
		t.Errorf("an unknown action reads %q", got)
	}
	if got := x.who("6650f0c2a1b2c3d4e5f60718"); got != "(anggota tidak dikenal)" {
		t.Errorf("an unknown member reads %q", got)
	}
	// A reason that quotes an invite token shows it masked.
	a.tokens = []string{"QW7Kx9pLm2"}
	if got := a.reason(quickwin.AuditEntry{ActorID: "m1", Action: "member.deactivate", Reason: "kode QW7Kx9pLm2 bocor"}); got != "kode QW7K… bocor" {
		t.Errorf("reason %q", got)
	}
}

// The audit sheet names what a workbook import did to a quick win, in
// both languages, instead of "Other change".
func TestAuditActionOfAnImport(t *testing.T) {
	t.Parallel()
	for _, l := range locales.Supported() {
		x := &export{lang: l, ev: &evaluation{Loc: jakarta, Tenant: &quickwin.Tenant{Name: "Kab"}}}
		a := x.auditWords(nil, nil)
		other := a.action(quickwin.AuditEntry{Action: "something.new"})
		for _, action := range []string{"commitment.import_create", "commitment.import_update"} {
			if got := a.action(quickwin.AuditEntry{Kind: "commitment", Action: action}); got == other || got == "" {
				t.Errorf("%s: %s reads %q", l, action, got)
			}
		}
	}
}
