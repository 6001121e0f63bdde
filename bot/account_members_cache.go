package bot

import (
	"context"
	"time"

	"quickwin"
)

// memberCacheTTL bounds how long this instance trusts its copy of a
// member. Almost every update needs the sender's membership, and it rarely
// changes; changes made through this instance drop the copy at once, so
// only a change made on another instance (or by the scheduler marking a
// blocked user) can take up to this long to be seen here.
const memberCacheTTL = 30 * time.Second

// memberByTelegramID reads a member through the cache; each caller gets
// its own copy.
func (b *Bot) memberByTelegramID(ctx context.Context, tgID int64) (*quickwin.Member, error) {
	m, err := b.members.get(tgID, b.Now(), func() (quickwin.Member, error) {
		m, err := b.directory.MemberByTelegramID(ctx, tgID)
		if err != nil {
			return quickwin.Member{}, err
		}
		return *m, nil
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// forgetMember drops the cached copy of a member after a change.
func (b *Bot) forgetMember(tgID int64) { b.members.forget(tgID) }
