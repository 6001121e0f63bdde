package bot

import (
	"context"
	"strings"
	"testing"

	"quickwin"
	"quickwin/telegramtest"
)

// TestJoiningByInvite is the bot core's acceptance test: an admin invites a
// head and a staff member of one OPD and a leader; each joins by link in a
// different language; a stranger is refused; a reused token is refused.
func TestJoiningByInvite(t *testing.T) {
	t.Parallel()
	h := newHarness(t)

	headToken := h.invite("DINKES kepala")
	staffToken := h.invite("operator dinkes")
	leaderToken := h.invite("pimpinan")

	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + headToken)
	contains(t, head.NextReply(t), "Selamat datang, Dewi", "Kepala OPD", "Dinas Kesehatan (DINKES)", "/bahasa")

	staff := h.srv.NewUser(3, "Budi", "en-US")
	staff.Send("/start " + staffToken)
	contains(t, staff.NextReply(t), "Welcome, Budi", "OPD Operator", "/cancel")

	leader := h.srv.NewUser(4, "Pak Sekda", "de") // neither id nor en: the tenant's language
	leader.Send("/start " + leaderToken)
	contains(t, leader.NextReply(t), "Selamat datang", "Pimpinan", "/anggota")

	if m := h.member(2); m.Role != quickwin.RoleHead || m.OPDCode != "DINKES" || m.Lang != "id" {
		t.Errorf("head: %+v", m)
	}
	if m := h.member(3); m.Role != quickwin.RoleStaff || m.OPDCode != "DINKES" || m.Lang != "en" {
		t.Errorf("staff: %+v", m)
	}
	if m := h.member(4); m.Role != quickwin.RoleLeader || m.OPDCode != "" || m.Lang != "id" {
		t.Errorf("leader: %+v", m)
	}

	// Each joined member gets the menu of their role in their language.
	cmds, ok := h.srv.CommandsFor(telegramtestChatScope(3), "")
	if !ok || !hasCommand(cmds, "cancel") || hasCommand(cmds, "invite") {
		t.Errorf("staff menu: %+v", cmds)
	}

	// A reused token is refused and changes nothing.
	eve := h.srv.NewUser(5, "Eve", "id")
	eve.Send("/start " + headToken)
	contains(t, eve.NextReply(t), "sudah dipakai")
	if _, err := h.store.MemberByTelegramID(context.Background(), 5); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("reused token made a member: %v", err)
	}
	eve.Send("/start bogus-token")
	contains(t, eve.NextReply(t), "tidak dikenal")

	// A stranger is told how to join and sees no data.
	eve.Send("/anggota")
	r := eve.NextReply(t)
	contains(t, r, "belum terdaftar", "tautan undangan")
	if len(r.ReplyMarkup) > 0 {
		t.Errorf("stranger got buttons: %v", r.ReplyMarkup)
	}
	eve.Send("halo")
	contains(t, eve.NextReply(t), "belum terdaftar")
	stranger := h.srv.NewUser(6, "John", "en")
	stranger.Send("/start")
	contains(t, stranger.NextReply(t), "ask the admin", "invite link")

	// Members see refusals that say why.
	staff.Send("/invite")
	contains(t, staff.NextReply(t), "not available to your role (OPD Operator)")

	// Leaders see the members; only admins deactivate them (SPEC §3).
	leader.Send("/anggota")
	list := leader.NextReply(t)
	contains(t, list, "Anggota aktif: 4", "Budi", "Dewi", "DINKES")
	if len(list.ReplyMarkup) > 0 || strings.Contains(list.Text, "nonaktif") {
		t.Errorf("a leader is offered to deactivate: %q %v", list.Text, list.ReplyMarkup.Texts())
	}
	budi := h.member(3)
	for _, data := range []string{"mem:d:" + budi.ID, "mem:D:" + budi.ID} {
		press := leader.PressData(list.MessageID, data) // an old or forged button
		if toast := h.srv.Next(t, func(s telegramtest.Sent) bool {
			return s.Method == "answerCallbackQuery" && s.CallbackQueryID == press.CallbackQueryID
		}); !strings.Contains(toast.Text, "Hanya admin") {
			t.Errorf("leader's %s press answered %q", data, toast.Text)
		}
	}
	leader.Send("/anggota nonaktif 3")
	contains(t, leader.NextReply(t), "Hanya admin")
	if !h.member(3).Active {
		t.Fatal("a leader deactivated a member")
	}
	h.admin.Send("/anggota")
	adminList := h.admin.WaitText(t, "Anggota aktif")
	h.admin.Press(adminList, "✖ Budi")
	confirm := h.admin.WaitText(t, "Nonaktifkan Budi")
	h.admin.Press(confirm, "Ya")
	h.admin.WaitText(t, "Budi sudah dinonaktifkan")
	if _, err := h.store.MemberByTelegramID(context.Background(), 3); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("staff still active: %v", err)
	}
	staff.Send("/help")
	contains(t, staff.NextReply(t), "have not joined")
}
