package telegramtest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin/telegramtest"
)

func newBot(t *testing.T, srv *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatalf("NewBotAPIWithAPIEndpoint: %v", err)
	}
	return bot
}

func tgError(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) {
		t.Fatalf("want *tgbotapi.Error, got %T %v", err, err)
	}
	return tgErr
}

func getUpdates(t *testing.T, bot *tgbotapi.BotAPI, offset int) []tgbotapi.Update {
	t.Helper()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Timeout: 5})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	return ups
}

func TestGetMeOnConstruction(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithBotUsername("my_bot"))
	bot := newBot(t, srv)
	if bot.Self.UserName != "my_bot" || !bot.Self.IsBot || bot.Self.ID != telegramtest.DefaultBotID {
		t.Fatalf("Self = %+v", bot.Self)
	}
	if n := srv.Calls("getMe"); n != 1 {
		t.Fatalf("getMe calls = %d", n)
	}
}

func TestWrongTokenAndUnknownMethod(t *testing.T) {
	srv := telegramtest.New(t)
	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:wrong", srv.APIEndpoint())
	if e := tgError(t, err); e.Code != 401 || e.Message != "Unauthorized" {
		t.Fatalf("wrong token: %+v", e)
	}
	bot := newBot(t, srv)
	_, err = bot.MakeRequest("sendTelepathy", nil)
	if e := tgError(t, err); e.Code != 404 || e.Message != "Not Found: method not found" {
		t.Fatalf("unknown method: %+v", e)
	}
}

func TestStartReplyPressCallback(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u := srv.NewUser(42, "Alice", "de")

	in := u.Send("/start")
	ups := getUpdates(t, bot, 0)
	if len(ups) != 1 || ups[0].UpdateID != in.UpdateID {
		t.Fatalf("updates = %+v, want id %d", ups, in.UpdateID)
	}
	m := ups[0].Message
	if !m.IsCommand() || m.Command() != "start" || m.CommandArguments() != "" {
		t.Fatalf("command parsing: %+v", m)
	}
	if m.From.ID != 42 || m.From.LanguageCode != "de" || m.Chat.ID != 42 || m.Chat.Type != "private" || m.MessageID != in.MessageID {
		t.Fatalf("message = %+v from %+v chat %+v", m, m.From, m.Chat)
	}

	msg := tgbotapi.NewMessage(m.Chat.ID, "<b>Welcome!</b> Ready?")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("Yes", "ready:yes"),
			tgbotapi.NewInlineKeyboardButtonData("No", "ready:no"),
		),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Help", "https://example.com/help")),
	)
	sentMsg, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	reply := u.NextReply(t)
	if reply.Method != "sendMessage" || reply.Text != "<b>Welcome!</b> Ready?" || reply.ParseMode != "HTML" ||
		reply.MessageID != sentMsg.MessageID || sentMsg.MessageID <= in.MessageID || sentMsg.Chat.ID != 42 {
		t.Fatalf("reply = %v; returned %+v", reply, sentMsg)
	}
	if b, ok := reply.Button("Help"); !ok || b.URL != "https://example.com/help" {
		t.Fatalf("keyboard = %v", reply.ReplyMarkup)
	}
	if sentMsg.ReplyMarkup == nil || len(sentMsg.ReplyMarkup.InlineKeyboard) != 2 {
		t.Fatalf("returned reply_markup = %+v", sentMsg.ReplyMarkup)
	}

	press := u.Press(reply, "Yes")
	ups = getUpdates(t, bot, ups[0].UpdateID+1)
	if srv.ConfirmedOffset() != in.UpdateID+1 {
		t.Fatalf("confirmed offset = %d", srv.ConfirmedOffset())
	}
	if len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("want callback update, got %+v", ups)
	}
	cq := ups[0].CallbackQuery
	if cq.Data != "ready:yes" || cq.From.ID != 42 || cq.Message.MessageID != reply.MessageID ||
		cq.Message.Chat.ID != 42 || cq.Message.Text != reply.Text || cq.ID != press.CallbackQueryID || cq.ChatInstance == "" {
		t.Fatalf("callback = %+v message %+v", cq, cq.Message)
	}

	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Great")); err != nil {
		t.Fatal(err)
	}
	ans := u.NextCallbackAnswer(t)
	if ans.Text != "Great" || ans.CallbackQueryID != cq.ID || ans.ChatID != 42 || ans.MessageID != reply.MessageID {
		t.Fatalf("answer = %v", ans)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "again")); err == nil || tgError(t, err).Code != 400 {
		t.Fatalf("second answer: %v", err)
	}

	edit := tgbotapi.NewEditMessageText(42, reply.MessageID, "Let's go")
	if _, err := bot.Send(edit); err != nil {
		t.Fatal(err)
	}
	ed := u.NextReply(t)
	if ed.Method != "editMessageText" || ed.Text != "Let's go" || ed.ReplyMarkup != nil {
		t.Fatalf("edit = %v", ed)
	}
	_, err = bot.Send(edit)
	if e := tgError(t, err); e.Code != 400 || !strings.Contains(e.Message, "message is not modified") {
		t.Fatalf("unchanged edit: %+v", e)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, reply.MessageID)); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, reply.MessageID)); err == nil {
		t.Fatal("second delete succeeded")
	}
	if got := len(u.Sent()); got != 4 { // send, answer, edit, delete
		t.Fatalf("sent to user: %d\n%s", got, srv.Dump())
	}
}

