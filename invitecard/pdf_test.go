package invitecard

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	qrcode "github.com/skip2/go-qrcode"

	"quickwin"
)

var tenant = &quickwin.Tenant{Name: "Pemerintah Kabupaten Sumedang", TimeZone: "Asia/Jakarta"}

// cardsFor makes one head invite per OPD, made at 14:05 UTC on 1 December
// 2026 and valid for 30 days: they expire 31 December 2026 21.05 WIB.
func cardsFor(n int) []quickwin.InviteCard {
	made := time.Date(2026, 12, 1, 14, 5, 0, 0, time.UTC)
	cards := make([]quickwin.InviteCard, n)
	for i := range cards {
		token := fmt.Sprintf("tok%03dXYZabcdefghijklm", i)
		cards[i] = quickwin.InviteCard{
			Invite: quickwin.Invite{Token: token, Role: quickwin.RoleHead, OPDCode: fmt.Sprintf("OPD%02d", i),
				CreatedAt: made, ExpiresAt: made.Add(30 * 24 * time.Hour)},
			OPDName: fmt.Sprintf("Dinas Nomor %d", i),
			Link:    quickwin.InviteLink("pemda_bot", token),
		}
	}
	cards[0].OPDName = "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
	return cards
}

func TestPDFHasOnePagePerEightCardsWithTheirWords(t *testing.T) {
	for _, tc := range []struct {
		lang, role, until, date, clock string
	}{
		{"id", "Kepala OPD", "Berlaku sampai", "31 Desember 2026", "21.05 WIB"},
		{"en", "OPD Head", "Valid until", "31 December 2026", "21:05 WIB"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			cards := cardsFor(17)
			pdf, err := Printer{uncompressed: true}.InvitePDF(tenant, cards, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got := pageCount(t, pdf); got != 3 {
				t.Errorf("17 cards on %d pages, want 3", got)
			}
			for _, want := range []string{tenant.Name, tc.role, tc.until, tc.date, tc.clock,
				"Dinas Nomor 16", "OPD16", "t.me/pemda_bot?start=tok016XYZabcdefghijklm",
				"Dinas Pemberdayaan Perempuan,", "dan Keluarga Berencana", // the long name wraps
			} {
				if !hasText(pdf, want) {
					t.Errorf("the PDF does not show %q", want)
				}
			}
			// Compressed, as people get it: still 3 pages, and smaller.
			small, err := Printer{}.InvitePDF(tenant, cards, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got := pageCount(t, small); got != 3 || len(small) >= len(pdf) {
				t.Errorf("compressed: %d pages, %d bytes (uncompressed %d)", got, len(small), len(pdf))
			}
		})
	}
}

// TestQRCodeOnTheCardIsTheLink reads the dark modules of each card's QR code
// back from the drawing on the page and compares them with the QR code of
// that card's link: the printed code is that link, module for module.
func TestQRCodeOnTheCardIsTheLink(t *testing.T) {
	cards := cardsFor(8)
	pdf, err := Printer{uncompressed: true}.InvitePDF(tenant, cards, "id")
	if err != nil {
		t.Fatal(err)
	}
	rects := filledRects(t, pdf)
	for slot, c := range cards {
		x0, y0 := float64(slot%cols)*cardW, float64(slot/cols)*cardH
		var mine []rect
		for _, r := range rects {
			if r.x >= x0 && r.x < x0+cardW && r.y >= y0 && r.y < y0+cardH {
				mine = append(mine, r)
			}
		}
		got := modulesFrom(mine)
		q, err := qrcode.New(c.Link, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		want := q.Bitmap()
		if !sameMatrix(got, want) {
			t.Errorf("card %d: the QR code drawn is not the code of %s\ngot:\n%s\nwant:\n%s", slot+1, c.Link, show(got), show(want))
		}
	}
	// Another link gives another drawing: the check above can fail.
	other, _ := qrcode.New(quickwin.InviteLink("pemda_bot", "somethingElse"), qrcode.Medium)
	other.DisableBorder = true
	if sameMatrix(modulesFrom(rects[:0]), other.Bitmap()) {
		t.Error("an empty drawing matched a QR code")
	}
}

func TestPDFOfNoCardsIsOneEmptyPage(t *testing.T) {
	pdf, err := Printer{}.InvitePDF(tenant, nil, "id")
	if err != nil {
		t.Fatal(err)
	}
	if got := pageCount(t, pdf); got != 1 {
		t.Errorf("%d pages", got)
	}
}

// pageCount reads /Count of the page tree (written uncompressed either way).
func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page tree in the PDF")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// hasText reports whether an uncompressed PDF shows s in one text cell:
// fpdf writes text of a TrueType font as UTF-16BE inside ( ), escaped.
func hasText(pdf []byte, s string) bool {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`).Replace(b.String())
	return bytes.Contains(pdf, []byte(esc))
}

// rect is a filled rectangle in mm from the page's top-left corner.
type rect struct{ x, y, w, h float64 }

var reF = regexp.MustCompile(`(?m)^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f$`)

// filledRects returns the filled rectangles of the first page's content.
func filledRects(t *testing.T, pdf []byte) []rect {
	t.Helper()
	const k = 72 / 25.4 // points per mm
	first := bytes.Split(pdf, []byte("endstream"))
	var out []rect
	for _, stream := range first {
		ms := reF.FindAllSubmatch(stream, -1)
		if len(ms) == 0 {
			continue
		}
		for _, m := range ms {
			v := make([]float64, 4)
			for i := range v {
				v[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
			}
			out = append(out, rect{x: v[0] / k, y: pageH - v[1]/k, w: v[2] / k, h: -v[3] / k})
		}
		return out
	}
	t.Fatal("no filled rectangles in the PDF")
	return nil
}

// modulesFrom turns the runs of dark modules back into a matrix, from the
// top-left dark module (the corner of the top-left finder pattern).
func modulesFrom(rs []rect) [][]bool {
	if len(rs) == 0 {
		return nil
	}
	m := rs[0].h
	x0, y0 := math.Inf(1), math.Inf(1)
	for _, r := range rs {
		x0, y0 = math.Min(x0, r.x), math.Min(y0, r.y)
	}
	var grid [][]bool
	for _, r := range rs {
		row := int(math.Round((r.y - y0) / m))
		c0 := int(math.Round((r.x - x0) / m))
		n := int(math.Round(r.w / m))
		for len(grid) <= row {
			grid = append(grid, nil)
		}
		for c := c0; c < c0+n; c++ {
			for len(grid[row]) <= c {
				grid[row] = append(grid[row], false)
			}
			grid[row][c] = true
		}
	}
	return grid
}

// sameMatrix compares two module matrices; missing trailing modules of a
// row read back from the drawing are light.
func sameMatrix(got, want [][]bool) bool {
	if len(got) != len(want) {
		return false
	}
	for r := range want {
		for c := range want[r] {
			dark := c < len(got[r]) && got[r][c]
			if dark != want[r][c] {
				return false
			}
		}
		if len(got[r]) > len(want[r]) {
			return false
		}
	}
	return true
}

func show(m [][]bool) string {
	var b strings.Builder
	for _, row := range m {
		for _, d := range row {
			if d {
				b.WriteString("█")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
