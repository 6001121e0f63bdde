package bot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"quickwin/locales"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"quickwin"
)

// echoWizard is a two-question wizard used to test the framework itself.
func echoWizard(b *Bot) {
	b.addWizard(&Wizard{Name: "echo", First: "name", Steps: 2, States: map[string]*State{
		"name": {Step: 1,
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				return "What is the name?", [][]quickwin.Button{{c.Choice("Alpha", "alpha")}}, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				if len(in.Answer()) < 2 {
					return "", quickwin.Errorf(quickwin.EINVALID, "short").WithKey("step.invalid.title", nil)
				}
				c.Set("name", in.Answer())
				return "count", nil
			}},
		"count": {Step: 2,
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				return "How many for " + esc(c.Get("name")) + "?", nil, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				_, err := r.Reply("Saved "+esc(c.Get("name"))+" × "+esc(in.Answer()), nil)
				return Finish, err
			}},
	}})
	b.addCommand(&command{id: "echo", names: names("gema", "echo"), roles: members, handle: func(r *Request) error {
		return b.startWizard(r, "echo", nil)
	}})
}

func TestWizardSurvivesRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(nil, echoWizard)
	h.admin.Send("/gema")
	q := h.admin.NextReply(t)
	contains(t, q, "Langkah 1 dari 2", "What is the name?")
	if _, ok := q.Button("✖ Keluar dari formulir"); !ok {
		t.Errorf("no cancel button: %v", q.ReplyMarkup)
	}
	h.admin.Send("x")
	contains(t, h.admin.NextReply(t), "⚠️", "2–200")
	contains(t, h.admin.NextReply(t), "What is the name?")
	h.admin.Send("Posyandu")
	contains(t, h.admin.NextReply(t), "Langkah 2 dari 2", "How many for Posyandu?")

	// The process stops mid-wizard; a new one answers the next question.
	h.restart(nil, echoWizard)
	h.admin.Send("12")
	contains(t, h.admin.NextReply(t), "Saved Posyandu × 12")
	h.admin.Send("/bantuan") // handled after the wizard's last step, in order
	h.admin.NextReply(t)
	if _, err := h.store.Conversation(context.Background(), 1, 1); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("finished wizard still stored: %v", err)
	}
}

func TestWizardBackCancelStaleAndTimeout(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(nil, echoWizard)
	h.admin.Send("/gema")
	first := h.admin.NextReply(t)
	h.admin.Press(first, "Alpha")
	second := h.message(h.admin)
	contains(t, second, "How many for alpha?")
	h.admin.Press(second, "« Kembali")
	contains(t, h.message(h.admin), "What is the name?")
	// The first question's button was answered before: pressing it again is stale.
	h.srv.Drain()
	h.admin.PressData(first.MessageID, "w:count:alpha")
	contains(t, h.admin.NextCallbackAnswer(t), "sudah tidak berlaku")
	h.admin.Send("/batal")
	contains(t, h.message(h.admin), "keluar dari formulir")
	h.admin.Send("/batal")
	contains(t, h.message(h.admin), "Tidak ada formulir")

	h.admin.Send("/gema")
	h.message(h.admin)
	h.advance(quickwin.ConversationIdle + time.Minute)
	h.admin.Send("Beta")
	contains(t, h.message(h.admin), "terlalu lama")
	h.admin.Send("Beta")
	contains(t, h.message(h.admin), "belum mengerti")

	h.admin.Send("/gema")
	h.message(h.admin)
	h.advance(quickwin.ConversationIdle + time.Minute)
	if err := h.bot.SweepIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	contains(t, h.message(h.admin), "terlalu lama")
}

func TestDuplicateUpdateHasOneEffect(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	in := h.admin.Send("/opd tambah DISDIK Dinas Pendidikan")
	contains(t, h.admin.NextReply(t), "DISDIK tersimpan")
	h.srv.Redeliver(in.UpdateID)
	h.admin.Send("/bantuan")
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan") // the redelivered update said nothing
	audit, _ := h.store.Audit(context.Background(), h.tenant.ID, "DISDIK", 0)
	if len(audit) != 1 {
		t.Errorf("audit entries for DISDIK = %d, want 1", len(audit))
	}
}

func TestPanicIsAnsweredAndBotGoesOn(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(nil, func(b *Bot) {
		b.addCommand(&command{id: "boom", names: names("boom", "boom"), roles: members, handle: func(r *Request) error { panic("boom") }})
	})
	h.admin.Send("/boom")
	contains(t, h.admin.NextReply(t), "Maaf, terjadi kesalahan")
	h.admin.Send("/bantuan")
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan")
}

