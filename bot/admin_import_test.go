package bot

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/digest"
	"quickwin/locales"
	"quickwin/telegramtest"
	"quickwin/workbook"
)

// importWords are what the admin types and reads in each language.
var importWords = map[string]struct {
	template, export, deadline, budget, milestone, numeric, higher string
}{
	"id": {"/templat", "/ekspor", "31 Desember 2027", "150 juta", "Tahapan (milestone)", "Numerik", "Makin tinggi makin baik"},
	"en": {"/template", "/export", "31 December 2027", "150 million", "Milestone", "Numeric", "Higher is better"},
}

// editExport sets cells of one quick win's row in an exported workbook:
// values by column header.
func editExport(t *testing.T, data []byte, sheet, codeHeader, code string, values map[string]any) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	for r, row := range rows {
		if len(row) >= col[codeHeader] && row[col[codeHeader]-1] == code {
			for h, v := range values {
				if col[h] == 0 {
					t.Fatalf("no column %q in %v", h, rows[0])
				}
				cell, _ := excelize.CoordinatesToCellName(col[h], r+1)
				_ = x.SetCellValue(sheet, cell, v)
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fillTemplate replaces the template's example rows with two quick wins
// of DINKES and DISDIK and three steps, as an official would in Excel;
// deadline is the first quick win's typed deadline.
func fillTemplate(t *testing.T, tpl []byte, lang, deadline, suffix string) []byte {
	t.Helper()
	w := importWords[lang]
	l := locales.Lang(lang)
	x, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	qw, steps := locales.T(l, "import.sheet.quickwins", nil), locales.T(l, "import.sheet.steps", nil)
	for _, s := range []string{qw, steps} {
		_ = x.RemoveRow(s, 2)
		_ = x.RemoveRow(s, 2)
	}
	// OPD, Code, Title, Indicator, Description, Kind, Baseline, Target, Unit, Direction, Start, Deadline, Budget, Source, Mission.
	_ = x.SetSheetRow(qw, "A2", &[]any{"DINKES", nil, "Posyandu aktif di semua desa" + suffix, "Cakupan posyandu aktif", nil, w.numeric, 60, 90, "%", w.higher, "04/01/2027", deadline, w.budget, "APBD", 2})
	_ = x.SetSheetRow(qw, "A3", &[]any{"DISDIK", nil, "Sekolah ramah anak" + suffix, nil, nil, w.milestone, nil, nil, nil, nil, "04/01/2027", "TW2 2027"})
	// Code, QW title, OPD, Step ID, Step, Owner, Due.
	_ = x.SetSheetRow(steps, "A2", &[]any{nil, "Posyandu aktif di semua desa" + suffix, "DINKES", nil, "Pendataan posyandu", "Kabid Kesmas", "31/03/2027"})
	_ = x.SetSheetRow(steps, "A3", &[]any{nil, "Sekolah ramah anak" + suffix, "DISDIK", nil, "SK tim sekolah ramah anak", "Kabid SD", "28/02/2027"})
	_ = x.SetSheetRow(steps, "A4", &[]any{nil, "Sekolah ramah anak" + suffix, "DISDIK", nil, "Deklarasi", "Kadis", "30/06/2027"})
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportJourney: an admin gets the template, fills it in and sends it
// back, sees the summary, saves; a file with a wrong date comes back
// marked; a cancelled import stores nothing. Kept in golden transcripts.
func TestImportJourney(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.restart(func(cfg *Config) {
				cfg.Importer = workbook.New(h.store, quickwin.ClockFunc(h.clock))
				cfg.Publisher = digest.New(h.store, quickwin.ClockFunc(h.clock))
			})
			if _, err := h.store.CreateOPD(context.Background(), h.member(1), quickwin.OPD{TenantID: h.tenant.ID, Code: "DISDIK", Name: "Dinas Pendidikan"}); err != nil {
				t.Fatal(err)
			}
			if lang == "en" {
				h.admin.Send("/bahasa en")
				h.message(h.admin)
			}
			h.srv.Drain()
			w := importWords[lang]
			l := locales.Lang(lang)
			tr := newTranscript(t, "import_journey."+lang)
			document := func() telegramtest.Sent {
				return h.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == h.admin.ID && s.Method == "sendDocument" })
			}

			tr.note("admin types %s", w.template)
			h.admin.Send(w.template)
			tpl := tr.see("admin", document())
			if tpl.FileName != locales.T(l, "import.bot.template_file", nil) || len(tpl.FileBytes) == 0 {
				t.Fatalf("template %q, %d bytes", tpl.FileName, len(tpl.FileBytes))
			}

			tr.note("admin fills in two quick wins and three steps and sends the file")
			h.admin.SendDocument("quickwin-2027.xlsx", fillTemplate(t, tpl.FileBytes, lang, w.deadline, ""), "")
			preview := tr.see("admin", h.message(h.admin))
			shows(t, preview, locales.T(l, "import.summary", map[string]any{"OPDs": 2, "New": 2, "Changed": 0, "StepsAdded": 3, "StepsDeleted": 0, "Problems": 0}),
				locales.T(l, "import.bot.save", nil), locales.T(l, "import.bot.cancel", nil))
			if list, _ := h.store.QuickWins(context.Background(), h.tenant.ID, quickwin.QuickWinFilter{}); len(list) != 0 {
				t.Fatalf("the preview stored %d quick wins", len(list))
			}

			tr.note("admin presses Save")
			h.admin.Press(preview, locales.T(l, "import.bot.save", nil))
			tr.see("admin", h.edit(h.admin))
			list, err := h.store.QuickWins(context.Background(), h.tenant.ID, quickwin.QuickWinFilter{})
			if err != nil || len(list) != 2 || list[0].Code != "DINKES-01" || list[0].Budget != 150e6 || list[1].Code != "DISDIK-01" || len(list[1].Steps) != 2 {
				t.Fatalf("after Save: %+v %v", list, err)
			}

			tr.note("admin sends a file whose deadline is 31/02/2027")
			h.admin.SendDocument("quickwin-salah.xlsx", fillTemplate(t, tpl.FileBytes, lang, "31/02/2027", " 2"), "")
			problems := tr.see("admin", h.message(h.admin))
			shows(t, problems, locales.T(l, "import.at.cell", map[string]any{"Sheet": locales.T(l, "import.sheet.quickwins", nil), "Row": 2,
				"Column": locales.T(l, "import.col.deadline", nil), "Reason": locales.T(l, "import.not_date", map[string]any{"Input": "31/02/2027"})}))
			marked := tr.see("admin", document())
			if !strings.HasSuffix(marked.FileName, locales.T(l, "import.bot.marked_suffix", nil)+".xlsx") || len(marked.FileBytes) == 0 {
				t.Errorf("marked file %q", marked.FileName)
			}

			tr.note("admin sends the saved file once more")
			h.admin.SendDocument("quickwin-2027.xlsx", fillTemplate(t, tpl.FileBytes, lang, w.deadline, ""), "")
			twice := tr.see("admin", h.message(h.admin))
			shows(t, twice, locales.T(l, "import.title_exists", map[string]any{"Code": "DINKES-01"}))
			tr.see("admin", document())

			tr.note("admin types %s, renames DINKES-01 and moves its deadline in the workbook, and sends it back", w.export)
			h.admin.Send(w.export)
			export := document()
			T := func(k string) string { return locales.T(l, k, nil) }
			edited := editExport(t, export.FileBytes, T("report.xlsx.sheet.commitments"), T("report.xlsx.col.code"), "DINKES-01", map[string]any{
				T("report.xlsx.col.title"): "Posyandu aktif dan terlatih", T("report.xlsx.col.deadline"): "30/11/2027"})
			h.admin.SendDocument("ekspor.xlsx", edited, "")
			shows(t, tr.see("admin", h.message(h.admin)), locales.T(l, "import.reason_column", map[string]any{"Code": "DINKES-01", "Column": T("import.col.reason")}))
			tr.see("admin", document())

			tr.note("admin puts the deadline back and sends the file again")
			edited = editExport(t, export.FileBytes, T("report.xlsx.sheet.commitments"), T("report.xlsx.col.code"), "DINKES-01", map[string]any{
				T("report.xlsx.col.title"): "Posyandu aktif dan terlatih"})
			h.admin.SendDocument("ekspor.xlsx", edited, "")
			changed := tr.see("admin", h.message(h.admin))
			shows(t, changed, locales.T(l, "import.bot.changed", map[string]any{"Codes": "DINKES-01", "More": ""}))
			h.admin.Press(changed, locales.T(l, "import.bot.save", nil))
			tr.see("admin", h.edit(h.admin))
			if c, err := h.store.QuickWinByCode(context.Background(), h.tenant.ID, "DINKES-01"); err != nil || c.Title != "Posyandu aktif dan terlatih" || len(c.Steps) != 1 {
				t.Errorf("after the round trip: %+v %v", c, err)
			}

			tr.note("admin sends a file with two other quick wins and presses Cancel")
			h.admin.SendDocument("quickwin-tambahan.xlsx", fillTemplate(t, tpl.FileBytes, lang, w.deadline, " tahap 2"), "")
			again := tr.see("admin", h.message(h.admin))
			h.admin.Press(again, locales.T(l, "import.bot.cancel", nil))
			tr.see("admin", h.edit(h.admin))
			if list, _ := h.store.QuickWins(context.Background(), h.tenant.ID, quickwin.QuickWinFilter{}); len(list) != 2 {
				t.Errorf("%d quick wins after Cancel, want the 2 saved before", len(list))
			}
			tr.check()
		})
	}
}

