package invitecard

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// workbookColumns are the columns of the invite sheet: message key and
// width in Excel's character units. The message column holds a text ready
// to paste into WhatsApp, link included.
var workbookColumns = []struct {
	key   string
	width float64
}{
	{"invite.col.no", 5},
	{"invite.col.opd_code", 12},
	{"invite.col.opd_name", 40},
	{"invite.col.role", 14},
	{"invite.col.link", 58},
	{"invite.col.expires", 26},
	{"invite.col.message", 90},
}

// InviteWorkbook implements quickwin.InvitePrinter: one row per card, in
// the cards' order, the links clickable.
func (Printer) InviteWorkbook(t *quickwin.Tenant, cards []quickwin.InviteCard, lang string) ([]byte, error) {
	l := locales.ParseLang(lang)
	f := excelize.NewFile()
	defer f.Close()
	name := locales.T(l, "invite.sheet.name", nil)
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E0E0E0"}},
		Border: []excelize.Border{{Type: "bottom", Color: "9E9E9E", Style: 1}},
	})
	if err != nil {
		return nil, err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "1155CC", Underline: "single"}})
	if err != nil {
		return nil, err
	}
	for i, c := range workbookColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, c.width); err != nil {
			return nil, err
		}
		if err := f.SetCellStr(name, col+"1", locales.T(l, c.key, nil)); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(workbookColumns))
	if err := f.SetCellStyle(name, "A1", last+"1", header); err != nil {
		return nil, err
	}
	loc := t.Location()
	for i, c := range cards {
		row := i + 2
		role := locales.T(l, "role."+string(c.Role), nil)
		expires := locales.FormatDateTime(l, c.ExpiresAt.In(loc))
		values := []any{i + 1, c.OPDCode, c.OPDName, role, c.Link, expires, message(l, t, c, role, expires)}
		for j, v := range values {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := f.SetCellValue(name, cell, v); err != nil {
				return nil, err
			}
		}
		cell := fmt.Sprintf("E%d", row)
		if err := f.SetCellHyperLink(name, cell, c.Link, "External"); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(name, cell, cell, link); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if len(cards) > 0 {
		if err := f.AutoFilter(name, fmt.Sprintf("A1:%s%d", last, len(cards)+1), nil); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write invite workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// message is the text an admin pastes into WhatsApp for one person.
func message(l locales.Lang, t *quickwin.Tenant, c quickwin.InviteCard, role, expires string) string {
	who := strings.TrimSpace(role + " " + c.OPDName)
	return locales.T(l, "invite.sheet.message", map[string]any{"Who": who, "Tenant": t.Name, "Link": c.Link, "Expires": expires})
}