// flakyStore makes the database unreachable for the first n claims.
type flakyStore struct {
	Store
	fail atomic.Int32
}

func (f *flakyStore) ClaimUpdate(ctx context.Context, id string, owner string) (bool, error) {
	if f.fail.Add(-1) >= 0 {
		return false, &quickwin.Error{Code: quickwin.EUNAVAILABLE, Message: "down"}
	}
	return f.Store.ClaimUpdate(ctx, id, owner)
}

func TestUnreachableDatabaseLosesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(func(cfg *Config) {
		flaky := &flakyStore{Store: cfg.Store}
		flaky.fail.Store(2)
		cfg.Store = flaky
	})
	in := h.admin.Send("/bantuan")
	contains(t, h.admin.NextReply(t), "tidak hilang")
	// The offset that confirms the update to Telegram waits for it.
	if got := h.srv.ConfirmedOffset(); got > in.UpdateID {
		t.Errorf("offset %d confirmed an update that was not handled (%d)", got, in.UpdateID)
	}
	// Told once; then handled as soon as the database answers.
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan")
	h.srv.WaitConfirmed(t, in.UpdateID)
}

// TestWebhookAsksForRedeliveryWhenDatabaseIsDown: Telegram redelivers a
// webhook update answered with an error, so nothing is lost.
func TestWebhookAsksForRedeliveryWhenDatabaseIsDown(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.stop()
	h.openStore()
	flaky := &flakyStore{Store: h.store}
	flaky.fail.Store(1)
	b := New(Config{Client: h.bot.Client, Store: flaky, Log: h.bot.Log, Clock: quickwin.ClockFunc(h.clock)})
	wh, err := b.WebhookHandler("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(withSecret(wh, "s3cret"))
	defer srv.Close()
	t.Cleanup(func() { _ = h.store.Close(context.Background()) })
	post := func() int {
		res, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"update_id": 777, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "from": {"id": 1, "first_name": "Admin"}, "text": "/bantuan", "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}}`))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := post(); code != http.StatusServiceUnavailable {
		t.Errorf("database down: %d, want 503", code)
	}
	if code := post(); code != http.StatusOK {
		t.Errorf("redelivered: %d, want 200", code)
	}
	h.srv.WaitText(t, 1, "Yang bisa Anda lakukan")
	if code := post(); code != http.StatusOK {
		t.Errorf("third delivery: %d", code)
	}
	if n := len(h.srv.SentTo(1)); n != 2 { // the "not lost" notice, then the help once
		t.Errorf("chat 1 got %d messages, want 2: %v", n, h.srv.SentTo(1))
	}
}

// TestUpdatesOfOneChatKeepTheirOrder: a person who types fast is answered
// in the order they typed, and a wizard sees its answers in order.
func TestUpdatesOfOneChatKeepTheirOrder(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(nil, echoWizard)
	h.admin.Send("/gema")
	h.admin.Send("Posyandu")
	h.admin.Send("12")
	h.admin.Send("/bantuan")
	contains(t, h.message(h.admin), "What is the name?")
	contains(t, h.message(h.admin), "How many for Posyandu?")
	contains(t, h.message(h.admin), "Saved Posyandu × 12")
	contains(t, h.message(h.admin), "Yang bisa Anda lakukan")
}

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.admin.Send("/bahasa")
	choose := h.admin.NextReply(t)
	h.admin.Press(choose, "🇬🇧 English")
	contains(t, h.admin.NextReply(t), "Language switched to English")
	h.admin.Send("/help")
	contains(t, h.admin.NextReply(t), "What you can do", "/invite —", "How it is computed")
	h.admin.Send("/language id")
	contains(t, h.admin.NextReply(t), "Bahasa Indonesia")
	h.admin.Send("/bahasa klingon")
	contains(t, h.admin.NextReply(t), "tidak tersedia")
}

