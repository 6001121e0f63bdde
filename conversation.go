package quickwin

import "time"

// Conversation is the persisted state of a wizard, keyed by chat and user,
// so that a wizard survives a restart of the bot.
type Conversation struct {
	Key       string            `bson:"_id"` // "<chat id>:<user id>"
	ChatID    int64             `bson:"chat"`
	UserID    int64             `bson:"user"`
	Wizard    string            `bson:"wizard"`
	State     string            `bson:"state"`
	History   []string          `bson:"history,omitempty"` // earlier states, for "back"
	Data      map[string]string `bson:"data,omitempty"`
	MessageID int               `bson:"message_id,omitempty"` // the bot message being edited, if any
	UpdatedAt time.Time         `bson:"updated_at"`
}

// ConversationIdle is how long a wizard waits before it times out.
const ConversationIdle = 24 * time.Hour