func TestCommandWithBotnameAndArgs(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	g := srv.NewGroup(-1001234567890, "Team")
	u := srv.NewUser(7, "Bob", "en")
	u.SendIn(g, "/report@quickwin_test_bot broken lamp")
	m := getUpdates(t, bot, 0)[0].Message
	if m.Command() != "report" || m.CommandWithAt() != "report@quickwin_test_bot" || m.CommandArguments() != "broken lamp" {
		t.Fatalf("command %q args %q", m.Command(), m.CommandArguments())
	}
	if m.Chat.Type != "supergroup" || m.Chat.Title != "Team" || m.From.ID != 7 {
		t.Fatalf("chat %+v from %+v", m.Chat, m.From)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(g.ID, "Noted")); err != nil {
		t.Fatal(err)
	}
	if r := g.NextReply(t); r.Text != "Noted" {
		t.Fatal(r)
	}
	u.Send("hello world")
	if m := getUpdates(t, bot, 0)[1].Message; m.IsCommand() || m.Text != "hello world" {
		t.Fatalf("plain text parsed as command: %+v", m)
	}
}

func TestLongPoll(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u := srv.NewUser(1, "A", "en")

	got := make(chan []tgbotapi.Update, 1)
	go func() {
		ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		got <- ups
	}()
	srv.WaitCalls(t, "getUpdates", 1)
	in := u.Send("hi")
	select {
	case ups := <-got:
		if len(ups) != 1 || ups[0].UpdateID != in.UpdateID {
			t.Fatalf("ups = %+v", ups)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not return when an update was queued")
	}

	// timeout with nothing queued: empty result
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: in.UpdateID + 1, Timeout: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("ups=%v err=%v", ups, err)
	}
	// limit
	u.Send("a")
	u.Send("b")
	ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: in.UpdateID + 1, Limit: 1})
	if len(ups) != 1 || ups[0].Message.Text != "a" {
		t.Fatalf("limit: %+v", ups)
	}
}

func TestCloseUnblocksLongPoll(t *testing.T) {
	srv := telegramtest.NewServer()
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 60})
	}()
	srv.WaitCalls(t, "getUpdates", 1)
	srv.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not unblock the long poll")
	}
}

