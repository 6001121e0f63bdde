package digest

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"quickwin"
	"quickwin/locales"
)

// The PDF is read back here without any PDF tool: fpdf writes each page
// as a page object followed by its content stream, and with compression
// off (digestPDF's last argument) the text is in plain "BT x y Td (…) Tj
// ET" operations, as UTF-16BE for the embedded Unicode font. The tests
// take the page count from the page objects and the text, line by line,
// from the operations' positions.

var (
	pageObject  = regexp.MustCompile(`<</Type /Page\n(?s:.*?)/Contents (\d+) 0 R>>`)
	textShowing = regexp.MustCompile(`BT (-?[\d.]+) (-?[\d.]+) Td \(((?:[^\\)]|\\.)*)\)\s*Tj ET`)
)

// pdfPages returns the text of each page: one line per baseline, top
// first, its pieces left to right joined by " | ".
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	var pages []string
	for _, m := range pageObject.FindAllSubmatch(pdf, -1) {
		obj := []byte("\n" + string(m[1]) + " 0 obj\n<</Length ")
		i := bytes.Index(pdf, obj)
		if i < 0 {
			t.Fatalf("content object %s not found", m[1])
		}
		rest := pdf[i+len(obj):]
		end := bytes.IndexByte(rest, '>')
		n, err := strconv.Atoi(string(rest[:end]))
		if err != nil {
			t.Fatalf("content object %s: %v (is the PDF compressed?)", m[1], err)
		}
		start := bytes.Index(rest, []byte("stream\n")) + len("stream\n")
		pages = append(pages, pageText(rest[start:start+n]))
	}
	if want := fmt.Sprintf("/Count %d", len(pages)); !bytes.Contains(pdf, []byte(want)) {
		t.Errorf("%d page objects, but the page tree has no %q", len(pages), want)
	}
	return pages
}

func pageText(content []byte) string {
	type piece struct {
		x, y float64
		s    string
	}
	var pieces []piece
	for _, m := range textShowing.FindAllSubmatch(content, -1) {
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		y, _ := strconv.ParseFloat(string(m[2]), 64)
		if s := decodeUTF16(unescapePDF(m[3])); strings.TrimSpace(s) != "" {
			pieces = append(pieces, piece{x, y, s})
		}
	}
	slices.SortStableFunc(pieces, func(a, b piece) int { return cmp.Or(cmp.Compare(b.y, a.y), cmp.Compare(a.x, b.x)) })
	var lines []string
	for i, p := range pieces {
		if i > 0 && p.y == pieces[i-1].y {
			lines[len(lines)-1] += " | " + p.s
		} else {
			lines = append(lines, p.s)
		}
	}
	return strings.Join(lines, "\n")
}

// unescapePDF undoes a PDF literal string's escapes.
func unescapePDF(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if '0' <= c && c <= '7' {
				v, j := 0, i
				for ; j < len(s) && j < i+3 && '0' <= s[j] && s[j] <= '7'; j++ {
					v = v*8 + int(s[j]-'0')
				}
				out = append(out, byte(v))
				i = j - 1
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// TestDigestPDFGolden renders the regency's March digest in both languages
// and compares its text, page by page, with the golden files; the table
// rows carry each OPD's mean, category, late, at-risk and unreported
// counts from the same evaluation as the text digest.
func TestDigestPDFGolden(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	march := time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, lang := range []string{"id", "en"} {
		ev, _, _, err := p.evaluateTenant(ctx, f.tenant.ID, march, false)
		if err != nil {
			t.Fatal(err)
		}
		png, err := capaianChart(locales.ParseLang(lang), ev)
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := digestPDF(locales.ParseLang(lang), ev, png, PaperA4, false)
		if err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, pdf)
		if len(pages) != 2 {
			t.Errorf("%s: %d pages, want 2 (numbers and chart; the table)", lang, len(pages))
		}
		var b strings.Builder
		for i, text := range pages {
			fmt.Fprintf(&b, "===== page %d of %d =====\n%s\n", i+1, len(pages), text)
		}
		golden(t, "digest_pdf."+lang+".golden", b.String())
		if n := bytes.Count(pdf, []byte("/FontFile2 ")); n != 2 {
			t.Errorf("%s: %d embedded fonts, want Noto Sans regular and bold", lang, n)
		}
		if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Errorf("%s: no chart image", lang)
		}
		if os.Getenv("QW_WRITE_PDF") != "" {
			_ = os.WriteFile(os.Getenv("QW_WRITE_PDF")+"."+lang+".pdf", pdf, 0o644)
		}
	}
}

