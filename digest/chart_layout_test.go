package digest

import (
	"os"
	"strings"
	"testing"

	"github.com/wcharczuk/go-chart/v2"

	"quickwin/locales"
)

func meterForTest(t *testing.T) chart.Renderer {
	t.Helper()
	font, err := chart.GetDefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	m, err := chart.PNG(chartWidth, 1)
	if err != nil {
		t.Fatal(err)
	}
	m.SetDPI(72)
	m.SetFont(font)
	return m
}

// TestChartLayoutWrapsInsteadOfCutting: a long subtitle wraps, long OPD
// names take two lines whole ("Badan Perencanaan Pembangunan Daerah"), a
// name too long even for two lines is shortened with its code, and the
// chart grows to hold them.
func TestChartLayoutWrapsInsteadOfCutting(t *testing.T) {
	t.Parallel()
	m := meterForTest(t)
	spec := chartSpecFor(locales.ID)
	spec.Title = "Capaian Maret 2027"
	spec.Subtitle = "Pemerintah Kabupaten Sumedang · rata-rata capaian quick win per OPD, masing-masing paling tinggi 100, dihitung dari laporan yang terverifikasi"
	spec.Bars = []bar{
		{Label: "Bappeda", Code: "BAPPEDA", Value: 80},
		{Label: "Badan Perencanaan Pembangunan Daerah", Code: "BAPPEDA", Value: 70},
		{Label: "Dinas Pemberdayaan Masyarakat, Desa, Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak", Code: "DPMD", Value: 12},
	}
	lay := layoutChart(m, spec)
	if len(lay.subtitle) < 2 || strings.Join(lay.subtitle, " ") != spec.Subtitle {
		t.Errorf("subtitle lines %q", lay.subtitle)
	}
	for _, line := range lay.subtitle {
		if w := measure(m, line, textSize); w > chartWidth-2*chartMargin {
			t.Errorf("subtitle line %q is %d px wide", line, w)
		}
	}
	if got := lay.rows[0].label; len(got) != 1 || got[0] != "Bappeda" {
		t.Errorf("short name: %q", got)
	}
	if got := strings.Join(lay.rows[1].label, " "); len(lay.rows[1].label) != 2 || got != "Badan Perencanaan Pembangunan Daerah" {
		t.Errorf("long name not wrapped whole: %q", lay.rows[1].label)
	}
	if got := lay.rows[2].label; len(got) != 2 || !strings.HasSuffix(got[1], "… (DPMD)") {
		t.Errorf("very long name: %q", got)
	}
	for _, row := range lay.rows {
		for _, line := range row.label {
			if w := measure(m, line, textSize); w > labelWidth {
				t.Errorf("label line %q is %d px wide", line, w)
			}
		}
	}
	wantBottom := lay.plotTop + rowHeight + 2*rowHeight2
	if lay.plotTop <= plotTop || lay.plotBottom != wantBottom || lay.height != wantBottom+56 {
		t.Errorf("layout %+v", lay)
	}
	data, err := drawChart(spec)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := colorsIn(t, data, 0)
	if b.Dy() != lay.height {
		t.Errorf("chart is %d px high, layout says %d", b.Dy(), lay.height)
	}
	if dir := os.Getenv("QW_CHART_OUT"); dir != "" {
		_ = os.WriteFile(dir+"/chart_layout.png", data, 0o644)
	}
}

func TestWrapText(t *testing.T) {
	t.Parallel()
	m := meterForTest(t)
	if got := wrapText(m, "", 100, textSize); len(got) != 0 {
		t.Errorf("empty: %q", got)
	}
	if got := wrapText(m, "Bappeda", 400, textSize); len(got) != 1 {
		t.Errorf("short: %q", got)
	}
	if got := wrapText(m, "Pemberdayaan", 10, textSize); len(got) != 1 || got[0] != "Pemberdayaan" {
		t.Errorf("a word wider than the line keeps a line: %q", got)
	}
}