func TestConcurrentPollConflict(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
			errs <- err
		}()
		srv.WaitCalls(t, "getUpdates", i+1)
	}
	// one of the two polls is terminated with 409; the other gets the update
	err := <-errs
	if e := tgError(t, err); e.Code != 409 {
		t.Fatalf("want 409, got %+v", e)
	}
	srv.NewUser(5, "E", "").Send("x")
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}

func TestPhotoUploadGetFileAndDownload(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	data := telegramtest.DefaultPhoto()

	p := tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "evidence.jpg", Bytes: data})
	p.Caption = "Evidence #1"
	p.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Approve", "approve:1")))
	msg, err := bot.Send(p)
	if err != nil {
		t.Fatal(err)
	}
	sent := srv.WaitSent(t, func(s telegramtest.Sent) bool { return s.Method == "sendPhoto" })
	if sent.FileName != "evidence.jpg" || !bytes.Equal(sent.FileBytes, data) || sent.Text != "Evidence #1" || sent.ChatID != 42 {
		t.Fatalf("sent = %v", sent)
	}
	if len(msg.Photo) == 0 || msg.Photo[len(msg.Photo)-1].FileID != sent.ResultFileID || msg.Caption != "Evidence #1" {
		t.Fatalf("returned message photo = %+v", msg.Photo)
	}
	if largest := msg.Photo[len(msg.Photo)-1]; largest.Width != 64 || largest.Height != 48 {
		t.Fatalf("size = %+v", largest)
	}

	f, err := bot.GetFile(tgbotapi.FileConfig{FileID: sent.ResultFileID})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.FileURL(f.FilePath))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(body, data) || f.FileSize != len(data) {
		t.Fatalf("download: %d, %d bytes", resp.StatusCode, len(body))
	}
	if _, err := bot.GetFile(tgbotapi.FileConfig{FileID: "nope"}); err == nil {
		t.Fatal("getFile of unknown id succeeded")
	}

	// re-send by file_id: form-encoded, recorded with FileID and stored bytes
	if _, err := bot.Send(tgbotapi.NewPhoto(43, tgbotapi.FileID(sent.ResultFileID))); err != nil {
		t.Fatal(err)
	}
	re := srv.WaitSent(t, func(s telegramtest.Sent) bool { return s.ChatID == 43 })
	if re.FileID != sent.ResultFileID || !bytes.Equal(re.FileBytes, data) || re.Params["photo"] != sent.ResultFileID {
		t.Fatalf("re-send = %v", re)
	}
	if _, err := bot.Send(tgbotapi.NewPhoto(43, tgbotapi.FileID("bogus"))); err == nil {
		t.Fatal("unknown file_id accepted")
	}
}

func TestUserPhotoAndDocument(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u := srv.NewUser(9, "Carol", "en")
	in := u.SendPhoto("broken window")
	u.SendDocument("report.pdf", []byte("%PDF-1.4 fake"), "")
	ups := getUpdates(t, bot, 0)
	photo := ups[0].Message.Photo
	if len(photo) < 2 || photo[len(photo)-1].FileID != in.FileID || ups[0].Message.Caption != "broken window" {
		t.Fatalf("photo = %+v", ups[0].Message)
	}
	link, err := bot.GetFile(tgbotapi.FileConfig{FileID: in.FileID})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.FileURL(link.FilePath))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(b, telegramtest.DefaultPhoto()) {
		t.Fatal("downloaded photo differs")
	}
	doc := ups[1].Message.Document
	if doc == nil || doc.FileName != "report.pdf" || doc.MimeType != "application/pdf" {
		t.Fatalf("document = %+v", doc)
	}
	if fi, ok := srv.File(doc.FileID); !ok || string(fi.Data) != "%PDF-1.4 fake" {
		t.Fatalf("File = %+v", fi)
	}
	resp, err = http.Get(srv.URL() + "/file/bot1:wrong/" + link.FilePath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("download with wrong token: %d", resp.StatusCode)
	}
}

