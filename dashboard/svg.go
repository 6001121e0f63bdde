package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"quickwin"
)

// The charts are SVG written here, on the server: no script draws them,
// they scale with the screen, and a page with several stays a few
// kilobytes. Colours are attributes, not style, so the CSP's style-src
// 'self' allows them. Every text in them is escaped.

// categoryColor is the colour of a category band (SPEC §5: 🟢🟡🟠🔴).
func categoryColor(c quickwin.Category) string {
	switch c {
	case quickwin.CategoryVeryHigh:
		return "#1b873f"
	case quickwin.CategoryHigh:
		return "#4caf50"
	case quickwin.CategoryMedium:
		return "#e8b100"
	case quickwin.CategoryLow:
		return "#ef6c00"
	}
	return "#d32f2f"
}

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

// progressBar is a bar of pct (capped to 0–100) in the category's colour.
func progressBar(pct float64, c quickwin.Category) template.HTML {
	w := math.Max(0, math.Min(100, pct))
	return template.HTML(`<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">` +
		`<rect width="100" height="8" rx="2" class="track"/>` +
		`<rect width="` + f1(w) + `" height="8" rx="2" fill="` + categoryColor(c) + `"/></svg>`)
}

// bandsBar is one stacked bar of how many quick wins fall in each category.
func bandsBar(counts map[quickwin.Category]int, label func(quickwin.Category) string) template.HTML {
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<svg class="bands" viewBox="0 0 100 10" preserveAspectRatio="none" role="img">`)
	x := 0.0
	for _, c := range quickwin.Categories {
		n := counts[c]
		if n == 0 {
			continue
		}
		w := float64(n) / float64(total) * 100
		fmt.Fprintf(&b, `<rect x="%s" width="%s" height="10" fill="%s"><title>%s: %d</title></rect>`, f1(x), f1(w), categoryColor(c), html.EscapeString(label(c)), n)
		x += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// monthPoint is one month of a quick win's chart.
type monthPoint struct {
	Label    string
	Value    *float64 // realisation (numeric) or % of steps done (milestone); nil: no report
	Target   float64
	Category quickwin.Category
}

// realisationChart draws realisation bars against the target line, month
// by month. unit labels the axis.
func realisationChart(points []monthPoint, unit string, title string) template.HTML {
	const w, h, left, bottom, top = 640.0, 260.0, 52.0, 28.0, 16.0
	maxV := 0.0
	for _, p := range points {
		maxV = math.Max(maxV, p.Target)
		if p.Value != nil {
			maxV = math.Max(maxV, *p.Value)
		}
	}
	if maxV <= 0 {
		maxV = 1
	}
	maxV = niceCeil(maxV * 1.05)
	plotW, plotH := w-left-8, h-bottom-top
	y := func(v float64) float64 { return top + plotH - v/maxV*plotH }
	slot := plotW / float64(max(1, len(points)))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img"><title>%s</title>`, w, h, html.EscapeString(title))
	for i := 0; i <= 4; i++ {
		v := maxV * float64(i) / 4
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%s" y2="%s" class="grid"/><text x="%.0f" y="%s" class="axis" text-anchor="end">%s</text>`,
			left, w-8, f1(y(v)), f1(y(v)), left-4, f1(y(v)+4), html.EscapeString(shortNum(v)))
	}
	var target strings.Builder
	for i, p := range points {
		x := left + float64(i)*slot
		if p.Value != nil {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s %s</title></rect>`,
				f1(x+slot*0.2), f1(y(*p.Value)), f1(slot*0.6), f1(math.Max(0, y(0)-y(*p.Value))), categoryColor(p.Category),
				html.EscapeString(p.Label), html.EscapeString(shortNum(*p.Value)), html.EscapeString(unit))
		}
		fmt.Fprintf(&b, `<text x="%s" y="%.0f" class="axis" text-anchor="middle">%s</text>`, f1(x+slot/2), h-6, html.EscapeString(p.Label))
		if i == 0 {
			fmt.Fprintf(&target, "M%s %s", f1(x), f1(y(p.Target)))
		} else {
			fmt.Fprintf(&target, " L%s %s", f1(x), f1(y(p.Target)))
		}
		fmt.Fprintf(&target, " L%s %s", f1(x+slot), f1(y(p.Target)))
	}
	fmt.Fprintf(&b, `<path d="%s" class="target"/></svg>`, target.String())
	return template.HTML(b.String())
}

// sparkline draws a score over weeks. Its height spans the scores' own
// range (at least 10 points), so that a move of a few points shows.
func sparkline(scores []float64) template.HTML {
	if len(scores) == 0 {
		return ""
	}
	const w, h = 120.0, 28.0
	lo, hi := scores[0], scores[0]
	for _, s := range scores {
		lo, hi = math.Min(lo, s), math.Max(hi, s)
	}
	if hi-lo < 10 {
		mid := (hi + lo) / 2
		lo, hi = mid-5, mid+5
	}
	var pts []string
	for i, s := range scores {
		x := w / 2
		if len(scores) > 1 {
			x = float64(i) / float64(len(scores)-1) * (w - 4)
		}
		pts = append(pts, f1(x+2)+","+f1(h-2-(s-lo)/(hi-lo)*(h-4)))
	}
	last := pts[len(pts)-1]
	lx, ly, _ := strings.Cut(last, ",")
	return template.HTML(fmt.Sprintf(`<svg class="spark" viewBox="0 0 %.0f %.0f" aria-hidden="true"><polyline points="%s" class="trend"/><circle cx="%s" cy="%s" r="2.5" class="trend-dot"/></svg>`,
		w, h, strings.Join(pts, " "), lx, ly))
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// shortNum prints an axis value without needless decimals.
func shortNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
