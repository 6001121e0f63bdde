package bot

import (
	"context"
	"strings"
	"testing"
)

// TestFirstAdminIsAPerson: an admin from QW_ADMIN_IDS who first writes to
// the bot is recorded by their Telegram name and language, greeted by name
// and given the admin's command menu.
func TestFirstAdminIsAPerson(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	for _, tc := range []struct {
		id         int64
		name, lang string
		first      string
		want       []string
	}{
		{1001, "Rina Marlina", "id", "/bantuan", []string{"Selamat datang, Rina Marlina!", "Admin", "/bantuan"}},
		{1002, "John Smith", "en", "/start", []string{"John Smith", "Admin"}},
	} {
		m, err := h.store.EnsureAdmin(ctx, h.tenant.ID, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if !m.Unnamed() {
			t.Fatalf("configured admin has a name: %+v", m)
		}
		u := h.srv.NewUser(tc.id, tc.name, tc.lang)
		u.Send(tc.first)
		contains(t, h.message(u), tc.want...)
		if tc.first != "/start" {
			h.message(u) // the help it asked for
		}
		got := h.member(tc.id)
		if got.Name != tc.name || got.Lang != tc.lang || got.Unnamed() {
			t.Errorf("admin recorded as %+v", got)
		}
		cmds, ok := h.srv.CommandsFor(telegramtestChatScope(tc.id), "")
		if !ok || !hasCommand(cmds, map[string]string{"id": "undang", "en": "invite"}[tc.lang]) {
			t.Errorf("admin's menu: %+v", cmds)
		}
		// Only the first contact is a welcome.
		u.Send(map[string]string{"id": "/bantuan", "en": "/help"}[tc.lang])
		if s := h.message(u); strings.Contains(s.Text, "Selamat datang") || strings.Contains(s.Text, "Welcome") {
			t.Errorf("welcomed again: %q", s.Text)
		}
	}
	// The members list shows the name, not "Admin 1001".
	h.admin.Send("/anggota")
	contains(t, h.message(h.admin), "Rina Marlina", "John Smith")
}
