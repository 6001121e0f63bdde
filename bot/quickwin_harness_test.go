package bot

import (
	"context"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"quickwin"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// The -update flag rewrites golden files. It is registered here unless
// another test file of the package registered it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func updateGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fakeOutbox stands in for the persistent outbox: it keeps what was queued
// (once per key) and sends it at once through the fake Telegram, as the
// dispatcher would.
type fakeOutbox struct {
	api  *telegram.Client
	mu   sync.Mutex
	keys map[string]bool
	msgs []quickwin.OutboxMessage
}

func (o *fakeOutbox) Enqueue(ctx context.Context, msgs ...quickwin.OutboxMessage) (int, error) {
	n := 0
	for _, m := range msgs {
		o.mu.Lock()
		dup := o.keys[m.Key]
		o.keys[m.Key] = true
		if !dup {
			o.msgs = append(o.msgs, m)
		}
		o.mu.Unlock()
		if dup {
			continue
		}
		n++
		if err := o.api.Deliver(ctx, &m); err != nil {
			return n, err
		}
	}
	return n, nil
}

func (o *fakeOutbox) queued() []quickwin.OutboxMessage {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]quickwin.OutboxMessage(nil), o.msgs...)
}

// qwWorld is a harness with a fake outbox, a second OPD (DISDIK) and the
// people of DINKES: head Dewi (2), staff Budi (3), and leader Pak Sekda (4),
// all speaking lang; the admin (1) is switched to lang too.
type qwWorld struct {
	*harness
	lang                string
	outbox              *fakeOutbox
	head, staff, leader *telegramtest.User
}

func newQW(t *testing.T, lang string) *qwWorld {
	t.Helper()
	h := newHarness(t)
	ob := &fakeOutbox{keys: map[string]bool{}}
	h.restart(func(cfg *Config) { ob.api, cfg.Outbox = cfg.Client, ob })
	if _, err := h.store.CreateOPD(context.Background(), h.member(1), quickwin.OPD{TenantID: h.tenant.ID, Code: "DISDIK", Name: "Dinas Pendidikan"}); err != nil {
		t.Fatal(err)
	}
	w := &qwWorld{harness: h, lang: lang, outbox: ob}
	join := func(id int64, name, inv string) *telegramtest.User {
		u := h.srv.NewUser(id, name, lang)
		u.Send("/start " + h.invite(inv))
		h.message(u)
		return u
	}
	w.head = join(2, "Dewi", "DINKES kepala")
	w.staff = join(3, "Budi", "DINKES operator")
	w.leader = join(4, "Pak Sekda", "pimpinan")
	if lang == "en" {
		h.admin.Send("/bahasa en")
		h.message(h.admin)
	}
	h.srv.Drain()
	return w
}

// shows checks that a message shows each of want, as people read it: its
// text without markup, or one of its buttons.
func shows(t *testing.T, s telegramtest.Sent, want ...string) {
	t.Helper()
	text := html.UnescapeString(stripTags(s.Text))
	for _, w := range want {
		if strings.Contains(text, w) {
			continue
		}
		if slices.ContainsFunc(s.ReplyMarkup.Texts(), func(b string) bool { return strings.Contains(b, w) }) {
			continue
		}
		t.Errorf("message %d to chat %d does not show %q:\n%s\nbuttons: %v", s.MessageID, s.ChatID, w, text, s.ReplyMarkup.Texts())
	}
}

// edit waits for the next edit of a message's text in u's chat.
func (h *harness) edit(u *telegramtest.User) telegramtest.Sent {
	h.t.Helper()
	return h.srv.Next(h.t, func(s telegramtest.Sent) bool { return s.ChatID == u.ID && s.Method == "editMessageText" })
}

// toast waits for the answer to a press.
func (h *harness) toast(in telegramtest.Incoming) telegramtest.Sent {
	h.t.Helper()
	return h.srv.Next(h.t, func(s telegramtest.Sent) bool {
		return s.Method == "answerCallbackQuery" && s.CallbackQueryID == in.CallbackQueryID
	})
}

// commit stores a quick win of DINKES made by the head, as the wizard would.
func (w *qwWorld) commit(t *testing.T, c quickwin.QuickWin) *quickwin.QuickWin {
	t.Helper()
	if c.TenantID == "" {
		c.TenantID = w.tenant.ID
	}
	if c.OPDCode == "" {
		c.OPDCode = "DINKES"
	}
	actor := w.member(2)
	if c.OPDCode != "DINKES" {
		actor = w.member(1)
	}
	if err := w.store.CreateQuickWin(context.Background(), actor, &c); err != nil {
		t.Fatalf("create %s: %v", c.Title, err)
	}
	return &c
}

// day is midnight of a date in the tenant's zone (Asia/Jakarta).
func (w *qwWorld) day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, w.tenant.Location())
}

// numeric is a typical numeric quick win: baseline 60, target 90 %, from 1
// March to 30 June 2027, with two steps.
func (w *qwWorld) numeric(title string) quickwin.QuickWin {
	return quickwin.QuickWin{Title: title, Kind: quickwin.KindNumeric, Baseline: 60, Target: 90, Unit: "%",
		Direction: quickwin.HigherIsBetter, Start: w.day(2027, 3, 1), Deadline: w.day(2027, 6, 30), Status: quickwin.StatusActive,
		Steps: []quickwin.Step{{Title: "Pendataan", Owner: "Kabid", Due: w.day(2027, 3, 31)}, {Title: "Pelatihan kader", Due: w.day(2027, 4, 30)}}}
}

// audit is the number of audit entries of the tenant.
func (w *qwWorld) audit(t *testing.T) int {
	t.Helper()
	a, err := w.store.Audit(context.Background(), w.tenant.ID, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(a)
}

// transcript records what people see, for a golden file per language.
type transcript struct {
	t    *testing.T
	name string
	sb   strings.Builder
}

func newTranscript(t *testing.T, name string) *transcript { return &transcript{t: t, name: name} }

// see records a message someone got and returns it.
func (tr *transcript) see(who string, s telegramtest.Sent) telegramtest.Sent {
	fmt.Fprintf(&tr.sb, "── %s · %s\n%s\n", who, s.Method, s.Text)
	for _, row := range s.ReplyMarkup {
		texts := make([]string, len(row))
		for i, b := range row {
			texts[i] = b.Text
		}
		fmt.Fprintf(&tr.sb, "[ %s ]\n", strings.Join(texts, " | "))
	}
	tr.sb.WriteString("\n")
	return s
}

// note records what the test did.
func (tr *transcript) note(format string, args ...any) {
	fmt.Fprintf(&tr.sb, ">> "+format+"\n\n", args...)
}

var hexID = regexp.MustCompile(`\b[0-9a-f]{24}\b`)

// check compares the transcript with testdata/<name>.golden (ids
// normalised), or rewrites it with -update.
func (tr *transcript) check() {
	tr.t.Helper()
	got := hexID.ReplaceAllString(tr.sb.String(), "<id>")
	path := filepath.Join("testdata", tr.name+".golden")
	if updateGoldens() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tr.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tr.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tr.t.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if got != string(want) {
		tr.t.Errorf("%s differs from the golden file (go test ./bot -update rewrites it):\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first differing line with some context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			from := max(0, i-3)
			return fmt.Sprintf("line %d:\n  want: %q\n  got:  %q\ncontext (got):\n%s", i+1, wl, gl, strings.Join(g[from:min(len(g), i+3)], "\n"))
		}
	}
	return ""
}