func TestSendDocumentAndMediaGroup(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	d := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "report.xlsx", Bytes: []byte("xlsx")})
	d.Caption = "Monthly report"
	msg, err := bot.Send(d)
	if err != nil {
		t.Fatal(err)
	}
	if msg.Document == nil || msg.Document.FileName != "report.xlsx" {
		t.Fatalf("document = %+v", msg.Document)
	}
	s := srv.WaitText(t, 42, "Monthly")
	if s.Method != "sendDocument" || string(s.FileBytes) != "xlsx" {
		t.Fatal(s)
	}

	p1 := tgbotapi.NewInputMediaPhoto(tgbotapi.FileBytes{Name: "a.jpg", Bytes: []byte("aaa")})
	p1.Caption = "Evidence"
	p2 := tgbotapi.NewInputMediaPhoto(tgbotapi.FileID(msg.Document.FileID))
	msgs, err := bot.SendMediaGroup(tgbotapi.NewMediaGroup(42, []interface{}{p1, p2}))
	if err != nil {
		t.Fatal(err)
	}
	all := srv.WaitFor(t, 42, 3)
	if len(msgs) != 2 || msgs[0].MediaGroupID == "" || msgs[0].MediaGroupID != msgs[1].MediaGroupID {
		t.Fatalf("msgs = %+v", msgs)
	}
	if all[1].Method != "sendMediaGroup" || all[1].FileName != "a.jpg" || string(all[1].FileBytes) != "aaa" ||
		all[1].Text != "Evidence" || all[2].FileID != msg.Document.FileID || all[1].MediaGroupID != msgs[0].MediaGroupID {
		t.Fatalf("recorded = %v / %v", all[1], all[2])
	}
	if _, err := bot.SendMediaGroup(tgbotapi.NewMediaGroup(42, []interface{}{p1})); err == nil {
		t.Fatal("media group with 1 item accepted")
	}
}

func TestInjected429And5xx(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	srv.FailNext("sendMessage", 1, 429, 7)
	_, err := bot.Send(tgbotapi.NewMessage(42, "hi"))
	e := tgError(t, err)
	if e.Code != 429 || e.RetryAfter != 7 || e.Message != "Too Many Requests: retry after 7" {
		t.Fatalf("err = %+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(42, "hi")); err != nil {
		t.Fatalf("second send: %v", err)
	}
	if srv.Count429() != 1 || srv.Calls("sendMessage") != 2 || len(srv.Sent()) != 1 {
		t.Fatalf("429s=%d calls=%d sent=%d", srv.Count429(), srv.Calls("sendMessage"), len(srv.Sent()))
	}

	// multipart uploads: tgbotapi's UploadFiles does not copy error_code
	srv.FailNext("*", 1, 429, 3)
	_, err = bot.Send(tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "x.jpg", Bytes: []byte("x")}))
	if e := tgError(t, err); e.Code != 0 || e.RetryAfter != 3 {
		t.Fatalf("upload err = %+v", e)
	}

	srv.FailNext("getUpdates", 2, 502, 0)
	for i := 0; i < 2; i++ {
		_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
		if e := tgError(t, err); e.Code != 502 || e.Message != "Bad Gateway" {
			t.Fatalf("err = %+v", e)
		}
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	srv.FailNextWith("sendMessage", 1, telegramtest.Fault{Code: 400, Description: "Bad Request: chat not found"})
	_, err = bot.Send(tgbotapi.NewMessage(42, "hi"))
	if e := tgError(t, err); e.Code != 400 || e.Message != "Bad Request: chat not found" {
		t.Fatalf("err = %+v", e)
	}
}

func TestBlockedUser(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	srv.BlockUser(42)
	_, err := bot.Send(tgbotapi.NewMessage(42, "hi"))
	if e := tgError(t, err); e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Fatalf("err = %+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(43, "hi")); err != nil {
		t.Fatal(err)
	}
	if f := srv.Failures(); len(f) != 1 || f[0].ChatID != 42 || f[0].Code != 403 {
		t.Fatalf("failures = %v", f)
	}
}