// TestDigestPDFOf40OPDs: a regency of 40 OPDs × 25 quick wins, a year of
// reports and every quick win late, prints on at most three pages, with
// every OPD in the table and the late list capped.
func TestDigestPDFOf40OPDs(t *testing.T) {
	t.Parallel()
	g := generate("t00", benchOPDs, benchPerOPD, benchMonths, 1)
	month := monthOf(time.Date(2027, 12, 1, 0, 0, 0, 0, jakarta), jakarta)
	ev := evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), g.Reports, month, benchNow)
	png, err := capaianChart("id", ev)
	if err != nil {
		t.Fatal(err)
	}
	for _, paper := range []Paper{PaperA4, PaperF4} {
		pdf, err := digestPDF("id", ev, png, paper, false)
		if err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, pdf)
		if len(pages) < 1 || len(pages) > 3 {
			t.Fatalf("%s: %d pages, want 1 to 3", paper, len(pages))
		}
		all := strings.Join(pages, "\n")
		for _, o := range g.OPDs {
			if !strings.Contains(all, o.Name+" ("+o.Code+")") {
				t.Errorf("%s: OPD %s missing from the table", paper, o.Code)
			}
		}
		if !strings.Contains(all, fmt.Sprintf("dari %d", len(pages))) {
			t.Errorf("%s: no page numbers \"… dari %d\"", paper, len(pages))
		}
		if late := len(ev.Late); late > pdfLateLimit && !regexp.MustCompile(`dan [0-9.]+ lainnya`).MatchString(all) {
			t.Errorf("%s: %d late, the list does not say how many it left out:\n%s", paper, late, all)
		}
		if os.Getenv("QW_WRITE_PDF") != "" {
			_ = os.WriteFile(os.Getenv("QW_WRITE_PDF")+".40opd."+string(paper)+".pdf", pdf, 0o644)
		}
	}
}

func formatCount(n int) string {
	s := strconv.Itoa(n)
	if n >= 1000 {
		s = s[:len(s)-3] + "." + s[len(s)-3:]
	}
	return s
}

// TestTenantDigestCarriesThePDF: the leaders' digest and /ringkasan pdf
// both come with the PDF, named for the month.
func TestTenantDigestCarriesThePDF(t *testing.T) {
	t.Parallel()
	f := regency(t)
	p := f.publisher()
	march := time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	d, err := p.TenantDigest(ctx, f.tenant.ID, march, "id")
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.TenantSummaryPDF(ctx, f.tenant.ID, march, "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*quickwin.Document{d, s} {
		if !bytes.HasPrefix(doc.PDF, []byte("%PDF-")) || !bytes.Contains(doc.PDF, []byte("%%EOF")) || !strings.HasSuffix(doc.PDFName, "-2027-03.pdf") {
			t.Errorf("PDF of %d bytes named %q", len(doc.PDF), doc.PDFName)
		}
	}
	if len(s.Parts) != 1 || !strings.Contains(s.Parts[0], "Monthly evaluation March 2027") {
		t.Errorf("summary PDF caption %q", s.Parts)
	}
}

// TestDigestPDFOfEmptyTenant: without quick wins the PDF says so and
// still lists the OPDs.
func TestDigestPDFOfEmptyTenant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ev, _, _, err := f.publisher().evaluateTenant(ctx, f.tenant.ID, digestNow, false)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := digestPDF("en", ev, nil, PaperA4, false)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, "\n")
	if len(pages) != 2 || !strings.Contains(all, "No quick win is running this month") || !strings.Contains(all, "Inspektorat (INSPEKTORAT) | 0") {
		t.Errorf("%d pages:\n%s", len(pages), all)
	}
}
