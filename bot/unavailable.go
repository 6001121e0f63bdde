package bot

import "sync"

// unavailableNotices remembers which updates were already answered with
// "the database is unreachable", so that the retry loop does not repeat
// the notice every few seconds. It forgets the oldest beyond its size.
type unavailableNotices struct {
	mu    sync.Mutex
	seen  map[int]bool
	order []int
}

const maxUnavailableNotices = 1024

func (b *Bot) firstUnavailableNotice(updateID int) bool {
	n := &b.notices
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[int]bool{}
	}
	if n.seen[updateID] {
		return false
	}
	n.seen[updateID] = true
	n.order = append(n.order, updateID)
	if len(n.order) > maxUnavailableNotices {
		delete(n.seen, n.order[0])
		n.order = n.order[1:]
	}
	return true
}