func TestRateLimits(t *testing.T) {
	t.Run("private chat", func(t *testing.T) {
		srv := telegramtest.New(t)
		bot := newBot(t, srv)
		srv.EnforceRateLimits(true)
		if _, err := bot.Send(tgbotapi.NewMessage(42, "one")); err != nil {
			t.Fatal(err)
		}
		_, err := bot.Send(tgbotapi.NewMessage(42, "two"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
			t.Fatalf("err = %+v", e)
		}
		if _, err := bot.Send(tgbotapi.NewMessage(43, "other chat")); err != nil {
			t.Fatal(err)
		}
		// edits do not count toward the per-chat rule
		if _, err := bot.Send(tgbotapi.NewEditMessageText(42, 1, "one!")); err != nil {
			t.Fatal(err)
		}
		if srv.Count429() != 1 {
			t.Fatalf("Count429 = %d", srv.Count429())
		}
		srv.EnforceRateLimits(false)
		if _, err := bot.Send(tgbotapi.NewMessage(42, "free")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("group", func(t *testing.T) {
		srv := telegramtest.New(t)
		bot := newBot(t, srv)
		srv.SetRateLimits(telegramtest.RateLimits{GroupPerMinute: 2})
		srv.EnforceRateLimits(true)
		for i := 0; i < 2; i++ {
			if _, err := bot.Send(tgbotapi.NewMessage(-100, "g")); err != nil {
				t.Fatal(err)
			}
		}
		_, err := bot.Send(tgbotapi.NewMessage(-100, "g"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter < 50 || e.RetryAfter > 60 {
			t.Fatalf("group err = %+v", e)
		}
	})
	t.Run("global", func(t *testing.T) {
		srv := telegramtest.New(t)
		bot := newBot(t, srv)
		srv.SetRateLimits(telegramtest.RateLimits{GlobalPerSecond: 3})
		srv.EnforceRateLimits(true)
		for i := int64(0); i < 3; i++ {
			if _, err := bot.Send(tgbotapi.NewMessage(100+i, "x")); err != nil {
				t.Fatal(err)
			}
		}
		_, err := bot.Send(tgbotapi.NewMessage(200, "x"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
			t.Fatalf("global err = %+v", e)
		}
	})
}

func TestWebhook(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	got := make(chan tgbotapi.Update, 4)
	hook := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "s3cr3t" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		up, err := bot.HandleUpdate(r)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		got <- *up
	})
	_, err := bot.MakeRequest("setWebhook", tgbotapi.Params{
		"url": hook + "/tg", "secret_token": "s3cr3t", "allowed_updates": `["message","callback_query"]`,
	})
	if err != nil {
		t.Fatal(err)
	}
	wh := srv.Webhook()
	if wh.URL != hook+"/tg" || wh.SecretToken != "s3cr3t" || len(wh.AllowedUpdates) != 2 {
		t.Fatalf("webhook = %+v", wh)
	}
	if info, err := bot.GetWebhookInfo(); err != nil || info.URL != hook+"/tg" {
		t.Fatalf("info = %+v err %v", info, err)
	}
	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	if e := tgError(t, err); e.Code != 409 {
		t.Fatalf("getUpdates with webhook: %+v", e)
	}

	u := srv.NewUser(42, "Alice", "en")
	in := u.Send("/start")
	resp, err := srv.PostToWebhookWithSecret("wrong")
	if err != nil || resp.StatusCode != http.StatusUnauthorized || srv.PendingUpdates() != 1 {
		t.Fatalf("forged post: %v %v pending %d", resp, err, srv.PendingUpdates())
	}
	resp, err = srv.PostToWebhook()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("post: %v %v", resp, err)
	}
	if up := <-got; up.UpdateID != in.UpdateID || up.Message.Text != "/start" {
		t.Fatalf("update = %+v", up)
	}
	if srv.PendingUpdates() != 0 || srv.ConfirmedOffset() != in.UpdateID+1 {
		t.Fatalf("pending %d confirmed %d", srv.PendingUpdates(), srv.ConfirmedOffset())
	}
	srv.Redeliver(in.UpdateID)
	if _, err := srv.PostToWebhook(); err != nil {
		t.Fatal(err)
	}
	if up := <-got; up.UpdateID != in.UpdateID {
		t.Fatalf("redelivered id = %d", up.UpdateID)
	}

	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook, "secret_token": "bad token!"}); err == nil {
		t.Fatal("invalid secret accepted")
	}
	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
}

func TestRedeliverInPolling(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u := srv.NewUser(42, "Alice", "en")
	in := u.Send("/done 5")
	first := getUpdates(t, bot, 0)
	srv.Redeliver(in.UpdateID)
	again := getUpdates(t, bot, first[0].UpdateID+1)
	if len(again) != 1 || again[0].UpdateID != first[0].UpdateID || again[0].Message.Text != "/done 5" {
		t.Fatalf("again = %+v", again)
	}
	srv.WaitConfirmed(t, in.UpdateID)
	if srv.LastUpdateID() != in.UpdateID {
		t.Fatalf("LastUpdateID = %d", srv.LastUpdateID())
	}
	// delivered once, then gone
	if ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: in.UpdateID + 1}); len(ups) != 0 {
		t.Fatalf("ups = %+v", ups)
	}
}

