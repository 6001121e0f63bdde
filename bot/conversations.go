package bot

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"quickwin"
)

// conversations is the wizard engine's view of ConversationStore. While
// this process polls Telegram it is the only one that handles updates (the
// poller lease's holder; Bot.Poll), so it may remember every chat's
// conversation, including that there is none: most updates then need no
// database read to learn whether a form is open. The memory is written
// through on every save and delete, and forgotten whenever polling starts
// or stops, since another instance may have handled updates in between.
// Behind a webhook any instance may get the next update, so nothing is
// remembered.
type conversations struct {
	store ConversationStore

	exclusive atomic.Bool
	mu        sync.Mutex
	known     map[convKey]*quickwin.Conversation // nil: known to have none
}

type convKey struct{ chat, user int64 }

// maxRememberedConversations bounds the memory; past it everything is
// forgotten at once (a regency has hundreds of members, not thousands).
const maxRememberedConversations = 10000

// remember turns the memory on (exclusive) or off; either way it starts
// empty.
func (cs *conversations) remember(exclusive bool) {
	cs.mu.Lock()
	cs.known = nil
	cs.exclusive.Store(exclusive)
	cs.mu.Unlock()
}

func (cs *conversations) Conversation(ctx context.Context, chatID, userID int64) (*quickwin.Conversation, error) {
	k := convKey{chatID, userID}
	if c, ok := cs.recall(k); ok {
		if c == nil {
			return nil, quickwin.Errorf(quickwin.ENOTFOUND, "no conversation")
		}
		return c, nil
	}
	c, err := cs.store.Conversation(ctx, chatID, userID)
	switch {
	case err == nil:
		cs.keep(k, c)
	case quickwin.ErrorCode(err) == quickwin.ENOTFOUND:
		cs.keep(k, nil)
	}
	return c, err
}

func (cs *conversations) SaveConversation(ctx context.Context, c *quickwin.Conversation) error {
	k := convKey{c.ChatID, c.UserID}
	if err := cs.store.SaveConversation(ctx, c); err != nil {
		cs.forget(k)
		return err
	}
	cs.keep(k, c)
	return nil
}

func (cs *conversations) DeleteConversation(ctx context.Context, chatID, userID int64) error {
	k := convKey{chatID, userID}
	if err := cs.store.DeleteConversation(ctx, chatID, userID); err != nil {
		cs.forget(k)
		return err
	}
	cs.keep(k, nil)
	return nil
}

func (cs *conversations) IdleConversations(ctx context.Context, before time.Time, limit int) ([]quickwin.Conversation, error) {
	return cs.store.IdleConversations(ctx, before, limit)
}

// recall returns a copy of what is remembered (the caller may change it).
func (cs *conversations) recall(k convKey) (*quickwin.Conversation, bool) {
	if !cs.exclusive.Load() {
		return nil, false
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.known[k]
	return cloneConversation(c), ok
}

func (cs *conversations) keep(k convKey, c *quickwin.Conversation) {
	if !cs.exclusive.Load() {
		return
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.known == nil || len(cs.known) >= maxRememberedConversations {
		cs.known = map[convKey]*quickwin.Conversation{}
	}
	cs.known[k] = cloneConversation(c)
}

func (cs *conversations) forget(k convKey) {
	cs.mu.Lock()
	delete(cs.known, k)
	cs.mu.Unlock()
}

func cloneConversation(c *quickwin.Conversation) *quickwin.Conversation {
	if c == nil {
		return nil
	}
	cp := *c
	cp.History = slices.Clone(c.History)
	cp.Data = maps.Clone(c.Data)
	return &cp
}
