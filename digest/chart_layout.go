package digest

import (
	"strings"

	"github.com/wcharczuk/go-chart/v2"
)

// The chart's layout grows to fit its words instead of cutting them: a
// long subtitle wraps onto more lines, a legend wider than the chart
// continues on the next line, and a long OPD name takes two lines
// ("Badan Perencanaan Pembangunan / Daerah") instead of "Badan Perencan…";
// only a name longer than two lines is shortened, with its code.

const (
	subtitleLead = 32 // pixels between subtitle lines
	legendLead   = 34 // pixels between legend lines
	rowHeight2   = 70 // a row whose name takes two lines
	labelLead    = 26 // pixels between the two lines of a name
)

// chartRow is one bar's row: where it starts, how tall it is, the name's lines.
type chartRow struct {
	top, height int
	label       []string
}

// chartLayout is where each part of a chart goes.
type chartLayout struct {
	subtitle     []string
	legendX      []int // per legend entry: the swatch's left edge
	legendY      []int // per legend entry: the swatch's top
	plotTop      int
	plotBottom   int
	height       int
	rows         []chartRow
	legendHeight int
}

// layoutChart measures spec's texts with m and places them.
func layoutChart(m chart.Renderer, spec chartSpec) chartLayout {
	var l chartLayout
	l.subtitle = wrapText(m, spec.Subtitle, chartWidth-2*chartMargin, textSize)
	extra := max(len(l.subtitle)-1, 0) * subtitleLead
	x, y := chartMargin, 122+extra
	for _, label := range spec.Legend {
		w := 30 + measure(m, label, smallSize)
		if x > chartMargin && x+w > chartWidth-chartMargin {
			x, y = chartMargin, y+legendLead
			extra += legendLead
		}
		l.legendX, l.legendY = append(l.legendX, x), append(l.legendY, y)
		x += w + 28
	}
	l.plotTop = plotTop + extra
	top := l.plotTop
	for _, b := range spec.Bars {
		lines := labelLines(m, b.Label, b.Code, labelWidth, textSize)
		h := rowHeight
		if len(lines) > 1 {
			h = rowHeight2
		}
		l.rows = append(l.rows, chartRow{top: top, height: h, label: lines})
		top += h
	}
	if len(spec.Bars) == 0 {
		top += rowHeight // room for the "nothing yet" line
	}
	l.plotBottom = top
	l.height = l.plotBottom + 56
	return l
}

// wrapText breaks s into lines at most width pixels wide, between words; a
// single word wider than width keeps a line of its own.
func wrapText(m chart.Renderer, s string, width int, size float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && measure(m, try, size) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// labelLines is an OPD's name in at most two lines of width pixels; a
// longer one is shortened on its second line, with the code that tells
// similar names apart.
func labelLines(m chart.Renderer, name, code string, width int, size float64) []string {
	lines := wrapText(m, name, width, size)
	switch {
	case len(lines) == 0:
		return []string{code}
	case len(lines) == 1 && measure(m, lines[0], size) > width:
		return []string{fitLabel(m, lines[0], code, width, size)}
	case len(lines) <= 2:
		if measure(m, lines[len(lines)-1], size) > width {
			lines[len(lines)-1] = fitLabel(m, lines[len(lines)-1], code, width, size)
		}
		return lines
	}
	return []string{lines[0], fitLabel(m, strings.Join(lines[1:], " "), code, width, size)}
}