func TestQueueUpdateRaw(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	id := srv.QueueUpdate(`{"update_id": 999, "edited_message": null}`)
	id2 := srv.QueueUpdate(tgbotapi.Update{Message: &tgbotapi.Message{Text: "struct", Chat: &tgbotapi.Chat{ID: 5}}})
	ups := getUpdates(t, bot, 0)
	if len(ups) != 2 || ups[0].UpdateID != id || ups[0].Message != nil || ups[0].CallbackQuery != nil ||
		ups[1].UpdateID != id2 || ups[1].Message.Text != "struct" {
		t.Fatalf("ups = %+v", ups)
	}
}

func TestCommandsAndChatAction(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	cmds := []tgbotapi.BotCommand{{Command: "start", Description: "Start"}, {Command: "report", Description: "Report"}}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		t.Fatal(err)
	}
	scope := tgbotapi.NewBotCommandScopeChat(42)
	if _, err := bot.Request(tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, "ru", cmds[:1]...)); err != nil {
		t.Fatal(err)
	}
	if got, ok := srv.CommandsFor(telegramtest.CommandScope{Type: "chat", ChatID: 42}, "ru"); !ok || len(got) != 1 || got[0].Command != "start" {
		t.Fatalf("chat commands = %v", got)
	}
	if got, _ := srv.CommandsFor(telegramtest.CommandScope{}, ""); len(got) != 2 {
		t.Fatalf("default commands = %v", got)
	}
	if got, err := bot.GetMyCommands(); err != nil || len(got) != 2 {
		t.Fatalf("GetMyCommands = %v %v", got, err)
	}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "/Start", Description: "x"})); err == nil {
		t.Fatal("invalid command accepted")
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMyCommandsWithScopeAndLanguage(scope, "ru")); err != nil {
		t.Fatal(err)
	}
	if len(srv.Commands()) != 1 {
		t.Fatalf("commands = %+v", srv.Commands())
	}
	if _, err := bot.Request(tgbotapi.NewChatAction(42, tgbotapi.ChatUploadPhoto)); err != nil {
		t.Fatal(err)
	}
	if a := srv.ChatActions(42); len(a) != 1 || a[0] != "upload_photo" {
		t.Fatalf("actions = %v", a)
	}
}

