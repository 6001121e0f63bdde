package digest

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"quickwin/locales"
)

// This file makes the workbook print: every sheet landscape on the chosen
// paper, scaled to the page's width (as many pages down as it takes), its
// header row repeated on every page, and the tenant, the period and the
// day it was made in the page header, the page number in the footer. It
// also widens columns so that their header and their short texts are not
// cut.

// Paper is the paper size the workbook and the PDF digest are laid out for.
type Paper string

const (
	// PaperA4 is 210 × 297 mm, the default.
	PaperA4 Paper = "a4"
	// PaperF4 is 215 × 330 mm (folio), still common in Indonesian offices.
	PaperF4 Paper = "f4"
)

// ParsePaper reads a paper size as a person types it ("A4", "f4"); the
// empty string is A4.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "a4":
		return PaperA4, nil
	case "f4", "folio":
		return PaperF4, nil
	}
	return "", fmt.Errorf("unknown paper %q: a4 or f4", s)
}

// excelSize is the paper's code in SpreadsheetML's pageSetup: 9 is A4, 14
// is Folio 8½ × 13 in (216 × 330 mm), which is what Excel calls F4.
func (p Paper) excelSize() int {
	if p == PaperF4 {
		return 14
	}
	return 9
}

// sizeMM is the paper's portrait width and height in millimetres.
func (p Paper) sizeMM() (w, h float64) {
	if p == PaperF4 {
		return 215, 330
	}
	return 210, 297
}

// pageInfo is what every printed page of a workbook says at its top.
type pageInfo struct {
	Paper  Paper
	Tenant string
	Period string // e.g. "Maret 2027", or "all data up to 5 April 2027"
	MadeAt string // e.g. "5 April 2027 08.00"
	Page   string // "Halaman &P dari &N" in the reader's language
}

// setupPrint sets a sheet's page layout. It runs before the sheet is
// streamed: the stream writer writes the sheet's properties (fit to page)
// when it starts and its page setup when it flushes, from what is set here.
// titleRows is how many rows repeat at the top of each page (0: none).
func (w *workbook) setupPrint(name string, titleRows int) error {
	f := w.f
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, landscape, wide, tall := w.page.Paper.excelSize(), "landscape", 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	// Narrow margins (inches) leave the columns room; the header and
	// footer sit in the top and bottom margins.
	lr, tb, hf := 0.4, 0.75, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf,
	}); err != nil {
		return err
	}
	header := "&L&\"-,Bold\"" + hfText(w.page.Tenant) + "&C" + hfText(name+" · "+w.page.Period) + "&R" + hfText(w.page.MadeAt)
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: header, OddFooter: "&C" + w.page.Page,
	}); err != nil {
		return err
	}
	if titleRows == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(name, "'", "''"), titleRows),
	})
}

// maxHeaderPart keeps each of the three header texts short: Excel refuses
// a header longer than 255 characters.
const maxHeaderPart = 70

// hfText escapes text for a page header: "&" starts a code there.
func hfText(s string) string {
	if r := []rune(s); len(r) > maxHeaderPart {
		s = string(r[:maxHeaderPart-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// maxFitWidth caps a column widened for its content: longer texts are
// wrapped or cut by the next column, as in any spreadsheet.
const maxFitWidth = 45

// fitWidth is a column's width: at least its set width, wide enough for
// its header's longest word and for the header on two lines (the header
// row is two lines high and wraps), and for short unwrapped texts as long
// as the longest value in the column.
func fitWidth(c column, header string, rows [][]any, i int) float64 {
	w := c.Width
	// Bold header letters are wider than the digits Excel measures
	// columns in: a tenth more, and room for the filter button.
	longestWord := 0
	for _, word := range strings.Fields(header) {
		longestWord = max(longestWord, utf8.RuneCountInString(word))
	}
	w = max(w, float64(longestWord)*1.1+3, float64(utf8.RuneCountInString(header))*1.1/2+3)
	if c.Kind == kindText {
		longest := 0
		for _, row := range rows {
			if i >= len(row) {
				continue // add reports the short row
			}
			if s, ok := row[i].(string); ok {
				longest = max(longest, utf8.RuneCountInString(s))
			}
		}
		w = max(w, min(float64(longest)+2, maxFitWidth))
	}
	return w
}

// pageInfo is the page header of a workbook about ev covering period.
func (p *Publisher) pageInfo(l locales.Lang, ev *evaluation, period string) pageInfo {
	return pageInfo{Paper: p.paper, Tenant: ev.Tenant.Name, Period: period,
		MadeAt: locales.FormatDateTime(l, ev.Now), Page: locales.T(l, "print.xlsx.page", nil)}
}

// Row heights in points: a line of the default 11 pt font, and Excel's
// limit.
const (
	lineHeight   = 15.0
	maxRowHeight = 409.0
)

// wrappedLines estimates how many lines the tallest wrapped cell of a row
// takes. The stream writer cannot ask Excel to fit a row's height, and
// LibreOffice keeps the default height of a row written without one: a
// row of several lines would print its first only.
func wrappedLines(cols []column, widths []float64, row []any) int {
	lines := 1
	for i, c := range cols {
		s, ok := row[i].(string)
		if c.Kind != kindWrap || !ok || s == "" {
			continue
		}
		n := 0
		for _, para := range strings.Split(s, "\n") {
			// A column of width w holds about w digits; words wrap early.
			n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))*1.1/widths[i])))
		}
		lines = max(lines, n)
	}
	return lines
}