func TestGroups(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	g := h.srv.NewGroup(-100123, "Forum Kepala OPD")
	h.admin.SendIn(g, "halo semua")            // not a command: ignored
	h.admin.SendIn(g, "/grup@some_other_bot")  // another bot's command: ignored
	h.admin.SendIn(g, "/grup@"+h.bot.username) // ours
	contains(t, g.NextReply(t), "Forum Kepala OPD terdaftar")
	groups, _ := h.store.Groups(context.Background(), h.tenant.ID)
	if len(groups) != 1 || groups[0].ChatID != -100123 {
		t.Fatalf("groups: %+v", groups)
	}
	h.admin.SendIn(g, "/undang")
	contains(t, g.NextReply(t), "hanya bisa dipakai di chat pribadi")
	h.admin.Send("/grup")
	contains(t, h.admin.NextReply(t), "di dalam grup")
}

func TestForgedCallbacksChangeNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + h.invite("DINKES kepala"))
	head.NextReply(t)
	staff := h.srv.NewUser(3, "Budi", "id")
	staff.Send("/start " + h.invite("DINKES operator"))
	staff.NextReply(t)
	before, _ := h.store.Audit(context.Background(), h.tenant.ID, "", 0)

	headID := h.member(2).ID
	// Staff forges a "deactivate the head" press into the admin's chat, and
	// an invite press into their own.
	staff.PressDataIn(1, 1, "mem:D:"+headID)
	staff.PressDataIn(3, 1, "inv:r:admin")
	staff.PressDataIn(3, 1, "zzz:whatever")
	staff.PressDataIn(3, 1, "w:nostate:1")
	for i := 0; i < 4; i++ {
		staff.NextCallbackAnswer(t)
	}
	after, _ := h.store.Audit(context.Background(), h.tenant.ID, "", 0)
	if len(after) != len(before) {
		t.Errorf("forged presses changed something: %d audit entries, want %d", len(after), len(before))
	}
	if !h.member(2).Active {
		t.Error("head deactivated by a forged press")
	}
}

func TestWebhookChecksSecret(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	wh, err := h.bot.WebhookHandler("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(wh)
	defer srv.Close()
	post := func(secret string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"update_id": 999001, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "from": {"id": 1, "first_name": "Admin"}, "text": "/bantuan", "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}}`))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := post(""); code != http.StatusForbidden {
		t.Errorf("no secret: %d", code)
	}
	if code := post("wrong"); code != http.StatusForbidden {
		t.Errorf("wrong secret: %d", code)
	}
	if code := post("s3cret"); code != http.StatusOK {
		t.Errorf("right secret: %d", code)
	}
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan")
	if err := h.bot.SetWebhook(context.Background(), "https://example.org/tg", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if w := h.srv.Webhook(); w.URL != "https://example.org/tg" || w.SecretToken != "s3cret" {
		t.Errorf("webhook: %+v", w)
	}
}

func TestMalformedUpdatesAreIgnored(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.QueueUpdate(`{"edited_message": {"message_id": 5, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "x"}}`)
	h.srv.QueueUpdate(`{"callback_query": {"id": "q1", "from": {"id": 1, "first_name": "A"}, "data": ""}}`)
	h.admin.Send("/bantuan")
	contains(t, h.admin.NextReply(t), "Yang bisa Anda lakukan")
}

// withSecret adds Telegram's secret header to every request, as Telegram
// does after setWebhook.
func withSecret(h http.Handler, secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		h.ServeHTTP(w, r)
	})
}

// TestWebhookNeedsASecret: no secret, no webhook.
func TestWebhookNeedsASecret(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if _, err := h.bot.WebhookHandler(""); err == nil {
		t.Fatal("a webhook without a secret was made")
	}
}

// TestAdminButtonsRefuseOthers: the admin's invite, bulk-invite and import
// buttons, pressed (or forged) by someone else, are refused with the role
// that may, and make nothing.
func TestAdminButtonsRefuseOthers(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	staff := h.srv.NewUser(3, "Budi", "id")
	staff.Send("/start " + h.invite("DINKES operator"))
	staff.NextReply(t)
	before, _ := h.store.OpenInvites(context.Background(), h.tenant.ID)
	for _, data := range []string{"inv:o:head:DINKES", "invb:head:7", "imp:s:x"} {
		staff.PressDataIn(3, 1, data)
		answer := staff.NextCallbackAnswer(t)
		contains(t, answer, locales.T(locales.ID, "forbidden.command", map[string]any{"Role": locales.T(locales.ID, "role.staff", nil)}))
	}
	if after, _ := h.store.OpenInvites(context.Background(), h.tenant.ID); len(after) != len(before) {
		t.Errorf("refused presses made invites: %d, want %d", len(after), len(before))
	}
}
