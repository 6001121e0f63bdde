package invitecard

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbookListsEveryCardWithAClickableLink(t *testing.T) {
	for _, tc := range []struct{ lang, sheet, header, role, expires, message string }{
		{"id", "Undangan", "Kode OPD", "Kepala OPD", "31 Desember 2026 21.05 WIB", "Yth. Kepala OPD Dinas Nomor 2, silakan bergabung"},
		{"en", "Invites", "OPD code", "OPD Head", "31 December 2026 21:05 WIB", "Dear OPD Head Dinas Nomor 2, please join"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			cards := cardsFor(3)
			data, err := Printer{}.InviteWorkbook(tenant, cards, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 4 || rows[0][1] != tc.header {
				t.Fatalf("rows: %q", rows)
			}
			last := rows[3]
			if last[1] != "OPD02" || last[2] != "Dinas Nomor 2" || last[3] != tc.role || last[4] != cards[2].Link || last[5] != tc.expires {
				t.Errorf("row of OPD02: %q", last)
			}
			if !strings.HasPrefix(last[6], tc.message) || !strings.Contains(last[6], cards[2].Link) {
				t.Errorf("message: %q", last[6])
			}
			if ok, target, err := f.GetCellHyperLink(tc.sheet, "E4"); err != nil || !ok || target != cards[2].Link {
				t.Errorf("hyperlink of E4: %v %q %v", ok, target, err)
			}
		})
	}
}
