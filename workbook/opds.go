package workbook

import (
	"errors"

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
		o := quickwin.OPD{Code: r.cells[fOPD], Name: r.cells[fOPDName]}
		var invalid *quickwin.Error
		switch err := o.Normalize(); {
		case errors.As(err, &invalid):
			column := fOPD
			if invalid.Key == "opd.invalid.name" {
				column = fOPDName
			}
			f.problem(t, r.n, column, invalid.Key, invalid.Data)
		case first[o.Code] > 0:
			f.problem(t, r.n, fOPD, "import.duplicate_code", map[string]any{"Code": o.Code, "Row": first[o.Code]})
		default:
			first[o.Code] = r.n
			out = append(out, o)
		}
	}
	if len(out) == 0 && f.problems.total == 0 {
		f.problems.add(quickwin.CellProblem{Sheet: sheet, Row: 2, Key: "import.no_rows"})
	}
	return out, f.problems.list, nil
}
