package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"quickwin/telegram"
	"quickwin/telegramtest"
)

// Malformed updates as Telegram (or someone holding the webhook secret)
// might send them: a chat id as a string fails to decode at all; a message
// without chat decodes but lacks what a message needs.
const (
	chatIDAsString = `{"callback_query":{"id":"cq-bad","from":{"id":1,"first_name":"Admin"},"data":"lang:id","message":{"message_id":1,"date":1,"chat":{"id":"1","type":"private"}}}}`
	noChat         = `{"message":{"message_id":77,"date":1,"from":{"id":1,"first_name":"Admin"},"text":"/bantuan","entities":[{"type":"bot_command","offset":0,"length":8}]}}`
)

// TestPollingSkipsMalformedUpdates: a batch with one undecodable update and
// one message without chat among good ones is handled except those two,
// which are confirmed and counted, so they never block the bot.
func TestPollingSkipsMalformedUpdates(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.stop()
	h.openStore()
	h.start(nil)
	head := h.srv.NewUser(2, "Dewi", "id")
	h.srv.QueueUpdate(chatIDAsString)
	h.admin.Send("/bantuan")
	h.srv.QueueUpdate(noChat)
	last := head.Send("/start")
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan")
	contains(t, head.NextReply(t), "undangan")
	h.srv.WaitConfirmed(t, last.UpdateID)
	if n := testutil.ToFloat64(h.bot.Edge.Refused); n != 2 {
		t.Errorf("refused %v updates, want 2", n)
	}
	if got := h.srv.SentTo(1); len(got) != 1 {
		t.Errorf("the admin got %d messages, want 1 (the malformed ones answered nothing): %v", len(got), got)
	}
}

// TestWebhookSkipsMalformedUpdates: the same over a webhook: each malformed
// body is confirmed (200) and skipped, a body over 1 MB gets 413, a good
// update is handled.
func TestWebhookSkipsMalformedUpdates(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	wh, err := h.bot.WebhookHandler("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(wh)
	defer srv.Close()
	post := func(body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	withID := func(id int, raw string) string { return fmt.Sprintf(`{"update_id":%d,%s`, id, raw[1:]) }
	for _, body := range []string{withID(900001, chatIDAsString), withID(900002, noChat), `{"update_id":`, `[1,2,3]`} {
		if code := post(body); code != http.StatusOK {
			t.Errorf("malformed %.40s…: %d, want 200", body, code)
		}
	}
	big := `{"update_id":900003,"message":{"text":"` + strings.Repeat("x", telegram.MaxUpdateBytes) + `"}}`
	if code := post(big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("over 1 MB: %d, want 413", code)
	}
	good := `{"update_id":900004,"message":{"message_id":5,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"Admin"},"text":"/bantuan","entities":[{"type":"bot_command","offset":0,"length":8}]}}`
	if code := post(good); code != http.StatusOK {
		t.Errorf("good update: %d", code)
	}
	h.srv.WaitText(t, 1, "Yang bisa Anda lakukan")
	if n := testutil.ToFloat64(h.bot.Edge.Refused); n != 4 {
		t.Errorf("refused %v updates, want the 4 malformed ones (the 413 is refused before decoding)", n)
	}
}

// TestSameMessageUnderTwoUpdateIDs: Telegram delivering one message again
// under another update id is recognised by its chat and message id.
func TestSameMessageUnderTwoUpdateIDs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	msg := `{"message":{"message_id":4242,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"Admin"},"text":"/undang DINKES kepala","entities":[{"type":"bot_command","offset":0,"length":7}]}}`
	h.srv.QueueUpdate(msg)
	second := h.srv.QueueUpdate(msg)
	contains(t, h.admin.NextReply(t), "t.me/")
	h.srv.WaitConfirmed(t, second)
	if got := h.srv.SentTo(1); len(got) != 1 {
		t.Errorf("one message, two update ids: %d replies, want 1: %v", len(got), got)
	}
}

// FuzzReceive feeds arbitrary bytes as an update, and as a batch of
// updates, through decoding and the bot's routing up to its handlers: no
// panic escapes, whatever arrives.
func FuzzReceive(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"A"},"text":"/bantuan","entities":[{"type":"bot_command","offset":0,"length":8}]}}`,
		`{"update_id":2,"callback_query":{"id":"q","from":{"id":1,"first_name":"A"},"data":"qw:zz:*:0","message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"}}}}`,
		`{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":-100,"type":"supergroup"},"from":{"id":9,"first_name":"B"},"text":"/peringkat@x"}}`,
		`{"update_id":4,"message":{"message_id":3,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1},"photo":[],"document":{"file_id":""}}}`,
		`{"update_id":5,"message":{"message_id":4,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1},"text":"/start ../../x","entities":[{"type":"bot_command","offset":0,"length":60}]}}`,
		chatIDAsString, noChat,
	} {
		f.Add([]byte(s))
	}
	h := newHarness(f)
	h.stop() // the fuzz calls the handler itself
	h.openStore()
	h.start(nil)
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, part := range splitBatch(raw) {
			u, err := telegram.DecodeUpdate(part)
			if err != nil {
				continue
			}
			h.bot.HandleBatch(context.Background(), []tgbotapi.Update{u})
		}
	})
}

// splitBatch reads raw as a getUpdates result (a JSON array) when it is
// one, else as a single update.
func splitBatch(raw []byte) [][]byte {
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) == nil {
		out := make([][]byte, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	}
	return [][]byte{raw}
}

// TestReplyRefusedByTelegramGoesToTheOutbox: Telegram answers a reply 429
// (retry_after 40): the reply is not lost but queued in the outbox, which
// sends it when the chat may be sent to again.
func TestReplyRefusedByTelegramGoesToTheOutbox(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	w.srv.FailChat(1, 1, telegramtest.Fault{Code: 429, RetryAfter: 40})
	w.admin.Send("/bantuan")
	contains(t, w.admin.NextReply(t), "Yang bisa Anda lakukan")
	queued := w.outbox.queued()
	if len(queued) == 0 || !strings.HasPrefix(queued[len(queued)-1].Key, "reply/") {
		t.Fatalf("the refused reply was not queued: %+v", queued)
	}
}
