package workbook

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// Limits of one file: the Bappeda's list is 40 OPDs × 25 quick wins with
// a few steps each; a file far beyond that is a mistake (a whole database
// dump, a sheet filled down to row 1,048,576).
const (
	MaxQuickWinRows = 5000
	MaxStepRows     = 20000
)

// file is an opened workbook with the problems found so far.
type file struct {
	x        *excelize.File
	lang     locales.Lang // of the messages
	problems problems
	extra    []*planned // quick wins named only by the steps sheet
	// percentStyles caches which cell styles show percentages.
	percentStyles map[int]bool
}

// problems collects CellProblems up to quickwin.MaxImportProblems and
// counts the rest.
type problems struct {
	list  []quickwin.CellProblem
	total int
}

func (p *problems) add(pr quickwin.CellProblem) {
	p.total++
	if len(p.list) < quickwin.MaxImportProblems {
		p.list = append(p.list, pr)
	}
}

// open reads a workbook; EINVALID with a key the user understands when the
// bytes are not one.
func open(data []byte, lang locales.Lang) (*file, error) {
	if len(data) > quickwin.MaxImportFile {
		return nil, quickwin.Errorf(quickwin.EINVALID, "file of %d bytes is over the limit", len(data)).
			WithKey("import.too_large", map[string]any{"MB": quickwin.MaxImportFile >> 20})
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 20 * quickwin.MaxImportFile})
	if err != nil {
		return nil, quickwin.Errorf(quickwin.EINVALID, "not a workbook: %v", err).WithKey("import.not_workbook", nil)
	}
	return &file{x: x, lang: lang}, nil
}

// findSheet returns the name of the first sheet whose name matches one of
// keys in either language.
func (f *file) findSheet(keys []string) string {
	want := map[string]bool{}
	for _, l := range locales.Supported() {
		for _, k := range keys {
			want[quickwin.Keyword(locales.T(l, k, nil))] = true
		}
	}
	for _, name := range f.x.GetSheetList() {
		if want[quickwin.Keyword(name)] {
			return name
		}
	}
	return ""
}

// table is one sheet read into rows of cells by field.
type table struct {
	sheet   string
	headers map[string]int    // field → column index (0-based)
	titles  map[string]string // field → header as written in the file
	rows    []row
}

// row is one non-empty data row.
type row struct {
	n     int               // 1-based row number in the sheet
	cells map[string]string // field → raw value (cached value of formulas)
	typed map[string]bool   // field → the cell is an Excel number (or date)
	// percent marks number cells shown as percentages: Excel stores 60%
	// as 0.6, and a target of 60% means 60.
	percent map[string]bool
}

// cellName names the cell of field f in row r.
func (t *table) cellName(f string, r int) string {
	col, ok := t.headers[f]
	if !ok {
		return ""
	}
	name, _ := excelize.CoordinatesToCellName(col+1, r)
	return name
}

// problem records a problem at row r, column f (f may be empty).
func (f *file) problem(t *table, r int, fieldName, key string, data map[string]any) {
	pr := quickwin.CellProblem{Sheet: t.sheet, Row: r, Key: key, Data: data}
	if fieldName != "" {
		pr.Column = t.titles[fieldName]
		pr.Cell = t.cellName(fieldName, r)
	}
	f.problems.add(pr)
}

