package workbook

import (
	"strings"

	"quickwin"
	"quickwin/locales"
)

// OPD sheet fields.
const fOPDName = "opd_name"

var opdFields = []field{
	{fOPD, "import.col.opd", []string{"report.xlsx.col.opd_code"}, []string{"code", "kode"}},
	{fOPDName, "import.col.opd_name", []string{"report.xlsx.col.opd_name"}, []string{"name", "nama"}},
}

// ReadOPDs reads the OPD list from a workbook: the sheet named OPD (or
// OPDs), else the first sheet, with columns code,name or kode,nama (the
// export's summary headers work too). Every row is checked; problems name
// the sheet, row and column. Nothing is checked against the database.
func ReadOPDs(data []byte, lang locales.Lang) ([]quickwin.OPD, []quickwin.CellProblem, error) {
	f, err := open(data, lang)
	if err != nil {
		return nil, nil, err
	}
	defer f.x.Close()
	sheet := f.findSheet(opdSheetKeys)
	if sheet == "" {
		sheet = f.x.GetSheetList()[0]
	}
	t, ok := f.readTable(sheet, opdFields, []string{fOPD, fOPDName}, 100000)
	if !ok {
		return nil, f.problems.list, nil
	}
	var out []quickwin.OPD
	first := map[string]int{}
	for _, r := range t.rows {
		code := strings.ToUpper(r.cells[fOPD])
		name := strings.Join(strings.Fields(r.cells[fOPDName]), " ")
		switch {
		case !quickwin.ValidOPDCode(code):
			f.problem(t, r.n, fOPD, "opd.invalid.code", map[string]any{"Code": r.cells[fOPD]})
		case len([]rune(name)) < 2 || len([]rune(name)) > 120:
			f.problem(t, r.n, fOPDName, "opd.invalid.name", map[string]any{"Code": code})
		case first[code] > 0:
			f.problem(t, r.n, fOPD, "import.duplicate_code", map[string]any{"Code": code, "Row": first[code]})
		default:
			first[code] = r.n
			out = append(out, quickwin.OPD{Code: code, Name: name})
		}
	}
	if len(out) == 0 && f.problems.total == 0 {
		f.problems.add(quickwin.CellProblem{Sheet: sheet, Row: 2, Key: "import.no_rows"})
	}
	return out, f.problems.list, nil
}
