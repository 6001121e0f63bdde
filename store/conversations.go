package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// ConversationKey is the key of a chat and user's wizard state.
func ConversationKey(chatID, userID int64) string { return fmt.Sprintf("%d:%d", chatID, userID) }

// A conversation is stored with its answers and earlier states as one
// BSON value (body): on the embedded database every replace makes SQLite
// parse each stored conversation to find the one by _id, and one long
// value parses several times faster than the same answers as a nested
// document (see BenchmarkSaveConversation). Conversations stored before
// keep their fields and are read as they are.
type conversationDoc struct {
	Key       string    `bson:"_id"`
	ChatID    int64     `bson:"chat"`
	UserID    int64     `bson:"user"`
	Wizard    string    `bson:"wizard"`
	UpdatedAt time.Time `bson:"updated_at"`
	Body      []byte    `bson:"body,omitempty"` // BSON of conversationBody

	// Before the body: read, never written.
	State     string            `bson:"state,omitempty"`
	History   []string          `bson:"history,omitempty"`
	Data      map[string]string `bson:"data,omitempty"`
	MessageID int               `bson:"message_id,omitempty"`
}

type conversationBody struct {
	State     string            `bson:"s"`
	History   []string          `bson:"h,omitempty"`
	Data      map[string]string `bson:"d,omitempty"`
	MessageID int               `bson:"m,omitempty"`
}

func (d conversationDoc) conversation() (quickwin.Conversation, error) {
	c := quickwin.Conversation{Key: d.Key, ChatID: d.ChatID, UserID: d.UserID, Wizard: d.Wizard, UpdatedAt: d.UpdatedAt,
		State: d.State, History: d.History, Data: d.Data, MessageID: d.MessageID}
	if len(d.Body) == 0 {
		return c, nil
	}
	var b conversationBody
	if err := bson.Unmarshal(d.Body, &b); err != nil {
		return c, fmt.Errorf("conversation %s: %w", d.Key, err)
	}
	c.State, c.History, c.Data, c.MessageID = b.State, b.History, b.Data, b.MessageID
	return c, nil
}

// Conversation returns the wizard state of a chat and user. ENOTFOUND.
func (s *Store) Conversation(ctx context.Context, chatID, userID int64) (*quickwin.Conversation, error) {
	var d conversationDoc
	if err := s.findOne(ctx, colConversations, bson.D{{Key: "_id", Value: ConversationKey(chatID, userID)}}, &d, "conversation"); err != nil {
		return nil, err
	}
	c, err := d.conversation()
	if err != nil {
		return nil, wrap(err, "read conversation")
	}
	return &c, nil
}

// SaveConversation stores a wizard state (one replace, so a crash leaves
// either the old or the new state, never a mix).
func (s *Store) SaveConversation(ctx context.Context, c *quickwin.Conversation) error {
	c.Key = ConversationKey(c.ChatID, c.UserID)
	c.UpdatedAt = s.Now()
	body, err := bson.Marshal(conversationBody{State: c.State, History: c.History, Data: c.Data, MessageID: c.MessageID})
	if err != nil {
		return wrap(err, "save conversation")
	}
	d := conversationDoc{Key: c.Key, ChatID: c.ChatID, UserID: c.UserID, Wizard: c.Wizard, UpdatedAt: c.UpdatedAt, Body: body}
	_, err = s.c(colConversations).ReplaceOne(ctx, bson.D{{Key: "_id", Value: c.Key}}, d, options.Replace().SetUpsert(true))
	return wrap(err, "save conversation")
}

// DeleteConversation ends a wizard.
func (s *Store) DeleteConversation(ctx context.Context, chatID, userID int64) error {
	_, err := s.c(colConversations).DeleteOne(ctx, bson.D{{Key: "_id", Value: ConversationKey(chatID, userID)}})
	return wrap(err, "delete conversation")
}

// IdleConversations returns wizards untouched since before, for the timeout sweep.
func (s *Store) IdleConversations(ctx context.Context, before time.Time, limit int) ([]quickwin.Conversation, error) {
	var docs []conversationDoc
	if err := s.findAll(ctx, colConversations, bson.D{{Key: "updated_at", Value: bson.D{{Key: "$lt", Value: before}}}},
		options.Find().SetLimit(int64(limit)), &docs, "idle conversations"); err != nil {
		return nil, err
	}
	out := make([]quickwin.Conversation, 0, len(docs))
	for _, d := range docs {
		c, err := d.conversation()
		if err != nil {
			// Unreadable: swept all the same (its owner starts again).
			c = quickwin.Conversation{Key: d.Key, ChatID: d.ChatID, UserID: d.UserID, Wizard: d.Wizard, UpdatedAt: d.UpdatedAt}
		}
		out = append(out, c)
	}
	return out, nil
}
