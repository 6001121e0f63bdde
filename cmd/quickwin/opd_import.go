package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"quickwin"
	"quickwin/locales"
	"quickwin/workbook"
)

// opdImport adds or renames the OPDs listed in a CSV file or a workbook:
// all rows or none. A bad row is reported as `line N: why` (CSV) or with
// its sheet, row and column (XLSX).
func (m *Main) opdImport(ctx context.Context, cfg *Config, args []string, _ *flag.FlagSet) error {
	if len(args) != 1 {
		return usageError{errors.New("usage: quickwin opd import FILE.csv|FILE.xlsx")}
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var opds []quickwin.OPD
	var problems []string
	if isWorkbook(args[0], data) {
		l := locales.ParseLang(cfg.Lang)
		list, cells, err := workbook.ReadOPDs(data, l)
		if err != nil {
			return explain(l, err)
		}
		opds = list
		for _, p := range cells {
			problems = append(problems, workbook.Render(l, p))
		}
	} else {
		text, err := csvText(data)
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			opds, problems = readOPDCSV(strings.NewReader(text))
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(m.Stderr, p)
		}
		return fmt.Errorf("%s: %d bad row(s); nothing imported", args[0], len(problems))
	}
	s, t, err := m.openStore(ctx, cfg, m.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	created, updated, err := s.ImportOPDs(ctx, t.ID, opds)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "imported %d OPDs: %d new, %d updated\n", len(opds), created, updated)
	return nil
}

// isWorkbook tells an XLSX (a zip file) from a CSV by its content, and by
// its name when it is too short to tell.
func isWorkbook(name string, data []byte) bool {
	if len(data) >= 4 {
		return string(data[:4]) == "PK\x03\x04"
	}
	return strings.EqualFold(filepath.Ext(name), ".xlsx")
}

// csvText returns a CSV file as UTF-8 text. A file that is not valid UTF-8
// is taken for Windows-1252, which Excel writes on Indonesian and English
// Windows ("Save as CSV"), and converted. A line that would still hold the
// replacement character "\ufffd" is refused: a name stored with it is
// wrong forever.
func csvText(data []byte) (string, error) {
	if !utf8.Valid(data) {
		conv, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("line 1: the file is neither UTF-8 nor Windows-1252: %v", err)
		}
		data = conv
	}
	text := string(data)
	for i, line := range strings.Split(text, "\n") {
		if strings.ContainsRune(line, utf8.RuneError) {
			return "", fmt.Errorf("line %d: a character cannot be read (\"\ufffd\"); save the file as \"CSV UTF-8\" and try again", i+1)
		}
	}
	return text, nil
}

// readOPDCSV parses a UTF-8 CSV (an Excel BOM is fine) with a header of
// code,name or kode,nama (in any order, any case; other columns ignored)
// and returns the rows, or every problem as `line N: why`.
func readOPDCSV(r io.Reader) ([]quickwin.OPD, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, []string{"line 1: cannot read the header: " + csvReason(err)}
	}
	codeCol, nameCol := -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "code", "kode":
			codeCol = i
		case "name", "nama":
			nameCol = i
		}
	}
	if codeCol < 0 || nameCol < 0 {
		return nil, []string{fmt.Sprintf("line 1: header must have code,name or kode,nama; got %q", strings.Join(header, ","))}
	}
	var opds []quickwin.OPD
	var problems []string
	firstLine := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %s", line, csvReason(err)))
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if codeCol >= len(rec) || nameCol >= len(rec) {
			problems = append(problems, fmt.Sprintf("line %d: expected %d columns, got %d", line, len(header), len(rec)))
			continue
		}
		code := strings.ToUpper(strings.TrimSpace(rec[codeCol]))
		name := strings.Join(strings.Fields(rec[nameCol]), " ")
		switch {
		case !quickwin.ValidOPDCode(code):
			problems = append(problems, fmt.Sprintf("line %d: code %q must be 2–16 letters, digits, _ or -, starting with a letter", line, rec[codeCol]))
		case len([]rune(name)) < 2 || len([]rune(name)) > 120:
			problems = append(problems, fmt.Sprintf("line %d: name of %s must be 2–120 characters", line, code))
		case firstLine[code] > 0:
			problems = append(problems, fmt.Sprintf("line %d: code %s appears again (first on line %d)", line, code, firstLine[code]))
		default:
			firstLine[code] = line
			opds = append(opds, quickwin.OPD{Code: code, Name: name})
		}
	}
	if len(opds) == 0 && len(problems) == 0 {
		problems = append(problems, "line 2: no OPD rows after the header")
	}
	return opds, problems
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
