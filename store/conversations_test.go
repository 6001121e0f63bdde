package store_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
	"quickwin/store/storetest"
)

// TestConversationsOfBothShapes: a conversation saved now (answers packed
// in one value) and one stored by an earlier version (answers as fields)
// read the same, in Conversation and in the idle sweep; saving the old
// one stores it in the new shape.
func TestConversationsOfBothShapes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := storetest.New(t)
	then := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := s.Collection("conversations").InsertOne(ctx, bson.D{
		{Key: "_id", Value: "7:7"}, {Key: "chat", Value: int64(7)}, {Key: "user", Value: int64(7)},
		{Key: "wizard", Value: "qw_report"}, {Key: "state", Value: "note"}, {Key: "history", Value: bson.A{"val"}},
		{Key: "data", Value: bson.D{{Key: "cid", Value: "q1"}, {Key: "val", Value: "40"}}}, {Key: "message_id", Value: 12},
		{Key: "updated_at", Value: then},
	}); err != nil {
		t.Fatal(err)
	}
	fresh := &quickwin.Conversation{ChatID: 8, UserID: 8, Wizard: "qw_new", State: "title", History: []string{"opd"},
		Data: map[string]string{"opd": "DINKES"}, MessageID: 3}
	if err := s.SaveConversation(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	want := map[int64]quickwin.Conversation{
		7: {Key: "7:7", ChatID: 7, UserID: 7, Wizard: "qw_report", State: "note", History: []string{"val"}, Data: map[string]string{"cid": "q1", "val": "40"}, MessageID: 12},
		8: {Key: "8:8", ChatID: 8, UserID: 8, Wizard: "qw_new", State: "title", History: []string{"opd"}, Data: map[string]string{"opd": "DINKES"}, MessageID: 3},
	}
	same := func(got quickwin.Conversation, w quickwin.Conversation) bool {
		if got.Key != w.Key || got.ChatID != w.ChatID || got.Wizard != w.Wizard || got.State != w.State || got.MessageID != w.MessageID ||
			len(got.History) != len(w.History) || len(got.Data) != len(w.Data) || got.UpdatedAt.IsZero() {
			return false
		}
		for k, v := range w.Data {
			if got.Data[k] != v {
				return false
			}
		}
		return got.History[0] == w.History[0]
	}
	for id, w := range want {
		got, err := s.Conversation(ctx, id, id)
		if err != nil || !same(*got, w) {
			t.Errorf("conversation %d: %+v, %v; want %+v", id, got, err, w)
		}
	}
	idle, err := s.IdleConversations(ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 10)
	if err != nil || len(idle) != 2 {
		t.Fatalf("idle: %d, %v", len(idle), err)
	}
	for _, c := range idle {
		if !same(c, want[c.ChatID]) {
			t.Errorf("idle %d: %+v", c.ChatID, c)
		}
	}
	// The old one, saved again, is stored in the new shape.
	old, _ := s.Conversation(ctx, 7, 7)
	old.State = "ev"
	if err := s.SaveConversation(ctx, old); err != nil {
		t.Fatal(err)
	}
	var raw bson.M
	if err := s.Collection("conversations").FindOne(ctx, bson.D{{Key: "_id", Value: "7:7"}}).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	if _, packed := raw["body"]; !packed || raw["data"] != nil || raw["state"] != nil {
		t.Errorf("saved again: %v; want the answers in body only", raw)
	}
	if got, _ := s.Conversation(ctx, 7, 7); got.State != "ev" || got.Data["val"] != "40" {
		t.Errorf("after saving again: %+v", got)
	}
}
