package scheduler_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"quickwin"
)

func (p *fakePublisher) TenantSummaryPDF(context.Context, string, time.Time, string) (*quickwin.Document, error) {
	return nil, nil
}

// pdfPublisher's tenant digest comes with a PDF, as report's does.
type pdfPublisher struct{ *fakePublisher }

func (p pdfPublisher) TenantDigest(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	d, err := p.fakePublisher.TenantDigest(ctx, tenantID, month, lang)
	if d != nil {
		d.PDF, d.PDFName = []byte("%PDF-1.3 digest"), "evaluasi-bulanan-"+month.Format("2006-01")+".pdf"
	}
	return d, err
}

// TestDigestSendsThePDF: leaders get the digest's PDF after its workbook,
// under its own key; heads, whose digest has none, get no PDF.
func TestDigestSendsThePDF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.commitment(t, "DINKES", "Posyandu", wib(2027, 9, 30, 0, 0))
	j := f.jobs()
	j.Publisher = pdfPublisher{&fakePublisher{}}
	if _, err := j.Digest(ctx, f.tenant, wib(2027, 4, 5, 8, 0)); err != nil {
		t.Fatal(err)
	}
	m := f.message(t, "digest/"+f.leader.ID+"/2027-03/pdf")
	if !bytes.Equal(m.File, []byte("%PDF-1.3 digest")) || m.FileName != "evaluasi-bulanan-2027-03.pdf" || !strings.Contains(m.Text, "Maret 2027") || m.ChatID != f.leader.TelegramID {
		t.Errorf("PDF message %q %q %q to %d", m.File, m.FileName, m.Text, m.ChatID)
	}
	if m := f.message(t, "digest/"+f.leader.ID+"/2027-03/file"); m.FileName != "evaluasi.xlsx" {
		t.Errorf("the workbook went missing: %q", m.FileName)
	}
}
