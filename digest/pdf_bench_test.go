package digest

import (
	"testing"
	"time"
)

// BenchmarkDigestPDF times the digest PDF of one tenant of 40 OPDs × 25
// quick wins after the reads: with the chart already drawn (the digest
// draws it once for the message and the PDF) and with the chart.
//
//	go test ./report -run '^$' -bench DigestPDF -benchtime 20x -benchmem
func BenchmarkDigestPDF(b *testing.B) {
	g := generate("t00", benchOPDs, benchPerOPD, benchMonths, 1)
	month := monthOf(time.Date(2027, 12, 1, 0, 0, 0, 0, jakarta), jakarta)
	ev := evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), g.Reports, month, benchNow)
	png, err := capaianChart("id", ev)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pdf", func(b *testing.B) {
		var size int
		for b.Loop() {
			pdf, err := digestPDF("id", ev, png, PaperA4, true)
			if err != nil {
				b.Fatal(err)
			}
			size = len(pdf)
		}
		b.ReportMetric(float64(size)/1024, "KiB")
	})
	b.Run("chart+pdf", func(b *testing.B) {
		for b.Loop() {
			png, err := capaianChart("id", ev)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := digestPDF("id", ev, png, PaperA4, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}
