package digest

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"quickwin"
	"quickwin/locales"
)

// Bar colours, one per category. They are the hues of the emoji the texts
// use (🟢 🟡 🟠 🔴) in Material Design's 800 shades: dark enough to tell
// apart on a phone in daylight, and the amber stays visible on white. The
// two greens differ in lightness, as on the dashboard, and the legend
// names each.
const (
	ColorDarkGreen = "#1B5E20" // 🟢 Sangat tinggi: ≥ 91
	ColorGreen     = "#43A047" // 🟢 Tinggi: 76–90
	ColorAmber     = "#F9A825" // 🟡 Sedang: 66–75
	ColorOrange    = "#EF6C00" // 🟠 Rendah: 51–65
	ColorRed       = "#C62828" // 🔴 Sangat rendah: ≤ 50
)

var bandColors = [numBands]string{ColorDarkGreen, ColorGreen, ColorAmber, ColorOrange, ColorRed}

// CategoryColor returns the bar colour of a category.
func CategoryColor(c quickwin.Category) color.RGBA {
	d := drawing.ColorFromHex(bandColors[bandOf(c)][1:])
	return color.RGBA{R: d.R, G: d.G, B: d.B, A: 255}
}

// The chart is 1080 px wide, the width phones show a photo at, with one
// horizontal bar per OPD: names stay horizontal and readable however many
// OPDs there are (a regency has about 40), and the picture grows in height.
// Sizes are pixels (the renderer runs at 72 DPI, where a point is a pixel).
const (
	chartWidth  = 1080
	chartMargin = 32
	labelWidth  = 400 // the OPD names' column
	valueWidth  = 110 // the values' column right of the plot: "100,5%"
	rowHeight   = 44
	barHeight   = 30
	plotTop     = 210 // below the title, one subtitle line and one row of legend (chart_layout adds what wraps)
	titleSize   = 34
	textSize    = 24
	smallSize   = 21
	maxScale    = 200 // bars beyond 200 % are cut; their label tells the value
)

var (
	textColor  = drawing.ColorFromHex("212121")
	mutedColor = drawing.ColorFromHex("616161")
	gridColor  = drawing.ColorFromHex("E0E0E0")
	refColor   = drawing.ColorFromHex("37474F")
	zebraColor = drawing.ColorFromHex("F5F5F5")
)

// bar is one row of the chart.
type bar struct {
	Label string  // the OPD's name
	Code  string  // the OPD's code: shown when the name must be shortened
	Value float64 // capaian or score, 0–100 and beyond
	Text  string  // the value as shown
}

// chartSpec is what a chart shows; every text is already translated.
type chartSpec struct {
	Title, Subtitle string
	Legend          [numBands]string // one label per category
	Reference       string           // label of the 100 line
	Empty           string           // shown when there is no bar
	Bars            []bar
}

