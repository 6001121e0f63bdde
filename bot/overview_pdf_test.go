package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"quickwin"
)

func (f *fakePublisher) TenantSummaryPDF(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	f.asked = append(f.asked, "pdf "+month.Format("2006-01")+" "+lang)
	return &quickwin.Document{Parts: []string{"Evaluasi bulanan " + month.Format("2006-01")},
		PDF: []byte("%PDF-1.3 fake"), PDFName: "evaluasi-bulanan-" + month.Format("2006-01") + ".pdf"}, nil
}

// TestSummaryPDF: `/ringkasan pdf` sends leaders and admins the month's
// digest as a PDF document ("lalu" in any order for last month); a head,
// whose summary covers one OPD, is told the PDF is for leaders.
func TestSummaryPDF(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pub := &fakePublisher{}
	h.restart(func(cfg *Config) { cfg.Publisher = pub })
	running(t, h, "DINKES")
	h.admin.Send("/ringkasan pdf")
	doc := h.admin.NextReply(t)
	if doc.Method != "sendDocument" || doc.FileName != "evaluasi-bulanan-2027-03.pdf" || string(doc.FileBytes) != "%PDF-1.3 fake" || !strings.Contains(doc.Text, "Evaluasi bulanan 2027-03") {
		t.Errorf("PDF: %s %q %q", doc.Method, doc.FileName, doc.Text)
	}
	h.admin.Send("/summary PDF last")
	if doc := h.admin.NextReply(t); doc.FileName != "evaluasi-bulanan-2027-02.pdf" {
		t.Errorf("last month's PDF: %s %q", doc.Method, doc.FileName)
	}
	if len(pub.asked) != 2 || pub.asked[0] != "pdf 2027-03 id" || pub.asked[1] != "pdf 2027-02 id" {
		t.Errorf("asked %v", pub.asked)
	}

	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + h.invite("DINKES kepala"))
	head.NextReply(t)
	head.Send("/ringkasan pdf")
	contains(t, head.NextReply(t), "untuk pimpinan dan admin")
	if len(pub.asked) != 2 {
		t.Errorf("a head's request rendered a PDF: %v", pub.asked)
	}
}

func TestSummaryArgs(t *testing.T) {
	t.Parallel()
	for args, want := range map[string][2]bool{
		"": {false, false}, "lalu": {true, false}, "pdf": {false, true}, "bulan lalu pdf": {true, true},
		"PDF last": {true, true}, "last month": {true, false}, "cetak": {false, true}, "besok": {false, false},
	} {
		if last, pdf := summaryArgs(args); last != want[0] || pdf != want[1] {
			t.Errorf("summaryArgs(%q) = %v, %v; want %v", args, last, pdf, want)
		}
	}
}
