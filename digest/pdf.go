package digest

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"quickwin"
	"quickwin/fonts"
	"quickwin/locales"
)

// This file renders the monthly digest as a PDF for the coordination
// meeting (Rakor), where it is read on paper and on a projector: page one
// has the tenant, the month, the headline numbers and the capaian chart;
// then a table of every OPD (mean capaian, category word and colour, late,
// at-risk and unreported counts) and the late quick wins. It is drawn from
// the same evaluation as the text digest, so the two never disagree. Noto
// Sans (package fonts, SIL OFL) is embedded: the PDF looks the same on any
// computer, Indonesian names included; fpdf embeds only the glyphs used.

// pdfLateLimit caps the late list: one page of rows. The workbook lists
// every one.
const pdfLateLimit = 40

// Page geometry in millimetres.
const (
	pdfMargin     = 15.0
	pdfRowHeight  = 5.6 // a row of one line
	pdfLineHeight = 3.9 // a line of a row of two
	pdfTableFont  = 8.0 // points
	// pdfMaxPages is where the late list stops, saying how many it left
	// out: the digest is a handout of at most three sheets.
	pdfMaxPages = 3
	pdfFont     = "noto"
)

// TenantSummaryPDF implements quickwin.Publisher: the month's digest as a
// PDF (Document.PDF), for `/ringkasan pdf`. Like TenantSummary it judges
// the month without reading its reports.
func (p *Publisher) TenantSummaryPDF(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	l := locales.ParseLang(lang)
	ev, _, _, err := p.evaluateTenant(ctx, tenantID, month, false)
	if err != nil {
		return nil, err
	}
	chart, err := capaianChart(l, ev)
	if err != nil {
		return nil, err
	}
	pdf, err := digestPDF(l, ev, chart, p.paper, true)
	if err != nil {
		return nil, err
	}
	return &quickwin.Document{Parts: []string{esc(pdfCaption(l, ev))}, PDF: pdf, PDFName: pdfFileName(l, ev)}, nil
}

// pdfCaption is the line sent with the PDF.
func pdfCaption(l locales.Lang, ev *evaluation) string {
	return locales.T(l, "print.pdf.caption", map[string]any{"Month": locales.FormatMonth(l, ev.Month.Start), "Name": ev.Tenant.Name})
}

// pdfFileName is the digest PDF's name: evaluasi-bulanan-2027-03.pdf.
func pdfFileName(l locales.Lang, ev *evaluation) string {
	return locales.T(l, "report.file.digest", nil) + "-" + ev.Month.Start.Format("2006-01") + ".pdf"
}