// TestImportRefusesWhatIsNoWorkbook: a CSV named .xlsx is explained, an
// old .xls and a file over 10 MB too, and nothing is stored.
func TestImportRefusesWhatIsNoWorkbook(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(func(cfg *Config) { cfg.Importer = workbook.New(h.store, quickwin.ClockFunc(h.clock)) })
	h.srv.Drain()
	h.admin.SendDocument("quickwin.xlsx", []byte("kode,judul\nDINKES,Posyandu\n"), "")
	shows(t, h.message(h.admin), locales.T(locales.ID, "import.not_workbook", nil))
	h.admin.SendDocument("quickwin.xls", []byte{0xD0, 0xCF, 0x11, 0xE0}, "")
	shows(t, h.message(h.admin), locales.T(locales.ID, "import.not_workbook", nil))
	// Over 10 MB: refused from its size, before it is downloaded.
	h.admin.SendDocument("besar.xlsx", make([]byte, quickwin.MaxImportFile+1), "")
	shows(t, h.message(h.admin), locales.T(locales.ID, "import.too_large", map[string]any{"MB": 10}))
	if list, _ := h.store.QuickWins(context.Background(), h.tenant.ID, quickwin.QuickWinFilter{}); len(list) != 0 {
		t.Errorf("%d quick wins stored", len(list))
	}
}
