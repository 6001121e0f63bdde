package bot

import (
	"context"
	"sync"
	"time"

	"quickwin"
)

// memberCacheTTL bounds how long this instance trusts its copy of a
// member. Almost every update needs the sender's membership, and it rarely
// changes; changes made through this instance drop the copy at once, so
// only a change made on another instance (or by the scheduler marking a
// blocked user) can take up to this long to be seen here.
const memberCacheTTL = 30 * time.Second

type memberCache struct {
	mu sync.Mutex
	m  map[int64]cachedMember
}

type cachedMember struct {
	member quickwin.Member
	at     time.Time
}

// memberByTelegramID reads a member through the cache.
func (b *Bot) memberByTelegramID(ctx context.Context, tgID int64) (*quickwin.Member, error) {
	c := &b.members
	c.mu.Lock()
	e, ok := c.m[tgID]
	c.mu.Unlock()
	if ok && b.Now().Sub(e.at) < memberCacheTTL {
		m := e.member
		return &m, nil
	}
	m, err := b.directory.MemberByTelegramID(ctx, tgID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[int64]cachedMember{}
	}
	c.m[tgID] = cachedMember{*m, b.Now()}
	c.mu.Unlock()
	return m, nil
}

// forgetMember drops the cached copy of a member after a change.
func (b *Bot) forgetMember(tgID int64) {
	b.members.mu.Lock()
	delete(b.members.m, tgID)
	b.members.mu.Unlock()
}
