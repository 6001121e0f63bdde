package scheduler

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"quickwin"
)

// Default days off shipped with the code, one CSV per year (tanggal,
// keterangan), used for a year the tenant has no holidays of its own for.
//
// Sources:
//   - 2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB
//     Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (17
//     libur nasional, 8 cuti bersama), as published by Kemenko PMK and
//     reported in the press (e.g. disdiksmg.semarangkota.go.id, brilio.net).
//   - 2027: no SKB was available to us when this was written. The file has
//     the fixed dates, Easter-based dates and Imlek, and for the lunar
//     holidays dates computed from the 2027 new and full moons (Meeus) with
//     the MABIMS sighting rule, marked "(perkiraan)"; it has no cuti
//     bersama. Replace it with the SKB 2027 list when it is signed; until
//     then an admin's upload for 2027 replaces it (see Calendar).
//
//go:embed holidays/*.csv
var holidayFiles embed.FS

// defaultHolidays returns the shipped days off by year.
var defaultHolidays = sync.OnceValue(func() map[int][]string {
	out := map[int][]string{}
	files, _ := fs.Glob(holidayFiles, "holidays/*.csv")
	for _, name := range files {
		b, err := holidayFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		days, err := ParseHolidays(bytes.NewReader(b))
		if err != nil {
			panic(fmt.Sprintf("scheduler: %s: %v", name, err)) // the package tests catch this
		}
		for _, d := range days {
			y, _ := strconv.Atoi(d[:4])
			out[y] = append(out[y], d)
		}
	}
	return out
})

// DefaultHolidays returns the shipped days off of a year (YYYY-MM-DD), or
// nil for a year the code has no list for.
func DefaultHolidays(year int) []string { return slices.Clone(defaultHolidays()[year]) }

// ParseHolidays reads the yearly days-off file an admin uploads: either a
// CSV (comma, semicolon or tab separated, as spreadsheets export it) with a
// header naming a date column "tanggal" or "date" and optionally a
// description, or plain text with one date per line. Dates are YYYY-MM-DD
// or DD/MM/YYYY (also D/M/YYYY and DD-MM-YYYY). Empty lines and lines
// starting with '#' are skipped. It returns the days sorted, without
// duplicates, as YYYY-MM-DD; an error says "line N: why".
func ParseHolidays(r io.Reader) ([]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return nil, err
	}
	if len(data) > 1<<20 {
		return nil, quickwin.Errorf(quickwin.EINVALID, "file too large (more than 1 MB)").WithKey("holidays.too_large", nil)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffDelimiter(data)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.TrimLeadingSpace = true
	col, first := 0, true
	seen := map[string]bool{}
	var out []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, quickwin.Errorf(quickwin.EINVALID, "line %d: %v", pe.Line, pe.Err).WithKey("holidays.error.unreadable_line", map[string]any{"Line": pe.Line})
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if i := headerColumn(rec); i >= 0 {
				col = i
				continue
			}
		}
		if col >= len(rec) {
			return nil, quickwin.Errorf(quickwin.EINVALID, "line %d: no date in column %d", line, col+1).WithKey("holidays.error.no_column", map[string]any{"Line": line, "Column": col + 1})
		}
		v := strings.TrimSpace(rec[col])
		if v == "" && len(rec) == 1 {
			continue
		}
		d, ok := parseDay(v)
		if !ok {
			return nil, quickwin.Errorf(quickwin.EINVALID, "line %d: %q is not a date (write YYYY-MM-DD or DD/MM/YYYY)", line, clip(v)).
				WithKey("holidays.error.not_a_date", map[string]any{"Line": line, "Value": clip(v)})
		}
		if s := d.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, quickwin.Errorf(quickwin.EINVALID, "no dates found").WithKey("holidays.error.no_dates", nil)
	}
	slices.Sort(out)
	return out, nil
}

// sniffDelimiter picks the separator of the first non-empty line: Excel in
// an Indonesian locale writes semicolons, because the comma is the decimal
// separator there.
func sniffDelimiter(data []byte) rune {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		switch {
		case strings.Contains(l, ";"):
			return ';'
		case strings.Contains(l, "\t"):
			return '\t'
		}
		return ','
	}
	return ','
}

// headerColumn returns the index of the date column when rec is a header.
func headerColumn(rec []string) int {
	for i, f := range rec {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "tanggal", "date", "tgl":
			return i
		}
	}
	return -1
}

// parseDay accepts YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY and DD-MM-YYYY.
func parseDay(s string) (day, bool) {
	var a, b, c string
	switch {
	case strings.Count(s, "/") == 2:
		p := strings.Split(s, "/")
		c, b, a = p[0], p[1], p[2] // D/M/Y
	case strings.Count(s, "-") == 2:
		p := strings.Split(s, "-")
		if len(p[0]) == 4 {
			a, b, c = p[0], p[1], p[2] // Y-M-D
		} else {
			c, b, a = p[0], p[1], p[2] // D-M-Y
		}
	default:
		return 0, false
	}
	y, err1 := strconv.Atoi(a)
	m, err2 := strconv.Atoi(b)
	d, err3 := strconv.Atoi(c)
	if err1 != nil || err2 != nil || err3 != nil || len(a) != 4 || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31/02
		return 0, false
	}
	return dayOf(t), true
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
