package workbook

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// Mark returns the uploaded workbook with every wrong cell filled red and
// commented with what is wrong, and a first sheet listing all problems
// (those of a whole row or sheet too).
func Mark(data []byte, lang locales.Lang, problems []quickwin.CellProblem) ([]byte, error) {
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer x.Close()
	bad, err := x.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FF8A80"}},
		Border: []excelize.Border{{Type: "left", Color: "C62828", Style: 2}, {Type: "right", Color: "C62828", Style: 2},
			{Type: "top", Color: "C62828", Style: 2}, {Type: "bottom", Color: "C62828", Style: 2}}})
	if err != nil {
		return nil, err
	}
	byCell := map[string][]string{} // sheet!cell → messages
	var order []string
	for _, p := range problems {
		if p.Cell == "" || p.Sheet == "" {
			continue
		}
		k := p.Sheet + "!" + p.Cell
		if byCell[k] == nil {
			order = append(order, k)
		}
		byCell[k] = append(byCell[k], locales.T(lang, p.Key, p.Data))
	}
	author := locales.T(lang, "import.mark.author", nil)
	for _, k := range order {
		sheet, cell, _ := strings.Cut(k, "!")
		// Keep the cell's number format (a date stays a date) and add the fill.
		st := bad
		if old, err := x.GetCellStyle(sheet, cell); err == nil && old != 0 {
			if s, err := x.GetStyle(old); err == nil {
				s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FF8A80"}}
				if id, err := x.NewStyle(s); err == nil {
					st = id
				}
			}
		}
		_ = x.SetCellStyle(sheet, cell, cell, st)
		text := strings.Join(byCell[k], "\n")
		_ = x.DeleteComment(sheet, cell)
		if err := x.AddComment(sheet, excelize.Comment{Cell: cell, Author: author, Text: text, Width: 300, Height: 100}); err != nil {
			return nil, fmt.Errorf("comment %s: %w", k, err)
		}
	}
	list := locales.T(lang, "import.sheet.problems", nil)
	if i, _ := x.GetSheetIndex(list); i >= 0 {
		_ = x.DeleteSheet(list)
	}
	if _, err := x.NewSheet(list); err != nil {
		return nil, err
	}
	_ = x.MoveSheet(list, x.GetSheetList()[0])
	// One problem a row: where (sheet, row, column, cell) and what, so the
	// list can be sorted and filtered like any sheet.
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E0E0E0"}}})
	if err != nil {
		return nil, err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, w := range []float64{16, 8, 22, 8, 80} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = x.SetColWidth(list, col, col, w)
	}
	header := []any{}
	for _, k := range []string{"import.mark.sheet", "import.mark.row", "import.mark.column", "import.mark.cell", "import.mark.problem"} {
		header = append(header, locales.T(lang, k, nil))
	}
	_ = x.SetSheetRow(list, "A1", &header)
	_ = x.SetCellStyle(list, "A1", "E1", head)
	for i, p := range problems {
		var rowN any
		if p.Row > 0 {
			rowN = p.Row
		}
		cells := []any{p.Sheet, rowN, p.Column, p.Cell, locales.T(lang, p.Key, p.Data)}
		_ = x.SetSheetRow(list, fmt.Sprintf("A%d", i+2), &cells)
	}
	if len(problems) > 0 {
		_ = x.SetCellStyle(list, "E2", fmt.Sprintf("E%d", len(problems)+1), wrap)
	}
	printWide(x, list)
	_ = x.SetPanes(list, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if i, _ := x.GetSheetIndex(list); i >= 0 {
		x.SetActiveSheet(i)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
