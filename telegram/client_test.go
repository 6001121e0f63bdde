package telegram

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
	"quickwin/telegramtest"
)

// TestEditKeepsMiniAppButtons: a message with a Mini App button keeps it
// when it is edited (tgbotapi's edit keyboard has no web_app), and the
// other buttons beside it.
func TestEditKeepsMiniAppButtons(t *testing.T) {
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(ClientConfig{API: api, Limiter: NewLimiter(Limits{PerSecond: 30}), Log: slog.New(slog.DiscardHandler), APIEndpoint: srv.APIEndpoint()})
	u := srv.NewUser(5, "Ana", "id")
	rows := [][]quickwin.Button{
		{{Text: "DINKES-01", Data: "qw:1"}},
		{{Text: "📊 Dasbor", WebApp: "https://qw.example.go.id/app/opd/DINKES"}},
	}
	ctx := context.Background()
	id, err := c.Reply(ctx, Message{ChatID: u.ID, Text: "<b>Daftar</b>", Buttons: rows})
	if err != nil {
		t.Fatal(err)
	}
	u.NextReply(t)
	if err := c.Edit(ctx, u.ID, id, "<b>Daftar</b> (halaman 2)", rows); err != nil {
		t.Fatal(err)
	}
	edit := u.NextReply(t)
	if edit.Method != "editMessageText" || !strings.Contains(edit.Text, "halaman 2") || edit.Params["parse_mode"] != "HTML" {
		t.Fatalf("edit: %s %q %v", edit.Method, edit.Text, edit.Params)
	}
	markup := edit.Params["reply_markup"]
	for _, want := range []string{`"web_app":{"url":"https://qw.example.go.id/app/opd/DINKES"}`, `"callback_data":"qw:1"`} {
		if !strings.Contains(markup, want) {
			t.Errorf("edited keyboard lacks %s: %s", want, markup)
		}
	}
	// Editing again with the same text is not an error (Telegram's "not
	// modified"), whichever way the edit was sent.
	if err := c.Edit(ctx, u.ID, id, "<b>Daftar</b> (halaman 2)", rows); err != nil {
		t.Errorf("unchanged edit: %v", err)
	}
}
