package bot

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/invitecard"
	"quickwin/locales"
	"quickwin/telegramtest"
)

// bulkWords are what the admin types and presses in each language.
var bulkWords = map[string]struct{ cmd, bulk, leaderWord, members, head, staff, headWord, staffWord, all, pdfName, sheet string }{
	"id": {cmd: "/undang", bulk: "/undang massal", leaderWord: "pimpinan", headWord: "kepala", staffWord: "operator", all: "semua", members: "/anggota", head: "Kepala OPD", staff: "Operator OPD", pdfName: "kartu-undangan-2027-03-10.pdf", sheet: "Undangan"},
	"en": {cmd: "/invite", bulk: "/invite bulk", leaderWord: "leader", headWord: "head", staffWord: "operator", all: "all", members: "/members", head: "OPD Head", staff: "OPD Operator", pdfName: "invite-cards-2027-03-10.pdf", sheet: "Invites"},
}

var startToken = regexp.MustCompile(`start=[A-Za-z0-9_-]+`)

// TestInviteBulkJourney: the admin makes invites for the heads of every
// active OPD with a button, gets the cards and the workbook; a new head
// joins through a link from the workbook; typed batches with OPD codes and
// a validity follow, wrong ones are refused whole; /anggota shows who has
// not joined yet. Every message is kept in a golden file per language.
func TestInviteBulkJourney(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := newQW(t, lang)
			w.restart(func(cfg *Config) {
				w.outbox.api, cfg.Outbox, cfg.InvitePrinter = cfg.Client, w.outbox, invitecard.Printer{}
			})
			in := bulkWords[lang]
			tr := newTranscript(t, "invite_bulk."+lang)
			admin := w.admin
			see := func(who string, s telegramtest.Sent) telegramtest.Sent {
				t.Helper()
				shown := s
				shown.Text = startToken.ReplaceAllString(s.Text, "start=<token>")
				tr.see(who, shown)
				return s
			}
			document := func() telegramtest.Sent {
				t.Helper()
				d := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == admin.ID && s.Method == "sendDocument" })
				tr.note("file %s (%s)", d.FileName, map[bool]string{true: "PDF", false: "workbook"}[bytes.HasPrefix(d.FileBytes, []byte("%PDF-"))])
				return see("admin", d)
			}
			typed := func(text string) telegramtest.Sent {
				t.Helper()
				tr.note("admin types %q", text)
				admin.Send(text)
				return see("admin", w.message(admin))
			}
			before := countOpen(t, w)

			// 1. With a button: the heads of every active OPD (DINKES, DISDIK).
			ask := typed(in.bulk)
			tr.note("admin presses %q", in.head)
			admin.Press(ask, in.head)
			done := see("admin", w.edit(admin))
			shows(t, done, "2")
			pdf, xlsx := document(), document()
			if pdf.FileName != in.pdfName || !bytes.HasPrefix(pdf.FileBytes, []byte("%PDF-")) || !bytes.Contains(pdf.FileBytes, []byte("/Count 1")) {
				t.Errorf("PDF %s, %d bytes", pdf.FileName, len(pdf.FileBytes))
			}
			rows := workbookRows(t, xlsx.FileBytes, in.sheet)
			if len(rows) != 3 || rows[1][1] != "DINKES" || rows[2][1] != "DISDIK" || rows[2][3] != in.head {
				t.Fatalf("workbook rows %q", rows)
			}
			if got := countOpen(t, w); got != before+2 {
				t.Errorf("%d invites open, want %d", got, before+2)
			}

			// 2. A new head of DISDIK joins through the link in the workbook.
			link := rows[2][4]
			if !strings.HasPrefix(link, "https://t.me/"+w.bot.Username()+"?start=") {
				t.Fatalf("link %q", link)
			}
			sari := w.srv.NewUser(20, "Sari", lang)
			sari.Send("/start " + link[strings.Index(link, "=")+1:])
			w.message(sari)
			if m := w.member(20); m.Role != quickwin.RoleHead || m.OPDCode != "DISDIK" {
				t.Errorf("Sari joined as %s of %s", m.Role, m.OPDCode)
			}

			// 3. Typed, with codes and a validity: operators of DISDIK for 30 days.
			created := typed(in.bulk + " " + in.staffWord + " DISDIK 30")
			shows(t, created, locales.FormatDateTime(locales.Lang(lang), w.clock().AddDate(0, 0, 30).In(w.tenant.Location())))
			document()
			document()

			// 4. Wrong batches are refused whole and say why.
			stored := countOpen(t, w)
			typed(in.bulk + " " + in.headWord + " DINKES NOPE XX")
			typed(in.bulk + " " + in.headWord + " " + in.all + " 45")
			typed(in.bulk + " " + in.headWord + " " + in.all + " DINKES")
			typed(in.bulk + " DINKES")
			typed(in.bulk + " " + in.leaderWord + " " + in.all)
			if got := countOpen(t, w); got != stored {
				t.Errorf("refused batches stored %d invites", got-stored)
			}
			tr.note("the head types %q", in.bulk)
			w.head.Send(in.bulk)
			see("head", w.message(w.head))

			// 5. One invite for 14 days.
			typed(in.cmd + " DINKES " + in.staffWord + " 14")

			// 6. Who has not joined: DISDIK's operator (DINKES has one, Budi).
			tr.note("admin types %q", in.members)
			admin.Send(in.members)
			see("admin", w.message(admin))
			open := see("admin", w.message(admin))
			shows(t, open, "DISDIK — "+in.staff)
			if strings.Contains(open.Text, "DINKES</b> — "+in.head) {
				t.Errorf("DINKES's head has joined but is listed:\n%s", open.Text)
			}
			tr.check()
		})
	}
}

// countOpen is the number of open invites of the world's tenant.
func countOpen(t *testing.T, w *qwWorld) int {
	t.Helper()
	open, err := w.store.OpenInvites(context.Background(), w.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(open)
}

func workbookRows(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
