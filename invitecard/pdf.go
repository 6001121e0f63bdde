// Package invitecard renders invites for a whole room: an A4 PDF with one
// card per invite (the OPD's name, the role, a QR code of the deep link,
// the expiry) to print, cut and hand out at a Rakor, and the same invites
// as a workbook to send by WhatsApp. Printer implements
// quickwin.InvitePrinter.
//
// It imports the domain, locales and fonts (Noto Sans, embedded); never
// store, bot or scheduler, which reach it through quickwin.InvitePrinter.
package invitecard

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"quickwin"
	"quickwin/fonts"
	"quickwin/locales"
)

// Printer renders invite cards. The zero value is ready to use.
type Printer struct {
	// uncompressed leaves the PDF's content streams as plain text, so tests
	// can read the words and the QR modules back without a PDF library.
	uncompressed bool
}

var _ quickwin.InvitePrinter = Printer{}

// The page is cut into a grid of equal cards: 2 × 4 on A4 makes each card
// A7 (105 × 74 mm), big enough for a QR code a phone reads from arm's
// length and for the longest OPD names on three lines.
const (
	pageW, pageH = 210.0, 297.0
	cols, rows   = 2, 4
	cardW, cardH = pageW / cols, pageH / rows
	pad          = 6.0  // inside each card: printers do not print the page's outer 4–5 mm
	qrSize       = 37.0 // mm, with the QR's own quiet zone of 4 modules
	linkH        = 3.0  // the line under the QR code with the link
	family       = "NotoSans"
)

// InvitePDF implements quickwin.InvitePrinter: the cards in their order,
// cols × rows to a page, with dashed cut lines between them.
func (p Printer) InvitePDF(t *quickwin.Tenant, cards []quickwin.InviteCard, lang string) ([]byte, error) {
	l := locales.ParseLang(lang)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(!p.uncompressed)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.AddUTF8FontFromBytes(family, "", fonts.NotoSansRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fonts.NotoSansBold)
	pdf.SetTitle(locales.T(l, "invite.card.title", map[string]any{"Tenant": t.Name}), true)
	pdf.SetCreator("quickwin", true)
	// A fixed date keeps the same cards byte-for-byte the same file.
	stamp := time.Unix(0, 0).UTC()
	if len(cards) > 0 {
		stamp = cards[0].CreatedAt
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)

	perPage := cols * rows
	for i, c := range cards {
		if i%perPage == 0 {
			pdf.AddPage()
			cutLines(pdf)
		}
		slot := i % perPage
		x, y := float64(slot%cols)*cardW, float64(slot/cols)*cardH
		if err := drawCard(pdf, l, t, c, x, y); err != nil {
			return nil, fmt.Errorf("card %d (%s %s): %w", i+1, c.Role, c.OPDCode, err)
		}
	}
	if len(cards) == 0 {
		pdf.AddPage() // a valid, empty document rather than none
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write invite PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// cutLines draws the dashed grid the cards are cut along.
func cutLines(pdf *fpdf.Fpdf) {
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetLineWidth(0.2)
	pdf.SetDashPattern([]float64{2, 1.5}, 0)
	for c := 1; c < cols; c++ {
		pdf.Line(float64(c)*cardW, 0, float64(c)*cardW, pageH)
	}
	for r := 1; r < rows; r++ {
		pdf.Line(0, float64(r)*cardH, pageW, float64(r)*cardH)
	}
	pdf.SetDashPattern(nil, 0)
}

// drawCard draws one card with its top-left corner at x, y: the tenant on
// top, the OPD's name in bold, the QR code bottom left and beside it the
// role, the expiry, how to use it and the link for whoever cannot scan.
func drawCard(pdf *fpdf.Fpdf, l locales.Lang, t *quickwin.Tenant, c quickwin.InviteCard, x, y float64) error {
	inner := cardW - 2*pad
	role := locales.T(l, "role."+string(c.Role), nil)

	pdf.SetTextColor(110, 110, 110)
	pdf.SetFont(family, "", 7.5)
	pdf.SetXY(x+pad, y+pad)
	pdf.CellFormat(inner, 3.5, fit(pdf, t.Name, inner), "", 0, "L", false, 0, "")

	heading := c.OPDName
	if heading == "" {
		heading = role
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(family, "B", 11)
	lines := pdf.SplitText(heading, inner)
	if len(lines) > 3 {
		lines = append(lines[:2], fit(pdf, strings.Join(lines[2:], " "), inner))
	}
	for i, line := range lines {
		pdf.SetXY(x+pad, y+pad+4.5+float64(i)*4.8)
		pdf.CellFormat(inner, 4.8, line, "", 0, "L", false, 0, "")
	}

	qx, qy := x+pad, y+cardH-pad-linkH-qrSize
	if err := drawQR(pdf, c.Link, qx, qy, qrSize); err != nil {
		return err
	}
	pdf.LinkString(qx, qy, qrSize, qrSize, c.Link)

	tx := qx + qrSize + 3
	tw := x + cardW - pad - tx
	ty := qy + 1.5
	pdf.SetFont(family, "B", 10)
	pdf.SetXY(tx, ty)
	pdf.CellFormat(tw, 4.5, fit(pdf, role, tw), "", 0, "L", false, 0, "")
	if c.OPDCode != "" {
		pdf.SetFont(family, "", 8.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.SetXY(tx, ty+4.6)
		pdf.CellFormat(tw, 4, c.OPDCode, "", 0, "L", false, 0, "")
	}

	expires := c.ExpiresAt.In(t.Location())
	pdf.SetTextColor(90, 90, 90)
	pdf.SetFont(family, "", 7.5)
	pdf.SetXY(tx, ty+10.5)
	pdf.CellFormat(tw, 3.5, locales.T(l, "invite.card.valid_until", nil), "", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(family, "B", 9)
	pdf.SetXY(tx, ty+14)
	pdf.CellFormat(tw, 4, locales.FormatDate(l, expires), "", 0, "L", false, 0, "")
	pdf.SetFont(family, "", 8)
	pdf.SetXY(tx, ty+18)
	pdf.CellFormat(tw, 3.8, locales.FormatTime(l, expires), "", 0, "L", false, 0, "")

	pdf.SetTextColor(60, 60, 60)
	pdf.SetFont(family, "", 6.8)
	pdf.SetXY(tx, ty+23.5)
	pdf.MultiCell(tw, 2.9, locales.T(l, "invite.card.how", nil), "", "L", false)

	// The link under the QR code, for whoever has to type it.
	pdf.SetTextColor(110, 110, 110)
	pdf.SetFont(family, "", 6.5)
	pdf.SetXY(qx, qy+qrSize)
	pdf.CellFormat(inner, linkH, fit(pdf, strings.TrimPrefix(c.Link, "https://"), inner), "", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	return pdf.Error()
}

// drawQR draws the QR code of content as filled rectangles, one per run of
// dark modules in a row: vector, so it stays sharp on any printer.
func drawQR(pdf *fpdf.Fpdf, content string, x, y, size float64) error {
	modules, err := qrModules(content)
	if err != nil {
		return err
	}
	m := size / float64(len(modules))
	pdf.SetFillColor(0, 0, 0)
	for r, row := range modules {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
	return nil
}

// qrModules is the QR code of content with its quiet zone, dark = true.
// Level M survives a crease or a coffee stain on a paper card.
func qrModules(content string) ([][]bool, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code of %q: %w", content, err)
	}
	return q.Bitmap(), nil
}

// fit shortens s with an ellipsis until it fits width in the current font.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
