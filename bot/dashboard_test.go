package bot

import (
	"context"
	"strings"
	"testing"

	"quickwin"
)

// TestDashboardButtons: with a dashboard, /ringkasan and /daftar carry a
// Mini App button to the matching page (private chats only); without
// one, nothing changes.
func TestDashboardButtons(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pub := &fakePublisher{}
	h.restart(func(cfg *Config) { cfg.Publisher = pub; cfg.DashboardURL = "https://qw.example.go.id/app/" })
	running(t, h, "DINKES") // an empty summary is one line, without buttons

	h.admin.Send("/ringkasan")
	h.admin.NextReply(t)
	last := h.admin.NextReply(t)
	if got := last.Params["reply_markup"]; !strings.Contains(got, `"web_app":{"url":"https://qw.example.go.id/app/month?m=2027-03"}`) {
		t.Errorf("/ringkasan keyboard %q", got)
	}
	h.srv.Drain()

	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + h.invite("DINKES kepala"))
	head.NextReply(t)
	head.Send("/ringkasan")
	if got := head.NextReply(t).Params["reply_markup"]; !strings.Contains(got, `"url":"https://qw.example.go.id/app/opd/DINKES?m=2027-03"`) || !strings.Contains(got, "Buka dasbor") {
		t.Errorf("head's /ringkasan keyboard %q", got)
	}
	c := quickwin.QuickWin{TenantID: h.tenant.ID, OPDCode: "DINKES", Title: "Posyandu aktif", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 100, Start: h.now, Deadline: h.now.AddDate(0, 3, 0), Status: quickwin.StatusActive}
	if err := h.store.CreateQuickWin(context.Background(), h.member(2), &c); err != nil {
		t.Fatal(err)
	}
	head.Send("/daftar")
	if got := head.NextReply(t).Params["reply_markup"]; !strings.Contains(got, `"web_app":{"url":"https://qw.example.go.id/app/opd/DINKES"}`) {
		t.Errorf("/daftar keyboard %q", got)
	}

	g := h.srv.NewGroup(-500, "Forum")
	head.SendIn(g, "/peringkat")
	if got := g.NextReply(t).Params["reply_markup"]; strings.Contains(got, "web_app") {
		t.Errorf("a group got a Mini App button: %q", got)
	}

	h.restart(func(cfg *Config) { cfg.Publisher = pub })
	head.Send("/ringkasan")
	if got := head.NextReply(t).Params["reply_markup"]; strings.Contains(got, "web_app") {
		t.Errorf("without QW_PUBLIC_URL: %q", got)
	}
}
