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

// Conversation returns the wizard state of a chat and user. ENOTFOUND.
func (s *Store) Conversation(ctx context.Context, chatID, userID int64) (*quickwin.Conversation, error) {
	var c quickwin.Conversation
	if err := s.findOne(ctx, colConversations, bson.D{{Key: "_id", Value: ConversationKey(chatID, userID)}}, &c, "conversation"); err != nil {
		return nil, err
	}
	return &c, nil
}

// SaveConversation stores a wizard state (one replace, so a crash leaves
// either the old or the new state, never a mix).
func (s *Store) SaveConversation(ctx context.Context, c *quickwin.Conversation) error {
	c.Key = ConversationKey(c.ChatID, c.UserID)
	c.UpdatedAt = s.Now()
	_, err := s.c(colConversations).ReplaceOne(ctx, bson.D{{Key: "_id", Value: c.Key}}, c, options.Replace().SetUpsert(true))
	return wrap(err, "save conversation")
}

// DeleteConversation ends a wizard.
func (s *Store) DeleteConversation(ctx context.Context, chatID, userID int64) error {
	_, err := s.c(colConversations).DeleteOne(ctx, bson.D{{Key: "_id", Value: ConversationKey(chatID, userID)}})
	return wrap(err, "delete conversation")
}

// IdleConversations returns wizards untouched since before, for the timeout sweep.
func (s *Store) IdleConversations(ctx context.Context, before time.Time, limit int) ([]quickwin.Conversation, error) {
	var out []quickwin.Conversation
	return out, s.findAll(ctx, colConversations, bson.D{{Key: "updated_at", Value: bson.D{{Key: "$lt", Value: before}}}},
		options.Find().SetLimit(int64(limit)), &out, "idle conversations")
}