// readTable reads a sheet: the header row (see below), then every row
// below it that has a value in a known column. Merged cells
// are refused: only their first cell holds the value, so the rows they
// span would silently lose it.
func (f *file) readTable(sheet string, fields []field, required []string, maxRows int) (*table, bool) {
	t := &table{sheet: sheet, headers: map[string]int{}, titles: map[string]string{}}
	sheetProblem := func(key string, data map[string]any) {
		f.problems.add(quickwin.CellProblem{Sheet: sheet, Key: key, Data: data})
	}
	merged, err := f.x.GetMergeCells(sheet, true)
	if err != nil {
		sheetProblem("import.sheet_unreadable", map[string]any{"Reason": err.Error()})
		return nil, false
	}
	rows, err := f.x.Rows(sheet)
	if err != nil {
		sheetProblem("import.sheet_unreadable", map[string]any{"Reason": err.Error()})
		return nil, false
	}
	defer rows.Close()
	idx := headerIndex(fields)
	isHeader := func(cols []string) bool {
		found := map[string]bool{}
		for _, h := range cols {
			if name, ok := idx[quickwin.Keyword(h)]; ok {
				found[name] = true
			}
		}
		all := true
		for _, req := range required {
			all = all && found[req]
		}
		return len(found) >= 2 || all && len(found) > 0
	}
	// The header is the first row that names known columns: official
	// spreadsheets often start with a title ("DAFTAR QUICK WIN 2027") and
	// a blank row. Without such a row within headerSearch rows of the first
	// non-empty one, that first row is taken, to say what it lacks.
	const headerSearch = 10
	headerRow, firstN := 0, 0
	var firstCols []string
	n := 0
	setHeader := func(cols []string, at int) bool {
		headerRow = at
		for i, h := range cols {
			name, ok := idx[quickwin.Keyword(h)]
			if !ok {
				continue // a column the import does not read (capaian, notes, ...)
			}
			if _, dup := t.headers[name]; dup {
				cell, _ := excelize.CoordinatesToCellName(i+1, at)
				f.problems.add(quickwin.CellProblem{Sheet: sheet, Row: at, Column: strings.TrimSpace(h), Cell: cell, Key: "import.column_twice"})
				continue
			}
			t.headers[name], t.titles[name] = i, strings.TrimSpace(h)
		}
		missing := []string{}
		for _, req := range required {
			if _, ok := t.headers[req]; !ok {
				missing = append(missing, locales.T(f.lang, fieldKey(fields, req), nil))
			}
		}
		if len(missing) > 0 {
			f.problems.add(quickwin.CellProblem{Sheet: sheet, Row: at, Key: "import.columns_missing",
				Data: map[string]any{"Columns": strings.Join(missing, ", ")}})
			return false
		}
		return true
	}
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			sheetProblem("import.sheet_unreadable", map[string]any{"Reason": err.Error()})
			return nil, false
		}
		if headerRow == 0 {
			if blank(cols) {
				continue
			}
			if firstN == 0 {
				firstN, firstCols = n, cols
			}
			switch {
			case isHeader(cols):
				if !setHeader(cols, n) {
					return nil, false
				}
			case n-firstN >= headerSearch:
				setHeader(firstCols, firstN)
				return nil, false
			}
			continue
		}
		r := row{n: n, cells: map[string]string{}, typed: map[string]bool{}, percent: map[string]bool{}}
		for name, i := range t.headers {
			if i < len(cols) {
				if v := strings.TrimSpace(cols[i]); v != "" {
					r.cells[name] = v
				}
			}
		}
		if len(r.cells) == 0 {
			continue // an empty row in the middle or at the end
		}
		if len(t.rows) == maxRows {
			sheetProblem("import.too_many_rows", map[string]any{"Max": locales.FormatNumber(f.lang, float64(maxRows))})
			return nil, false
		}
		t.rows = append(t.rows, r)
	}
	if headerRow == 0 {
		if firstN > 0 {
			setHeader(firstCols, firstN)
		} else {
			sheetProblem("import.sheet_empty", nil)
		}
		return nil, false
	}
	// Merged cells from the header down lose values; a merged title above
	// the header is only decoration.
	for _, m := range merged {
		_, end, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		if end < headerRow {
			continue
		}
		_, start, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		f.problems.add(quickwin.CellProblem{Sheet: sheet, Row: start, Cell: m.GetStartAxis(), Key: "import.merged",
			Data: map[string]any{"Range": m.GetStartAxis() + ":" + m.GetEndAxis()}})
	}
	// Which cells are Excel numbers: a number typed as text ("1.250")
	// follows the file's notation, a number cell does not.
	for i := range t.rows {
		for name := range t.rows[i].cells {
			if !numericField(name) {
				continue
			}
			cell := t.cellName(name, t.rows[i].n)
			if ct, err := f.x.GetCellType(sheet, cell); err == nil && (ct == excelize.CellTypeNumber || ct == excelize.CellTypeUnset || ct == excelize.CellTypeDate || ct == excelize.CellTypeFormula) {
				t.rows[i].typed[name] = true
				if f.percentFormat(sheet, cell) {
					t.rows[i].percent[name] = true
				}
			}
		}
	}
	return t, true
}

// numericField reports whether a field holds a number or a date.
func numericField(name string) bool {
	switch name {
	case fBaseline, fTarget, fBudget, fMission, fTW1, fTW2, fTW3, fTW4, fStart, fDeadline, fDue:
		return true
	}
	return false
}

func fieldKey(fields []field, name string) string {
	for _, f := range fields {
		if f.name == name {
			return f.key
		}
	}
	return name
}

func blank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Render says a problem in lang: "Quick win, baris 17, kolom Tenggat:
// 31/02/2027 bukan tanggal."
func Render(lang locales.Lang, p quickwin.CellProblem) string {
	reason := locales.T(lang, p.Key, p.Data)
	switch {
	case p.Row > 0 && p.Column != "":
		return locales.T(lang, "import.at.cell", map[string]any{"Sheet": p.Sheet, "Row": p.Row, "Column": p.Column, "Reason": reason})
	case p.Row > 0:
		return locales.T(lang, "import.at.row", map[string]any{"Sheet": p.Sheet, "Row": p.Row, "Reason": reason})
	case p.Sheet != "":
		return locales.T(lang, "import.at.sheet", map[string]any{"Sheet": p.Sheet, "Reason": reason})
	}
	return reason
}

// percentFormat reports whether a cell's number format shows a percentage
// (Excel's built-in 0% and 0.00%, or a custom format with %).
func (f *file) percentFormat(sheet, cell string) bool {
	id, err := f.x.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	if pct, ok := f.percentStyles[id]; ok {
		return pct
	}
	st, err := f.x.GetStyle(id)
	pct := err == nil && (st.NumFmt == 9 || st.NumFmt == 10 || st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%"))
	if f.percentStyles == nil {
		f.percentStyles = map[int]bool{}
	}
	f.percentStyles[id] = pct
	return pct
}