// digestPDF renders ev with its chart. compress is false only in tests,
// which read the page contents.
func digestPDF(l locales.Lang, ev *evaluation, chart []byte, paper Paper, compress bool) ([]byte, error) {
	w, h := paper.sizeMM()
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetCompression(compress)
	pdf.AddUTF8FontFromBytes(pdfFont, "", fonts.NotoSansRegular)
	pdf.AddUTF8FontFromBytes(pdfFont, "B", fonts.NotoSansBold)
	// The same evaluation gives the same bytes: no clock but ev's.
	pdf.SetCreationDate(ev.Now)
	pdf.SetModificationDate(ev.Now)
	pdf.SetCatalogSort(true)
	month := locales.FormatMonth(l, ev.Month.Start)
	title := locales.T(l, "print.pdf.title", map[string]any{"Month": month})
	pdf.SetTitle(title+" · "+ev.Tenant.Name, true)
	pdf.SetCreator("quickwin", true)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin+5)
	pdf.AliasNbPages("{nb}")
	d := &pdfDoc{pdf: pdf, lang: l, ev: ev, month: month}
	pdf.SetHeaderFunc(func() {
		if pdf.PageNo() > 1 {
			d.font("", 8, mutedColor)
			pdf.CellFormat(0, 5, title+" · "+ev.Tenant.Name, "", 1, "L", false, 0, "")
			pdf.Ln(2)
		}
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfMargin)
		d.font("", 8, mutedColor)
		as := locales.T(l, "report.digest.as_of", map[string]any{"Date": locales.FormatDateTime(l, ev.Now)})
		pdf.CellFormat(0, 5, as, "", 0, "L", false, 0, "")
		pdf.SetX(pdfMargin)
		page := locales.T(l, "print.pdf.page", map[string]any{"Page": pdf.PageNo(), "Pages": "{nb}"})
		pdf.CellFormat(0, 5, page, "", 0, "R", false, 0, "")
	})

	pdf.AddPage()
	d.font("B", 18, textColor)
	pdf.CellFormat(0, 9, title, "", 1, "L", false, 0, "")
	d.font("", 13, textColor)
	pdf.CellFormat(0, 7, ev.Tenant.Name, "", 1, "L", false, 0, "")
	pdf.Ln(4)
	top := pdf.GetY()
	d.headline(pdfMargin, 78)
	below := pdf.GetY() + 4
	if len(chart) > 0 {
		// A tall chart (many OPDs) goes right of the numbers, a wide one
		// (a few OPDs) below them: whichever shows it larger.
		side := [4]float64{pdfMargin + 84, top, w - 2*pdfMargin - 84, h - pdfMargin - 8 - top}
		under := [4]float64{pdfMargin, below, w - 2*pdfMargin, h - pdfMargin - 8 - below}
		box := side
		if cfg, err := png.DecodeConfig(bytes.NewReader(chart)); err == nil {
			scale := func(b [4]float64) float64 { return min(b[2]/float64(cfg.Width), b[3]/float64(cfg.Height)) }
			if scale(under) > scale(side) {
				box = under
			}
		}
		d.chart(chart, box[0], box[1], box[2], box[3])
	}
	if len(ev.Total.QWs) > 0 || len(ev.OPDs) > 0 {
		pdf.AddPage()
		d.opdTable()
		pdf.Ln(6)
		d.lateTable()
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("digest PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("digest PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// pdfDoc draws one digest.
type pdfDoc struct {
	pdf   *fpdf.Fpdf
	lang  locales.Lang
	ev    *evaluation
	month string
}

func (d *pdfDoc) t(key string, data map[string]any) string { return locales.T(d.lang, key, data) }

func (d *pdfDoc) font(style string, size float64, c drawing.Color) {
	d.pdf.SetFont(pdfFont, style, size)
	d.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
}

// chip draws a small square in a category's colour.
func (d *pdfDoc) chip(x, y, size float64, c quickwin.Category) {
	col := CategoryColor(c)
	d.pdf.SetFillColor(int(col.R), int(col.G), int(col.B))
	d.pdf.Rect(x, y, size, size, "F")
}

// headline writes the numbers in a column of width w at x.
func (d *pdfDoc) headline(x, w float64) {
	pdf, ev, total := d.pdf, d.ev, &d.ev.Total
	pdf.SetX(x)
	d.font("B", 12, textColor)
	pdf.CellFormat(w, 7, d.t("print.xlsx.front.numbers", nil), "B", 1, "L", false, 0, "")
	pdf.Ln(1)
	if len(total.QWs) == 0 {
		d.font("", 10, textColor)
		pdf.SetX(x)
		pdf.MultiCell(w, 5, d.t("report.digest.no_quick_wins", nil), "", "L", false)
		return
	}
	row := func(label, value string, c *quickwin.Category) {
		pdf.SetX(x)
		d.font("", 10, textColor)
		labelX := x
		if c != nil {
			d.chip(x, pdf.GetY()+1.5, 3.4, *c)
			labelX = x + 5
		}
		pdf.SetX(labelX)
		pdf.CellFormat(w-22-(labelX-x), 6.5, label, "", 0, "L", false, 0, "")
		d.font("B", 10, textColor)
		pdf.CellFormat(22, 6.5, value, "", 1, "R", false, 0, "")
	}
	count := func(n int) string { return locales.FormatNumber(d.lang, float64(n)) }
	meanCat := quickwin.CategoryOf(total.Mean)
	row(d.t("print.xlsx.front.quick_wins", nil), count(len(total.QWs)), nil)
	row(d.t("print.pdf.mean", map[string]any{"Category": d.t("category."+string(meanCat), nil)}), locales.FormatPercent(d.lang, total.Mean), &meanCat)
	// Noto Sans has no ≥ or ≤: the PDF's labels say it in words.
	for band, key := range []string{"fair.pdf.band.very_high", "fair.pdf.band.high", "fair.pdf.band.medium", "fair.pdf.band.low", "fair.pdf.band.very_low"} {
		c := bandCategory[band]
		row(d.t(key, nil), count(total.Bands[band]), &c)
	}
	if n := len(total.NotStarted); n > 0 {
		row(d.t("fair.xlsx.col.not_started", nil), count(n), nil)
	}
	row(d.t("status.late", nil), count(total.Late), nil)
	row(d.t("status.at_risk", nil), count(total.AtRisk), nil)
	row(d.t("report.digest.unreported_title", map[string]any{"Month": d.month}), count(total.Unreported), nil)
	attention := ev.attention()
	row(d.t("print.xlsx.front.attention", nil), count(len(attention)), nil)
	if len(attention) > 0 {
		codes := make([]string, 0, len(attention))
		for _, o := range attention {
			codes = append(codes, o.OPD.Code)
		}
		pdf.SetX(x)
		d.font("", 9, mutedColor)
		pdf.MultiCell(w, 4.5, strings.Join(codes, ", "), "", "L", false)
	}
	pdf.Ln(4)
	pdf.SetX(x)
	d.font("", 8, mutedColor)
	pdf.MultiCell(w, 3.8, d.t("report.digest.rule", map[string]any{"Gap": locales.FormatNumber(d.lang, quickwin.AtRiskGap)}), "", "L", false)
	pdf.Ln(1.5)
	pdf.SetX(x)
	pdf.MultiCell(w, 3.8, d.t("print.pdf.scale", nil), "", "L", false)
}

// chart places the PNG within the box at (x, y) of width w and height h,
// keeping its proportions.
func (d *pdfDoc) chart(png []byte, x, y, w, h float64) {
	info := d.pdf.RegisterImageOptionsReader("chart", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if info == nil || d.pdf.Err() {
		return
	}
	iw, ih := info.Extent()
	scale := min(w/iw, h/ih)
	d.pdf.ImageOptions("chart", x, y, iw*scale, ih*scale, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// pdfCol is a table column: header, width (mm) and alignment.
type pdfCol struct {
	Head  string
	Width float64
	Align string
}

// tableHeader draws a table's header row; a header wider than its
// column wraps onto a second line.
func (d *pdfDoc) tableHeader(cols []pdfCol) {
	pdf := d.pdf
	d.font("B", 7, textColor)
	pdf.SetFillColor(224, 224, 224)
	// SplitText keeps the cell margins (1 mm each side) free itself.
	lines := 1
	for _, c := range cols {
		lines = max(lines, len(pdf.SplitText(c.Head, c.Width)))
	}
	h := 3.6*float64(lines) + 2
	x, y := pdf.GetXY()
	for _, c := range cols {
		pdf.Rect(x, y, c.Width, h, "F")
		parts := pdf.SplitText(c.Head, c.Width)
		top := y + (h-3.6*float64(len(parts)))/2
		for i, part := range parts {
			pdf.SetXY(x, top+3.6*float64(i))
			pdf.CellFormat(c.Width, 3.6, part, "", 0, c.Align, false, 0, "")
		}
		x += c.Width
	}
	pdf.SetXY(pdfMargin, y+h)
}

// tableRow draws one row, repeating the header on a new page first when
// the row would not fit. The text of column wrapCol (if ≥ 0) may take two
// lines; longer ones end in "…". The cell of column chipCol (if ≥ 0)
// starts with a chip of category cat.
func (d *pdfDoc) tableRow(cols []pdfCol, cells []string, zebra bool, wrapCol, chipCol int, cat quickwin.Category) {
	pdf := d.pdf
	d.font("", pdfTableFont, textColor)
	var wrapped []string
	h := pdfRowHeight
	if wrapCol >= 0 {
		wrapped = pdf.SplitText(cells[wrapCol], cols[wrapCol].Width)
		if len(wrapped) > 2 {
			wrapped = []string{wrapped[0], d.fit(strings.Join(wrapped[1:], " "), cols[wrapCol].Width-2)}
		}
		if len(wrapped) == 2 {
			h = 2*pdfLineHeight + 1.4
		}
	}
	_, pageH := pdf.GetPageSize()
	if pdf.GetY()+h > pageH-pdfMargin-5 {
		pdf.AddPage()
		d.tableHeader(cols)
		d.font("", pdfTableFont, textColor)
	}
	if zebra {
		pdf.SetFillColor(int(zebraColor.R), int(zebraColor.G), int(zebraColor.B))
	} else {
		pdf.SetFillColor(255, 255, 255)
	}
	x, y := pdf.GetXY()
	pdf.Rect(x, y, pdf.GetX()+sumWidths(cols)-x, h, "F")
	for i, c := range cols {
		switch {
		case i == wrapCol && len(wrapped) == 2:
			for j, line := range wrapped {
				pdf.SetXY(x, y+0.7+pdfLineHeight*float64(j))
				pdf.CellFormat(c.Width, pdfLineHeight, line, "", 0, c.Align, false, 0, "")
			}
		case i == chipCol:
			d.chip(x+1, y+(h-3)/2, 3, cat)
			pdf.SetXY(x+5, y)
			pdf.CellFormat(c.Width-5, h, d.fit(cells[i], c.Width-6), "", 0, "L", false, 0, "")
		default:
			pdf.SetXY(x, y)
			pdf.CellFormat(c.Width, h, d.fit(cells[i], c.Width-2), "", 0, c.Align, false, 0, "")
		}
		x += c.Width
	}
	pdf.SetXY(pdfMargin, y+h)
}

func sumWidths(cols []pdfCol) float64 {
	w := 0.0
	for _, c := range cols {
		w += c.Width
	}
	return w
}

// fit shortens s with "…" to width w at the current font.
func (d *pdfDoc) fit(s string, w float64) string {
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// heading writes a section title.
func (d *pdfDoc) heading(s string) {
	d.font("B", 12, textColor)
	d.pdf.CellFormat(0, 8, s, "", 1, "L", false, 0, "")
}

// opdTable lists every OPD of the evaluation, in the digest's order.
func (d *pdfDoc) opdTable() {
	d.heading(d.t("report.digest.per_opd_title", nil))
	cols := []pdfCol{
		{d.t("print.pdf.col.no", nil), 7, "R"}, {d.t("print.pdf.col.opd", nil), 80, "L"},
		{d.t("print.pdf.col.quick_wins", nil), 12, "R"}, {d.t("print.pdf.col.mean", nil), 14, "R"},
		{d.t("print.pdf.col.category", nil), 26, "L"}, {d.t("print.pdf.col.late", nil), 15, "R"},
		{d.t("print.pdf.col.at_risk", nil), 14, "R"}, {d.t("print.pdf.col.unreported", nil), 13, "R"},
	}
	d.tableHeader(cols)
	for i, o := range d.ev.OPDs {
		name := o.OPD.Name + " (" + o.OPD.Code + ")"
		if len(o.QWs) == 0 {
			idle := "—"
			if n := len(o.NotStarted); n > 0 {
				idle = locales.TPlural(d.lang, "fair.not_started_count", n, nil)
			}
			d.tableRow(cols, []string{strconv.Itoa(i + 1), name, "0", "—", idle, "", "", ""}, i%2 == 1, 1, -1, "")
			continue
		}
		cat := quickwin.CategoryOf(o.Mean)
		d.tableRow(cols, []string{strconv.Itoa(i + 1), name, strconv.Itoa(len(o.QWs)), locales.FormatPercent(d.lang, o.Mean),
			d.t("category."+string(cat), nil), strconv.Itoa(o.Late), strconv.Itoa(o.AtRisk), strconv.Itoa(o.Unreported)}, i%2 == 1, 1, 4, cat)
	}
}

// lateTable lists the late quick wins, most days late first.
func (d *pdfDoc) lateTable() {
	late := d.ev.Late
	_, pageH := d.pdf.GetPageSize()
	// A title alone at the foot of a page reads badly: start on the next.
	if d.pdf.GetY()+8+7+3*pdfRowHeight > pageH-pdfMargin-5 {
		d.pdf.AddPage()
	}
	d.heading(d.t("report.digest.late_title", map[string]any{"Count": locales.FormatNumber(d.lang, float64(len(late)))}))
	if len(late) == 0 {
		d.font("", 10, textColor)
		d.pdf.CellFormat(0, 6, d.t("report.digest.none_late", nil), "", 1, "L", false, 0, "")
		return
	}
	cols := []pdfCol{
		{d.t("print.pdf.col.no", nil), 7, "R"}, {d.t("print.pdf.col.code", nil), 24, "L"},
		{d.t("print.pdf.col.title", nil), 87, "L"}, {d.t("print.pdf.col.deadline", nil), 28, "L"},
		{d.t("print.pdf.col.days_late", nil), 18, "R"}, {d.t("print.pdf.col.capaian", nil), 16, "R"},
	}
	d.tableHeader(cols)
	_, pageH = d.pdf.GetPageSize()
	shown := 0
	for i, q := range late[:min(pdfLateLimit, len(late))] {
		// Keep a row free for the "and n more" line.
		if d.pdf.PageNo() >= pdfMaxPages && d.pdf.GetY()+2*pdfRowHeight > pageH-pdfMargin-5 {
			break
		}
		shown++
		d.tableRow(cols, []string{strconv.Itoa(i + 1), q.C.Code, q.C.Title, locales.FormatDate(d.lang, q.C.Deadline),
			strconv.Itoa(q.DaysLate), locales.FormatPercent(d.lang, q.Capaian)}, i%2 == 1, 2, -1, "")
	}
	if n := len(late) - shown; n > 0 {
		d.font("", 9, mutedColor)
		d.pdf.CellFormat(0, 6, d.t("print.pdf.more", map[string]any{"Count": locales.FormatNumber(d.lang, float64(n))}), "", 1, "L", false, 0, "")
	}
}