func TestFormattingValidation(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	send := func(text, mode string) error {
		m := tgbotapi.NewMessage(42, text)
		m.ParseMode = mode
		_, err := bot.Send(m)
		return err
	}
	for _, c := range []struct{ text, mode string }{
		{"<b>bold</b> &amp; <a href=\"https://x.y\">link</a>", "HTML"},
		{"*bold* and _snake\\_case_ 1\\.5", "MarkdownV2"},
		{"*bold* `snake_case` [a](https://x.y/a_b)", "Markdown"},
		{"plain 1 < 2 & done.", ""},
	} {
		if err := send(c.text, c.mode); err != nil {
			t.Errorf("%q (%s) rejected: %v", c.text, c.mode, err)
		}
	}
	for _, c := range []struct{ text, mode string }{
		{"<b>bold", "HTML"},
		{"1 < 2", "HTML"},
		{"line<br>break", "HTML"},
		{"Done.", "MarkdownV2"},
		{"user_name", "Markdown"},
		{"x", "markdown3"},
		{strings.Repeat("a", 4097), ""},
	} {
		err := send(c.text, c.mode)
		if err == nil || tgError(t, err).Code != 400 {
			t.Errorf("%.20q (%s) accepted: %v", c.text, c.mode, err)
		}
	}
	bad := tgbotapi.NewMessage(42, "x")
	bad.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Too long", strings.Repeat("d", 65))))
	if _, err := bot.Send(bad); err == nil || !strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
		t.Errorf("65-byte callback_data: %v", err)
	}
	srv.SetStrictFormatting(false)
	if err := send("Done.", "MarkdownV2"); err != nil {
		t.Errorf("non-strict: %v", err)
	}
}

func TestConsumeSemanticsAndAwait(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u := srv.NewUser(42, "Alice", "en")
	for _, s := range []string{"first", "second", "third"} {
		if _, err := bot.Send(tgbotapi.NewMessage(42, s)); err != nil {
			t.Fatal(err)
		}
	}
	if r := u.WaitText(t, "second"); r.Text != "second" {
		t.Fatal(r)
	}
	if r := u.NextReply(t); r.Text != "first" {
		t.Fatal(r)
	}
	if r := u.NextReply(t); r.Text != "third" {
		t.Fatal(r)
	}
	u.ExpectNoReply(t, 20*time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := srv.Await(ctx, func(s telegramtest.Sent) bool { return s.Text == "never" }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Await err = %v", err)
	}
	if s, err := srv.Await(context.Background(), func(s telegramtest.Sent) bool { return s.Text == "first" }); err != nil || s.Seq != 1 {
		t.Fatalf("Await = %v %v", s, err)
	}
}

// TestTgbotapiUpdatesChan runs a tiny echo bot on tgbotapi's own polling
// loop, the way production code would.
func TestTgbotapiUpdatesChan(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	updates := bot.GetUpdatesChan(tgbotapi.UpdateConfig{Timeout: 30})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for up := range updates {
			switch {
			case up.Message != nil:
				m := tgbotapi.NewMessage(up.Message.Chat.ID, "echo: "+up.Message.Text)
				m.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
					tgbotapi.NewInlineKeyboardButtonData("Again", "again")))
				_, _ = bot.Send(m)
			case up.CallbackQuery != nil:
				_, _ = bot.Request(tgbotapi.NewCallback(up.CallbackQuery.ID, "ok"))
				_, _ = bot.Send(tgbotapi.NewEditMessageText(up.CallbackQuery.Message.Chat.ID,
					up.CallbackQuery.Message.MessageID, "pressed "+up.CallbackQuery.Data))
			}
		}
	}()
	u := srv.NewUser(42, "Alice", "en")
	u.Send("hello")
	r := u.WaitText(t, "echo: hello")
	u.Press(r, "Again")
	if a := u.NextCallbackAnswer(t); a.Text != "ok" {
		t.Fatal(a)
	}
	if e := u.NextReply(t); e.Method != "editMessageText" || e.Text != "pressed again" {
		t.Fatal(e)
	}
	bot.StopReceivingUpdates()
	srv.Close() // unblocks the pending long poll so the loop sees the shutdown
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("update loop did not stop")
	}
}
