package bot

import (
	"context"
	"sync/atomic"
	"testing"

	"quickwin"
	"quickwin/store/storetest"
)

// countingConversations counts the reads that reach the database.
type countingConversations struct {
	ConversationStore
	reads atomic.Int32
}

func (c *countingConversations) Conversation(ctx context.Context, chatID, userID int64) (*quickwin.Conversation, error) {
	c.reads.Add(1)
	return c.ConversationStore.Conversation(ctx, chatID, userID)
}

func TestConversationsRememberedOnlyWhileExclusive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := &countingConversations{ConversationStore: storetest.New(t)}
	cs := &conversations{store: db}

	// Not polling: every read goes to the database.
	for range 2 {
		if _, err := cs.Conversation(ctx, 1, 1); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			t.Fatalf("no conversation yet: %v", err)
		}
	}
	if n := db.reads.Load(); n != 2 {
		t.Fatalf("reads without the lease = %d, want 2", n)
	}

	cs.remember(true)
	db.reads.Store(0)
	for range 3 { // "none" is remembered too: most senders have no form open
		if _, err := cs.Conversation(ctx, 1, 1); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			t.Fatalf("still none: %v", err)
		}
	}
	if n := db.reads.Load(); n != 1 {
		t.Fatalf("reads of a remembered absence = %d, want 1", n)
	}

	// Saves are written through; what a caller changes afterwards is its own.
	conv := &quickwin.Conversation{ChatID: 1, UserID: 1, Wizard: "w", State: "a", Data: map[string]string{"k": "v"}}
	if err := cs.SaveConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	got, err := cs.Conversation(ctx, 1, 1)
	if err != nil || got.State != "a" || got.Data["k"] != "v" || got.UpdatedAt.IsZero() {
		t.Fatalf("remembered after save: %+v, %v", got, err)
	}
	got.Data["k"], got.State = "changed", "b"
	conv.Data["k"] = "changed too"
	if again, _ := cs.Conversation(ctx, 1, 1); again.State != "a" || again.Data["k"] != "v" {
		t.Fatalf("a caller's change reached the memory: %+v", again)
	}
	if stored, err := db.ConversationStore.Conversation(ctx, 1, 1); err != nil || stored.State != "a" {
		t.Fatalf("save not written through: %+v, %v", stored, err)
	}
	if n := db.reads.Load(); n != 1 {
		t.Fatalf("reads after save = %d, want still 1", n)
	}

	if err := cs.DeleteConversation(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Conversation(ctx, 1, 1); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Fatalf("deleted, still remembered: %v", err)
	}

	// Another instance polled in between (this one lost the lease): what it
	// wrote is read, not what was remembered before.
	cs.remember(false)
	if err := db.SaveConversation(ctx, &quickwin.Conversation{ChatID: 1, UserID: 1, Wizard: "w", State: "elsewhere"}); err != nil {
		t.Fatal(err)
	}
	cs.remember(true)
	if got, err := cs.Conversation(ctx, 1, 1); err != nil || got.State != "elsewhere" {
		t.Fatalf("after the lease came back: %+v, %v", got, err)
	}
}

// TestPollRemembersAndForgets: the bot remembers conversations only while
// it polls, and starts empty each time it polls again.
func TestPollRemembersAndForgets(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(nil, echoWizard)
	h.admin.Send("/gema")
	contains(t, h.admin.NextReply(t), "What is the name?")
	if !h.bot.conversations.exclusive.Load() || !h.bot.handlesUpdates() {
		t.Fatal("a polling bot does not remember conversations")
	}
	h.stop()
	if h.bot.conversations.exclusive.Load() || h.bot.handlesUpdates() {
		t.Fatal("a bot that stopped polling still remembers conversations")
	}
}
