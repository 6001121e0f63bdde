package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"quickwin"
	"quickwin/locales"
	"quickwin/workbook"
)

// TestReadOPDs: an OPD list reads its good rows, normalised as the domain
// does (OPD.Normalize), and names each bad cell in the reader's language.
func TestReadOPDs(t *testing.T) {
	t.Parallel()
	data := book(t, sheetRows{"OPD", [][]any{
		{"Kode", "Nama"},
		{" dinkes ", "Dinas   Kesehatan"},
		{"1X", "Salah"},
		{"DISDIK", "D"},
		{"DINKES", "Dinas Kesehatan lagi"},
		{"DISDIK", "Dinas Pendidikan"},
	}})
	for _, lang := range locales.Supported() {
		opds, problems, err := workbook.ReadOPDs(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		want := []quickwin.OPD{{Code: "DINKES", Name: "Dinas Kesehatan"}, {Code: "DISDIK", Name: "Dinas Pendidikan"}}
		if !slices.Equal(opds, want) {
			t.Errorf("%s: OPDs %+v, want %+v", lang, opds, want)
		}
		var got []string
		for _, p := range problems {
			got = append(got, p.Cell+" "+p.Key)
			if text := workbook.Render(lang, p); strings.Contains(text, p.Key) {
				t.Errorf("%s: %s reads %q", lang, p.Key, text)
			}
		}
		if want := []string{"A3 opd.invalid.code", "B4 opd.invalid.name", "A5 import.duplicate_code"}; !slices.Equal(got, want) {
			t.Errorf("%s: problems %q, want %q", lang, got, want)
		}
	}
}
