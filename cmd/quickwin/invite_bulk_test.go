package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"quickwin/store"
	"quickwin/telegramtest"
)

// openInvites counts the open invites in the embedded database under dir.
func openInvites(t *testing.T, dir string) int {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	ts, err := s.Tenants(ctx)
	if err != nil || len(ts) == 0 {
		t.Fatalf("tenants: %v %v", ts, err)
	}
	open, err := s.OpenInvites(ctx, ts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(open)
}

var pdfPages = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

func TestInviteBulkWritesCardsAndWorkbook(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	env := map[string]string{"QW_DATA_DIR": data, "QW_LOG_LEVEL": "error"}
	csv := filepath.Join(dir, "opd.csv")
	var rows strings.Builder
	rows.WriteString("kode,nama\n")
	for _, c := range []string{"BAPPEDA", "DINKES", "DISDIK", "DINSOS", "DISHUB", "DPMPTSP", "DISKOMINFO", "KEC-JTN", "KEC-TNJ"} {
		rows.WriteString(c + ",Dinas " + c + "\n")
	}
	os.WriteFile(csv, []byte(rows.String()), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", csv); code != 0 {
		t.Fatalf("opd import: %s", errOut)
	}

	pdf, xlsx := filepath.Join(dir, "kartu.pdf"), filepath.Join(dir, "kartu.xlsx")
	code, out, errOut := run(t, env, "invite", "bulk", "--role", "kepala", "--opd", "all", "--days", "30", "--bot", "@pemda_qw_bot", "--out", pdf, "--out", xlsx)
	if code != 0 || !strings.Contains(out, "made 9 single-use invite(s) for @pemda_qw_bot") {
		t.Fatalf("invite bulk: %d %q %q", code, out, errOut)
	}
	cards, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if m := pdfPages.FindSubmatch(cards); m == nil || string(m[1]) != "2" {
		t.Errorf("9 cards: pages %q, want 2", m)
	}
	book, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheet, err := book.GetRows("Undangan")
	if err != nil || len(sheet) != 10 {
		t.Fatalf("workbook: %d rows %v", len(sheet), err)
	}
	if sheet[1][1] != "BAPPEDA" || sheet[1][3] != "Kepala OPD" || !strings.HasPrefix(sheet[1][4], "https://t.me/pemda_qw_bot?start=") {
		t.Errorf("first row %q", sheet[1])
	}
	if n := openInvites(t, data); n != 9 {
		t.Errorf("%d open invites, want 9", n)
	}

	// Without --bot, the username comes from Telegram (getMe), in English.
	srv := telegramtest.New(t)
	env["QW_TELEGRAM_TOKEN"], env["QW_TELEGRAM_API_ENDPOINT"] = srv.Token(), srv.APIEndpoint()
	en := filepath.Join(dir, "cards.xlsx")
	if code, _, errOut := run(t, env, "invite", "bulk", "--role", "kepala,operator", "--opd", "dinkes, DISDIK", "--out", en, "--language", "en"); code != 0 {
		t.Fatalf("invite bulk via getMe: %s", errOut)
	}
	book2, err := excelize.OpenFile(en)
	if err != nil {
		t.Fatal(err)
	}
	defer book2.Close()
	sheet, _ = book2.GetRows("Invites")
	var got []string
	for _, r := range sheet[1:] {
		got = append(got, r[1]+" "+r[3])
		if !strings.HasPrefix(r[4], "https://t.me/"+telegramtest.DefaultBotUsername+"?start=") {
			t.Errorf("link %q", r[4])
		}
	}
	if strings.Join(got, "; ") != "DINKES OPD Head; DINKES OPD Operator; DISDIK OPD Head; DISDIK OPD Operator" {
		t.Errorf("rows %q", got)
	}
	if n := openInvites(t, data); n != 13 {
		t.Errorf("%d open invites, want 13", n)
	}
}

func TestInviteBulkRefusesBadInputAndStoresNothing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	env := map[string]string{"QW_DATA_DIR": data, "QW_LOG_LEVEL": "error"}
	out := filepath.Join(dir, "cards.pdf")

	// Before there is a database: said so, and nothing created.
	code, _, errOut := run(t, env, "invite", "bulk", "--role", "kepala", "--bot", "pemda_qw_bot", "--out", out)
	if code != exitError || !strings.Contains(errOut, "no database in "+data) {
		t.Errorf("no database: %d %q", code, errOut)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("invite bulk created %s", data)
	}

	csv := filepath.Join(dir, "opd.csv")
	os.WriteFile(csv, []byte("kode,nama\nDINKES,Dinas Kesehatan\nDISDIK,Dinas Pendidikan\n"), 0o600)
	if code, _, errOut := run(t, env, "opd", "import", csv); code != 0 {
		t.Fatalf("opd import: %s", errOut)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--role", "kepala", "--days", "31", "--bot", "pemda_qw_bot", "--out", out}, exitUsage, "--days 31: an invite works for 1–30 days"},
		{[]string{"--role", "kepala", "--days", "0", "--bot", "pemda_qw_bot", "--out", out}, exitUsage, "--days 0"},
		{[]string{"--role", "pimpinan", "--bot", "pemda_qw_bot", "--out", out}, exitUsage, `--role "pimpinan"`},
		{[]string{"--bot", "pemda_qw_bot", "--out", out}, exitUsage, "--role: say who to invite"},
		{[]string{"--role", "kepala", "--bot", "pemda_qw_bot", "--out", filepath.Join(dir, "cards.docx")}, exitUsage, "must end in .pdf or .xlsx"},
		{[]string{"--role", "kepala", "--bot", "pemda_qw_bot"}, exitUsage, "--out: name a .pdf or .xlsx file"},
		{[]string{"--role", "kepala", "--out", out}, exitUsage, "pass --bot USERNAME, or set QW_TELEGRAM_TOKEN"},
		{[]string{"--role", "kepala", "--bot", "pemda", "--out", out}, exitUsage, `--bot "pemda" is not a bot username`},
		{[]string{"--role", "kepala", "--opd", "DINKES,NOPE,XX", "--bot", "pemda_qw_bot", "--out", out}, exitError, "unknown OPD NOPE, XX"},
		{[]string{"--role", "kepala", "--opd", "1X", "--bot", "pemda_qw_bot", "--out", out}, exitUsage, `"1X" is not an OPD code`},
	} {
		code, _, errOut := run(t, env, append([]string{"invite", "bulk"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
		if lines := strings.Count(strings.TrimSpace(errOut), "\n") + 1; lines > 2 {
			t.Errorf("%v: %d lines on stderr:\n%s", tc.args, lines, errOut)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote %s", out)
	}
	if n := openInvites(t, data); n != 0 {
		t.Errorf("refused runs stored %d invites", n)
	}
	if code, _, errOut := run(t, env, "invite"); code != exitUsage || !strings.Contains(errOut, "invite needs a subcommand") {
		t.Errorf("invite alone: %d %q", code, errOut)
	}
}
