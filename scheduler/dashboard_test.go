package scheduler_test

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// TestDigestDashboardButton: with a dashboard, the digest's last text part
// opens the month's page (the head's: their OPD's), and Telegram receives
// a web_app button; without one, the digest is unchanged.
func TestDigestDashboardButton(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.commitment(t, "DINKES", "Posyandu aktif", wib(2027, 9, 30, 0, 0))
	j := f.jobs()
	j.DashboardURL = "https://qw.example.go.id/app/"
	if _, err := j.Digest(ctx, f.tenant, wib(2027, 4, 5, 8, 0)); err != nil {
		t.Fatal(err)
	}
	last := f.message(t, "digest/"+f.leader.ID+"/2027-03/p2")
	if len(last.Buttons) != 1 || last.Buttons[0][0].WebApp != "https://qw.example.go.id/app/month?m=2027-03" {
		t.Errorf("leader's last part buttons %+v", last.Buttons)
	}
	if first := f.message(t, "digest/"+f.leader.ID+"/2027-03/p1"); len(first.Buttons) != 0 {
		t.Errorf("first part has buttons %+v", first.Buttons)
	}
	head := f.message(t, "digest/"+f.head.ID+"/2027-03/p1")
	if len(head.Buttons) != 1 || head.Buttons[0][0].WebApp != "https://qw.example.go.id/app/opd/DINKES?m=2027-03" {
		t.Errorf("head's buttons %+v", head.Buttons)
	}

	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	srv.NewUser(f.head.TelegramID, "Kepala", "id")
	head.ChatID = f.head.TelegramID
	if err := telegram.NewClient(telegram.ClientConfig{API: api}).Deliver(ctx, head); err != nil {
		t.Fatal(err)
	}
	sent := srv.Next(t, func(s telegramtest.Sent) bool { return s.Method == "sendMessage" })
	if got := sent.Params["reply_markup"]; !strings.Contains(got, `"web_app":{"url":"https://qw.example.go.id/app/opd/DINKES?m=2027-03"}`) {
		t.Errorf("sent keyboard %q", got)
	}

	msg := quickwin.OutboxMessage{Key: "x", ChatID: f.head.TelegramID, Text: "tanpa dasbor", Buttons: [][]quickwin.Button{{{Text: "Lapor", Data: "rp:1"}}}}
	if err := telegram.NewClient(telegram.ClientConfig{API: api}).Deliver(ctx, &msg); err != nil {
		t.Fatal(err)
	}
	if got := srv.Next(t, func(s telegramtest.Sent) bool { return s.Text == "tanpa dasbor" }).Params["reply_markup"]; strings.Contains(got, "web_app") {
		t.Errorf("callback keyboard became %q", got)
	}
}
