package store

// SetInviteTokens makes this store's new invites take their tokens from
// next; nil restores random ones.
func (s *Store) SetInviteTokens(next func() string) { s.inviteTokens = next }
