package digest

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin/locales"
)

// This file writes worksheets for people who filter and sum in Excel:
// headers in the reader's language, numbers as numbers, dates as Excel
// dates with a date format, the header row frozen, an autofilter on it and
// column widths that fit the usual content.

// cellKind says how a column's values are written and shown.
type cellKind int

const (
	kindText     cellKind = iota
	kindWrap              // long text, wrapped
	kindInt               // counts: #,##0
	kindYear              // a year: 0, never "2,027"
	kindNumber            // realised and target values: General
	kindPercent           // capaian in percent units (62.5): 0.0
	kindRupiah            // budgets: #,##0
	kindDate              // calendar days
	kindDateTime          // moments, in the tenant's time zone
)

// column is one column of a sheet: its header's message key, kind and width
// (in Excel's character units).
type column struct {
	Key   string
	Kind  cellKind
	Width float64
}

// sheet is one worksheet: its name's message key, columns and rows. A row
// holds one value per column: string, int, float64, *float64, time.Time or
// nil; a nil pointer or a zero time is an empty cell.
type sheet struct {
	NameKey string
	Cols    []column
	Rows    [][]any
}

// workbook builds an XLSX file sheet by sheet with excelize's stream writer,
// which keeps a year of reports cheap.
type workbook struct {
	f      *excelize.File
	lang   locales.Lang
	loc    *time.Location
	page   pageInfo
	header int
	styles map[cellKind]int
	sheets int
}

func newWorkbook(l locales.Lang, loc *time.Location, page pageInfo) (*workbook, error) {
	w := &workbook{f: excelize.NewFile(), lang: l, loc: loc, page: page, styles: map[cellKind]int{}}
	var err error
	w.header, err = w.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E0E0E0"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "9E9E9E", Style: 1}},
	})
	if err != nil {
		return nil, err
	}
	// Excel shows number formats in the reader's own locale (its decimal
	// separator, its month names), so only the order of day, month and year
	// follows the language here.
	date, dateTime := "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	if l == locales.EN {
		date, dateTime = "d mmm yyyy", "d mmm yyyy hh:mm"
	}
	// Every cell sits at the top of its row, as wrapped text does: a row
	// of several lines then reads across.
	top := &excelize.Alignment{Vertical: "top"}
	for kind, st := range map[cellKind]*excelize.Style{
		kindText:     {Alignment: top},
		kindWrap:     {Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		kindInt:      {NumFmt: 3, Alignment: top},
		kindYear:     {NumFmt: 1, Alignment: top},
		kindNumber:   {Alignment: top},
		kindPercent:  {CustomNumFmt: &[]string{"0.0"}[0], Alignment: top},
		kindRupiah:   {NumFmt: 3, Alignment: top},
		kindDate:     {CustomNumFmt: &date, Alignment: top},
		kindDateTime: {CustomNumFmt: &dateTime, Alignment: top},
	} {
		if w.styles[kind], err = w.f.NewStyle(st); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// newSheet adds an empty sheet named by its message key and returns its
// name; the first takes the place of excelize's "Sheet1".
func (w *workbook) newSheet(nameKey string) (string, error) {
	name := locales.T(w.lang, nameKey, nil)
	if w.sheets == 0 {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return "", err
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		return "", err
	}
	w.sheets++
	return name, nil
}

// add writes one sheet.
func (w *workbook) add(s sheet) error {
	name, err := w.newSheet(s.NameKey)
	if err != nil {
		return err
	}
	if err := w.setupPrint(name, 1); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Widths go in from the last column: the stream writer puts each new
	// <col> first and writes them unsorted, and Excel wants them ascending.
	widths := make([]float64, len(s.Cols))
	for i := len(s.Cols) - 1; i >= 0; i-- {
		widths[i] = fitWidth(s.Cols[i], locales.T(w.lang, s.Cols[i].Key, nil), s.Rows, i)
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	header := make([]any, len(s.Cols))
	for i, c := range s.Cols {
		header[i] = excelize.Cell{StyleID: w.header, Value: locales.T(w.lang, c.Key, nil)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for r, row := range s.Rows {
		if len(row) != len(s.Cols) {
			return fmt.Errorf("sheet %s row %d: %d values for %d columns", name, r+2, len(row), len(s.Cols))
		}
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = w.cell(s.Cols[i].Kind, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		var opts []excelize.RowOpts
		if lines := wrappedLines(s.Cols, widths, row); lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: min(float64(lines)*lineHeight, maxRowHeight)})
		}
		if err := sw.SetRow(cell, cells, opts...); err != nil {
			return err
		}
	}
	// The filter goes on before Flush: Flush writes the worksheet's own
	// elements, and a filter set afterwards would only exist as a defined
	// name, without buttons in Excel.
	last, _ := excelize.CoordinatesToCellName(len(s.Cols), max(len(s.Rows)+1, 2))
	if err := w.f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// maxCellRunes keeps text within Excel's 32,767 characters per cell.
const maxCellRunes = 32000

// cell turns a value into a styled cell, or nil for an empty one.
func (w *workbook) cell(kind cellKind, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case fileLink:
		return x.cell(w.styles[kind])
	case *float64:
		if x == nil {
			return nil
		}
		v = *x
	case time.Time:
		if x.IsZero() {
			return nil
		}
		// Excel dates have no zone: write the tenant's wall clock.
		v = x.In(w.loc)
	case string:
		if x == "" {
			return nil
		}
		if r := []rune(x); len(r) > maxCellRunes {
			v = string(r[:maxCellRunes-1]) + "…"
		}
	}
	if st := w.styles[kind]; st != 0 {
		return excelize.Cell{StyleID: st, Value: v}
	}
	return v
}

// bytes returns the finished file.
func (w *workbook) bytes() ([]byte, error) {
	// The first sheet is the active one already; SetActiveSheet would read
	// every streamed sheet back into memory.
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	_ = w.f.Close()
	return buf.Bytes(), nil
}
