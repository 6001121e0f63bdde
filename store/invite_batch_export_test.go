package store

// SetInviteTokens makes batches take their tokens from next until the
// returned function restores random ones.
func SetInviteTokens(next func() string) (restore func()) {
	old := newInviteToken
	newInviteToken = next
	return func() { newInviteToken = old }
}
