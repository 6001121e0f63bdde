package digest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"quickwin"
	"quickwin/locales"
)

// colorsIn returns the colours of the pixels from row y0 down.
func colorsIn(t *testing.T, data []byte, y0 int) (image.Rectangle, map[color.RGBA]int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	seen := map[color.RGBA]int{}
	b := img.Bounds()
	for y := y0; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	return b, seen
}

func TestChartColoursAndSize(t *testing.T) {
	t.Parallel()
	bars := []bar{
		{Label: "Dinas Komunikasi dan Informatika", Code: "DISKOMINFO", Value: 98, Text: "98%"},
		{Label: "Bappeda", Code: "BAPPEDA", Value: 80, Text: "80%"}, // Tinggi is green too
		{Label: "Dinas Pendidikan", Code: "DISDIK", Value: 55, Text: "55%"},
		{Label: "Dinas Pemberdayaan Masyarakat, Desa, Perempuan dan Perlindungan Anak", Code: "DPMDP3A", Value: 12, Text: "12%"},
		{Label: "Dinas Lingkungan Hidup", Code: "DLH", Value: 160, Text: "160%"}, // beyond 100: the scale grows
	}
	spec := chartSpecFor(locales.ID)
	spec.Title, spec.Reference, spec.Bars = "Capaian", "100%", bars
	data, err := drawChart(spec)
	if err != nil {
		t.Fatal(err)
	}
	b, seen := colorsIn(t, data, plotTop) // below the legend: bars only
	if lay := layoutChart(meterForTest(t), spec); b.Dx() != chartWidth || b.Dy() != lay.height {
		t.Errorf("size %v, want %d×%d", b.Size(), chartWidth, lay.height)
	}
	const minPixels = 200 // a bar, not an anti-aliased edge
	for _, c := range []quickwin.Category{quickwin.CategoryVeryHigh, quickwin.CategoryLow, quickwin.CategoryVeryLow} {
		if n := seen[CategoryColor(c)]; n < minPixels {
			t.Errorf("colour of %s (%v) on %d pixels of the bars", c, CategoryColor(c), n)
		}
	}
	if n := seen[CategoryColor(quickwin.CategoryMedium)]; n > 0 {
		t.Errorf("amber on %d pixels, but no bar is Sedang", n)
	}
	// Five categories, five colours: Sangat tinggi and Tinggi are told
	// apart by their green (and the legend's words).
	seenColour := map[color.RGBA]quickwin.Category{}
	for _, c := range quickwin.Categories {
		if other, dup := seenColour[CategoryColor(c)]; dup {
			t.Errorf("%s and %s share a colour", c, other)
		}
		seenColour[CategoryColor(c)] = c
	}
	if got := CategoryColor(quickwin.CategoryVeryHigh); got != (color.RGBA{0x1B, 0x5E, 0x20, 0xFF}) {
		t.Errorf("dark green = %v, want #1B5E20", got)
	}
}

// TestChartFortyOPDs checks that the digest's chart of a regency of 40
// OPDs stays 1080 px wide and gives every OPD a row of its own.
func TestChartFortyOPDs(t *testing.T) {
	t.Parallel()
	g := generate("big", 40, 25, 3, 1)
	month := monthOf(time.Date(2027, 3, 1, 0, 0, 0, 0, jakarta), jakarta)
	ev := evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), g.Reports, month, digestNow)
	data, err := capaianChart(locales.ID, ev)
	if err != nil {
		t.Fatal(err)
	}
	b, seen := colorsIn(t, data, plotTop)
	// Each OPD a row of its own: one line of name, or two for a long one.
	if b.Dx() != 1080 || b.Dy() < plotTop+40*rowHeight+56 || b.Dy() > plotTop+40*rowHeight2+56+legendLead+subtitleLead { // room for a wrapped legend and subtitle
		t.Errorf("size %v", b.Size())
	}
	for _, o := range ev.OPDs {
		if c := CategoryColor(quickwin.CategoryOf(o.Mean)); seen[c] == 0 {
			t.Errorf("%s: its colour %v is missing", o.OPD.Code, c)
		}
	}
}

func TestChartEmpty(t *testing.T) {
	t.Parallel()
	spec := chartSpecFor(locales.EN)
	spec.Title, spec.Reference = "Score", "100"
	data, err := drawChart(spec)
	if err != nil {
		t.Fatal(err)
	}
	_, seen := colorsIn(t, data, plotTop)
	for _, c := range bandCategory {
		if n := seen[CategoryColor(c)]; n > 0 {
			t.Errorf("an empty chart has %d pixels of %s", n, c)
		}
	}
}
