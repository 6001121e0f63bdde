package workbook

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// templateRows is how far down the drop-down lists reach.
const templateRows = 2000

// Template writes the workbook an administrator fills in: a Petunjuk
// (instructions) sheet, the quick-win and steps sheets with headers in
// lang, drop-down lists (kind, direction, source, the tenant's OPD codes,
// yes/no) and example rows, and a hidden sheet holding the lists.
func Template(lang locales.Lang, tenant *quickwin.Tenant, opds []quickwin.OPD, now time.Time) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	T := func(key string, data map[string]any) string { return locales.T(lang, key, data) }
	guide, qw, steps, lists := T("import.sheet.guide", nil), T("import.sheet.quickwins", nil), T("import.sheet.steps", nil), T("import.sheet.lists", nil)
	if err := x.SetSheetName("Sheet1", guide); err != nil {
		return nil, err
	}
	for _, s := range []string{qw, steps, lists} {
		if _, err := x.NewSheet(s); err != nil {
			return nil, err
		}
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return nil, err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	header, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E0E0E0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return nil, err
	}
	required, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE082"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return nil, err
	}
	dateFmt := "dd/mm/yyyy"
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	example, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "616161"}})
	if err != nil {
		return nil, err
	}
	exampleDate, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "616161"}, CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}

	// Petunjuk.
	_ = x.SetColWidth(guide, "A", "A", 100)
	printWide(x, guide)
	lines := []string{T("import.guide.title", map[string]any{"Tenant": tenant.Name})}
	for i := 1; locales.Has(lang, fmt.Sprintf("import.guide.%d", i)); i++ {
		lines = append(lines, T(fmt.Sprintf("import.guide.%d", i), map[string]any{"QW": qw, "Steps": steps}))
	}
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		_ = x.SetCellValue(guide, cell, l)
		st := wrap
		if i == 0 {
			st = bold
		}
		_ = x.SetCellStyle(guide, cell, cell, st)
		// Spreadsheets do not grow a row for wrapped text written by a
		// program: give each instruction the lines it needs.
		lines := (len([]rune(l)) + 89) / 90
		_ = x.SetRowHeight(guide, i+1, float64(max(lines, 1))*15+3)
	}

	// Lists, on a hidden sheet: a drop-down may list at most 255
	// characters inline, and 40 OPD codes are more.
	opdCodes := make([]string, 0, len(opds))
	for _, o := range opds {
		opdCodes = append(opdCodes, o.Code)
	}
	listCols := [][]string{
		opdCodes,
		choices(lang, "report.xlsx.kind.", "numeric", "milestone"),
		choices(lang, "report.xlsx.direction.", "higher", "lower"),
		{"APBD", "DPA", "non-APBD"},
		{T("common.yes", nil), T("common.no", nil)},
		choices(lang, "report.xlsx.status.", "draft", "active", "done", "cancelled"),
	}
	ranges := make([]string, len(listCols))
	for c, vals := range listCols {
		col, _ := excelize.ColumnNumberToName(c + 1)
		for r, v := range vals {
			_ = x.SetCellValue(lists, fmt.Sprintf("%s%d", col, r+1), v)
		}
		ranges[c] = fmt.Sprintf("'%s'!$%s$1:$%s$%d", lists, col, col, max(len(vals), 1))
	}
	_ = x.SetSheetVisible(lists, false)

	// The two data sheets.
	qwCols := []string{fOPD, fCode, fTitle, fIndicator, fDescription, fKind, fBaseline, fTarget, fUnit, fDirection,
		fStart, fDeadline, fBudget, fSource, fMission, fTW1, fTW2, fTW3, fTW4, fCumulative, fStatus, fReason}
	stepCols := []string{fCode, fQWTitle, fOPD, fStepID, fStep, fOwner, fDue}
	writeHeader := func(sheet string, fields []field, names []string, req []string) map[string]string {
		at := map[string]string{}
		for i, n := range names {
			col, _ := excelize.ColumnNumberToName(i + 1)
			at[n] = col
			cell := col + "1"
			_ = x.SetCellValue(sheet, cell, T(fieldKey(fields, n), nil))
			st := header
			for _, r := range req {
				if r == n {
					st = required
				}
			}
			_ = x.SetCellStyle(sheet, cell, cell, st)
			width := 14.0
			switch n {
			case fTitle, fDescription, fIndicator, fStep, fReason, fQWTitle:
				width = 36
			}
			_ = x.SetColWidth(sheet, col, col, width)
			if hint := "import.hint." + n; locales.Has(lang, hint) {
				dv := excelize.NewDataValidation(true)
				dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows))
				dv.SetInput(T(fieldKey(fields, n), nil), T(hint, nil))
				_ = x.AddDataValidation(sheet, dv)
			}
		}
		_ = x.SetRowHeight(sheet, 1, 32)
		_ = x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		return at
	}
	qwAt := writeHeader(qw, quickWinFields, qwCols, append(append([]string{}, quickWinRequired...), newQuickWinRequired...))
	stepAt := writeHeader(steps, stepFields, stepCols, stepRequired)
	drop := func(sheet, col, listRange, hintKey string) {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows))
		dv.SetSqrefDropList(listRange)
		dv.SetError(excelize.DataValidationErrorStyleStop, T("import.template.bad_choice_title", nil), T("import.template.bad_choice", nil))
		if hintKey != "" {
			dv.SetInput("", T(hintKey, nil))
		}
		_ = x.AddDataValidation(sheet, dv)
	}
	if len(opdCodes) > 0 {
		drop(qw, qwAt[fOPD], ranges[0], "")
		drop(steps, stepAt[fOPD], ranges[0], "")
	}
	drop(qw, qwAt[fKind], ranges[1], "")
	drop(qw, qwAt[fDirection], ranges[2], "")
	drop(qw, qwAt[fSource], ranges[3], "")
	drop(qw, qwAt[fCumulative], ranges[4], "")
	drop(qw, qwAt[fStatus], ranges[5], "")

	// Example rows, in grey italics; an import refuses them if they are
	// left in (see exampleTitles).
	opd := "DINKES"
	if len(opdCodes) > 0 {
		opd = opdCodes[0]
	}
	y := now.Year()
	if now.Month() >= time.October {
		y++ // late in the year people plan the next one
	}
	d := func(m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	ex1, ex2 := T("import.example.qw1", nil), T("import.example.qw2", nil)
	qwRows := []map[string]any{
		{fOPD: opd, fTitle: ex1, fIndicator: T("import.example.qw1_indicator", nil), fKind: choices(lang, "report.xlsx.kind.", "numeric")[0],
			fBaseline: 24.5, fTarget: 20, fUnit: "%", fDirection: choices(lang, "report.xlsx.direction.", "lower")[0],
			fStart: d(1, 2), fDeadline: d(12, 31), fBudget: 150e6, fSource: "APBD", fMission: 2,
			fTW1: 23.5, fTW2: 22.5, fTW3: 21, fTW4: 20, fCumulative: T("common.no", nil)},
		{fOPD: opd, fTitle: ex2, fKind: choices(lang, "report.xlsx.kind.", "milestone")[0],
			fStart: d(2, 1), fDeadline: d(6, 30), fSource: "non-APBD"},
	}
	stepRows := []map[string]any{
		{fQWTitle: ex2, fOPD: opd, fStep: T("import.example.step1", nil), fOwner: T("import.example.owner", nil), fDue: d(3, 31)},
		{fQWTitle: ex2, fOPD: opd, fStep: T("import.example.step2", nil), fOwner: T("import.example.owner", nil), fDue: d(6, 30)},
	}
	put := func(sheet string, at map[string]string, rows []map[string]any) {
		for i, r := range rows {
			for name, v := range r {
				cell := fmt.Sprintf("%s%d", at[name], i+2)
				_ = x.SetCellValue(sheet, cell, v)
				st := example
				if _, isDate := v.(time.Time); isDate {
					st = exampleDate
				}
				_ = x.SetCellStyle(sheet, cell, cell, st)
			}
		}
	}
	put(qw, qwAt, qwRows)
	put(steps, stepAt, stepRows)
	for _, name := range []string{fStart, fDeadline} {
		col := qwAt[name]
		_ = x.SetCellStyle(qw, fmt.Sprintf("%s4", col), fmt.Sprintf("%s%d", col, templateRows), date)
	}
	_ = x.SetCellStyle(steps, fmt.Sprintf("%s4", stepAt[fDue]), fmt.Sprintf("%s%d", stepAt[fDue], templateRows), date)
	x.SetActiveSheet(0)
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exampleTitles are the titles of the template's example rows in every
// language: a row still carrying one was not filled in.
func exampleTitles() map[string]bool {
	m := map[string]bool{}
	for _, l := range locales.Supported() {
		for _, k := range []string{"import.example.qw1", "import.example.qw2"} {
			m[quickwin.Keyword(locales.T(l, k, nil))] = true
		}
	}
	return m
}