// drawChart renders spec as a PNG with go-chart's raster renderer and its
// embedded Roboto font (go-chart ships the font; no system font is needed).
func drawChart(spec chartSpec) ([]byte, error) {
	font, err := chart.GetDefaultFont()
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	meter, err := chart.PNG(chartWidth, 1)
	if err != nil {
		return nil, fmt.Errorf("chart canvas: %w", err)
	}
	meter.SetDPI(72)
	meter.SetFont(font)
	lay := layoutChart(meter, spec) // chart_layout.go
	plotTop, plotBottom, height := lay.plotTop, lay.plotBottom, lay.height
	r, err := chart.PNG(chartWidth, height)
	if err != nil {
		return nil, fmt.Errorf("chart canvas: %w", err)
	}
	r.SetDPI(72)
	r.SetFont(font)
	fillRect(r, 0, 0, chartWidth, height, drawing.ColorWhite)

	text(r, spec.Title, chartMargin, 52, titleSize, textColor)
	for i, sub := range lay.subtitle {
		text(r, sub, chartMargin, 92+i*subtitleLead, textSize, mutedColor)
	}
	// Legend: a swatch and its label per band, left to right, wrapping.
	for i, label := range spec.Legend {
		x, y := lay.legendX[i], lay.legendY[i]
		fillRect(r, x, y, x+22, y+22, drawing.ColorFromHex(bandColors[i][1:]))
		text(r, label, x+30, y+19, smallSize, textColor)
	}

	plotLeft := chartMargin + labelWidth + 16
	plotRight := chartWidth - chartMargin - valueWidth
	scale := 100.0
	for _, b := range spec.Bars {
		scale = math.Max(scale, math.Min(math.Ceil(b.Value/25)*25, maxScale))
	}
	xOf := func(v float64) int {
		v = math.Min(math.Max(v, 0), scale)
		return plotLeft + int(math.Round(float64(plotRight-plotLeft)*v/scale))
	}

	if len(spec.Bars) == 0 {
		text(r, spec.Empty, plotLeft, plotTop+30, textSize, mutedColor)
	}
	for i, row := range lay.rows {
		if i%2 == 1 {
			fillRect(r, chartMargin, row.top, chartWidth-chartMargin, row.top+row.height, zebraColor)
		}
	}
	// Grid every 25; its numbers once, on the axis below the plot.
	for v := 0.0; v <= scale; v += 25 {
		gx := xOf(v)
		line(r, gx, plotTop, gx, plotBottom, gridColor, 1, nil)
		if v != 100 {
			label := strconv.Itoa(int(v))
			w := measure(r, label, smallSize)
			text(r, label, gx-w/2, plotBottom+28, smallSize, mutedColor)
		}
	}
	for i, b := range spec.Bars {
		row := lay.rows[i]
		mid := row.top + row.height/2
		first := mid + 9 - (len(row.label)-1)*labelLead/2
		for k, label := range row.label {
			text(r, label, plotLeft-16-measure(r, label, textSize), first+k*labelLead, textSize, textColor)
		}
		end := xOf(b.Value)
		if end > plotLeft {
			fillRect(r, plotLeft, mid-barHeight/2, end, mid+barHeight/2, drawing.ColorFromHex(bandColors[bandOf(quickwin.CategoryOf(b.Value))][1:]))
		}
		// Values stand in their own right-aligned column, clear of the
		// 100 line that a bar near 100 would otherwise put them on.
		text(r, b.Text, chartWidth-chartMargin-measure(r, b.Text, smallSize), mid+8, smallSize, textColor)
	}
	// The 100 line goes over the bars: the target every bar is read against,
	// labelled once, on the axis with the other numbers.
	ref := xOf(100)
	line(r, ref, plotTop-4, ref, plotBottom+4, refColor, 3, []float64{10, 6})
	w := measure(r, spec.Reference, smallSize)
	text(r, spec.Reference, ref-w/2, plotBottom+28, smallSize, refColor)

	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// capaianChart is the digest's chart: each OPD's mean capaian, best first.
func capaianChart(l locales.Lang, ev *evaluation) ([]byte, error) {
	spec := chartSpecFor(l)
	spec.Title = locales.T(l, "report.chart.capaian_title", map[string]any{"Month": locales.FormatMonth(l, ev.Month.Start)})
	spec.Subtitle = locales.T(l, "report.chart.capaian_subtitle", map[string]any{"Name": ev.Tenant.Name})
	spec.Reference = locales.FormatPercent(l, 100)
	for _, o := range ev.best(len(ev.OPDs)) {
		name := o.OPD.Name
		if name == "" {
			name = o.OPD.Code
		}
		spec.Bars = append(spec.Bars, bar{Label: name, Code: o.OPD.Code, Value: o.Mean, Text: locales.FormatPercent(l, o.Mean)})
	}
	return drawChart(spec)
}

// scoreChart is the leaderboard's chart: each OPD's score in rank order,
// coloured on the same scale as capaian so that one key reads both.
func scoreChart(l locales.Lang, tenant *quickwin.Tenant, standings []quickwin.Standing, date string) ([]byte, error) {
	spec := chartSpecFor(l)
	spec.Title = locales.T(l, "report.chart.score_title", map[string]any{"Date": date})
	spec.Subtitle = locales.T(l, "report.chart.score_subtitle", map[string]any{"Name": tenant.Name})
	spec.Reference = locales.FormatNumber(l, 100)
	for _, s := range standings {
		if s.Unranked { // no running quick win: no bar, as no rank
			continue
		}
		name := s.OPDName
		if name == "" {
			name = s.OPDCode
		}
		spec.Bars = append(spec.Bars, bar{Label: fmt.Sprintf("%d. %s", s.Rank, name), Code: s.OPDCode, Value: s.Score, Text: locales.FormatNumber(l, s.Score)})
	}
	return drawChart(spec)
}

func chartSpecFor(l locales.Lang) chartSpec {
	return chartSpec{
		Legend: [numBands]string{
			locales.T(l, "fair.chart.legend.very_high", nil), locales.T(l, "fair.chart.legend.high", nil),
			locales.T(l, "fair.chart.legend.medium", nil), locales.T(l, "fair.chart.legend.low", nil),
			locales.T(l, "fair.chart.legend.very_low", nil),
		},
		Empty: locales.T(l, "report.chart.empty", nil),
	}
}

func fillRect(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color) {
	r.SetFillColor(c)
	r.SetStrokeWidth(0)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
	r.Fill()
}

func line(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color, width float64, dash []float64) {
	r.SetStrokeColor(c)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(dash)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y1)
	r.Stroke()
	r.SetStrokeDashArray(nil)
}

// text draws s with its baseline at y.
func text(r chart.Renderer, s string, x, y int, size float64, c drawing.Color) {
	r.SetFontSize(size)
	r.SetFontColor(c)
	r.Text(s, x, y)
}

func measure(r chart.Renderer, s string, size float64) int {
	r.SetFontSize(size)
	return r.MeasureText(s).Width()
}

// fitLabel returns name when it is at most width pixels wide; otherwise it
// shortens the name with "…" and adds the code, because names of OPDs share
// long beginnings ("Dinas Pemberdayaan …") and only the code then tells
// them apart.
func fitLabel(r chart.Renderer, name, code string, width int, size float64) string {
	if measure(r, name, size) <= width {
		return name
	}
	suffix := "… (" + code + ")"
	if code == "" {
		suffix = "…"
	}
	runes := []rune(name)
	for n := len(runes) - 1; n > 0; n-- {
		if t := strings.TrimSpace(string(runes[:n])) + suffix; measure(r, t, size) <= width {
			return t
		}
	}
	return strings.TrimPrefix(suffix, "… ")
}
