package digest

import (
	"github.com/xuri/excelize/v2"

	"quickwin/locales"
)

// This file writes the workbook's first sheet, "Ringkasan": what a Sekda
// reads before anything else — whose data, which period, the headline
// numbers and the capaian chart — laid out to print on one page.

// frontChartScale shrinks the 1080 px wide chart to about half a landscape
// page next to the numbers.
const frontChartScale = 0.5

// addFront writes the first sheet. period is what the workbook covers;
// chart is the capaian chart's PNG (none when empty).
func (w *workbook) addFront(ev *evaluation, chart []byte) error {
	name, err := w.newSheet("print.xlsx.sheet.front")
	if err != nil {
		return err
	}
	f, l := w.f, w.lang
	t := func(key string) string { return locales.T(l, key, nil) }
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "bottom", Color: "9E9E9E", Style: 1}}})
	if err != nil {
		return err
	}
	total := &ev.Total
	var mean any
	if len(total.QWs) > 0 {
		mean = excelize.Cell{StyleID: w.styles[kindPercent], Value: total.Mean}
	}
	rows := [][]any{
		{excelize.Cell{StyleID: title, Value: locales.T(l, "print.xlsx.front.title", map[string]any{"Name": ev.Tenant.Name})}},
		{t("report.xlsx.about.period"), w.page.Period},
		{t("print.xlsx.front.judged_month"), locales.FormatMonth(l, ev.Month.Start)},
		{t("report.xlsx.about.made_at"), w.page.MadeAt},
		{},
		{excelize.Cell{StyleID: bold, Value: t("print.xlsx.front.numbers")}, excelize.Cell{StyleID: bold}},
		{t("print.xlsx.front.quick_wins"), len(total.QWs)},
		{t("fair.xlsx.col.not_started"), len(total.NotStarted)},
		{t("report.xlsx.col.mean"), mean},
		{t("fair.xlsx.col.very_high"), total.Bands[0]},
		{t("fair.xlsx.col.high"), total.Bands[1]},
		{t("fair.xlsx.col.medium"), total.Bands[2]},
		{t("fair.xlsx.col.low"), total.Bands[3]},
		{t("fair.xlsx.col.very_low"), total.Bands[4]},
		{t("report.xlsx.col.late"), total.Late},
		{t("report.xlsx.col.at_risk"), total.AtRisk},
		{t("report.xlsx.col.unreported"), total.Unreported},
		{t("print.xlsx.front.opds"), len(ev.evaluated())},
		{t("print.xlsx.front.attention"), len(ev.attention())},
		{},
		{t("report.xlsx.about.categories"), t("print.pdf.scale")}, // no emoji: printers lack them
	}
	// excelize.Cell is the stream writer's styled value; this sheet is
	// written cell by cell, its style set apart.
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			style := 0
			if sc, ok := v.(excelize.Cell); ok {
				v, style = sc.Value, sc.StyleID
			}
			if v != nil {
				if err := f.SetCellValue(name, cell, v); err != nil {
					return err
				}
			}
			if style != 0 {
				if err := f.SetCellStyle(name, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	if err := f.SetColWidth(name, "A", "A", 34); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "B", "B", 24); err != nil {
		return err
	}
	// The colour scale is a long line: it may run over the empty columns
	// to its right, but not under the chart.
	if err := f.SetColWidth(name, "C", "C", 2); err != nil {
		return err
	}
	if len(chart) > 0 {
		if err := f.AddPictureFromBytes(name, "D1", &excelize.Picture{Extension: ".png", File: chart,
			Format: &excelize.GraphicOptions{ScaleX: frontChartScale, ScaleY: frontChartScale, LockAspectRatio: true,
				AltText: locales.T(l, "print.xlsx.front.chart_alt", nil)}}); err != nil {
			return err
		}
	}
	if err := w.setupPrint(name, 0); err != nil {
		return err
	}
	// One page: the chart of 40 OPDs is taller than a landscape page is
	// wide, and the summary is read as one sheet of paper.
	one := 1
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{FitToHeight: &one})
}
