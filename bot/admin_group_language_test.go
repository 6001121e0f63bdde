package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"quickwin"
)

// langPublisher records the language each leaderboard was asked in.
type langPublisher struct {
	fakePublisher
	mu    sync.Mutex
	langs []string
}

func (p *langPublisher) Leaderboard(ctx context.Context, tenantID string, now time.Time, lang string) (*quickwin.Document, error) {
	p.mu.Lock()
	p.langs = append(p.langs, lang)
	p.mu.Unlock()
	return &quickwin.Document{Parts: []string{"🏆 " + lang}}, nil
}

func (p *langPublisher) last() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.langs[len(p.langs)-1]
}

// TestGroupHearsTheGroupsLanguage: /peringkat typed in a group by a head
// who chose English answers in the tenant's language; an admin's /bahasa in
// the group changes it for everyone there (and is kept on the group's
// record); others may not change it.
func TestGroupHearsTheGroupsLanguage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pub := &langPublisher{}
	h.restart(func(cfg *Config) { cfg.Publisher = pub })
	head := h.srv.NewUser(2, "Dewi", "en")
	head.Send("/start " + h.invite("DINKES kepala"))
	h.message(head)
	if h.member(2).Lang != "en" {
		t.Fatalf("head's language %q", h.member(2).Lang)
	}
	g := h.srv.NewGroup(-100200, "Forum Kepala OPD")
	h.admin.SendIn(g, "/grup")
	contains(t, g.NextReply(t), "terdaftar")

	head.SendIn(g, "/peringkat")
	contains(t, g.NextReply(t), "🏆 id")
	head.SendIn(g, "/leaderboard")
	contains(t, g.NextReply(t), "🏆 id")
	if pub.last() != "id" {
		t.Errorf("leaderboard asked in %q", pub.last())
	}
	head.SendIn(g, "/language en") // a head may not change the group's language
	contains(t, g.NextReply(t), "hanya dapat diubah oleh admin")

	h.admin.SendIn(g, "/bahasa en")
	contains(t, g.NextReply(t), "This group now uses English")
	head.SendIn(g, "/peringkat")
	contains(t, g.NextReply(t), "🏆 en")
	h.admin.SendIn(g, "/grup") // registering again keeps the choice
	contains(t, g.NextReply(t), "registered")
	if gr, err := h.store.Group(context.Background(), g.ID); err != nil || gr.Lang != "en" {
		t.Errorf("group record: %+v %v", gr, err)
	}
	h.admin.SendIn(g, "/bahasa bawaan")
	contains(t, g.NextReply(t), "Bahasa Indonesia")
	head.SendIn(g, "/peringkat")
	contains(t, g.NextReply(t), "🏆 id")

	// In private the head still hears English.
	head.Send("/leaderboard")
	contains(t, h.message(head), "🏆 en")

	// An unregistered group is told to register first.
	other := h.srv.NewGroup(-100300, "Grup lain")
	h.admin.SendIn(other, "/bahasa en")
	contains(t, other.NextReply(t), "/grup")
}
