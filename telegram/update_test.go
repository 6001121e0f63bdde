package telegram

import (
	"errors"
	"strings"
	"testing"
)

func TestDecodeUpdate(t *testing.T) {
	for _, c := range []struct {
		name, raw string
		id        int    // update id the error or update names
		why       string // "" when accepted
		key       string // telegram.Key of an accepted update
	}{
		{"message", `{"update_id":5,"message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"},"text":"hi"}}`, 5, "", "m:42:9"},
		{"callback", `{"update_id":6,"callback_query":{"id":"cq1","from":{"id":42,"first_name":"A"},"data":"rp:x","message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"}}}}`, 6, "", "c:cq1"},
		{"callback without its message", `{"update_id":7,"callback_query":{"id":"cq2","from":{"id":42,"first_name":"A"},"data":"x"}}`, 7, "", "c:cq2"},
		{"edited message passes", `{"update_id":8,"edited_message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"}}}`, 8, "", "u:8"},
		{"chat id as a string", `{"update_id":10,"callback_query":{"id":"q","from":{"id":1,"first_name":"A"},"message":{"message_id":1,"date":1,"chat":{"id":"1","type":"private"}}}}`, 10, "cannot unmarshal", ""},
		{"message without chat", `{"update_id":11,"message":{"message_id":1,"date":1,"from":{"id":1,"first_name":"A"},"text":"/start"}}`, 11, "message without chat", ""},
		{"message without sender", `{"update_id":12,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"x"}}`, 12, "message without from", ""},
		{"callback without sender", `{"update_id":13,"callback_query":{"id":"q","data":"x"}}`, 13, "callback_query without from", ""},
		{"callback without id", `{"update_id":14,"callback_query":{"from":{"id":1,"first_name":"A"},"data":"x"}}`, 14, "callback_query without id", ""},
		{"callback message without chat", `{"update_id":15,"callback_query":{"id":"q","from":{"id":1,"first_name":"A"},"message":{"message_id":1,"date":1}}}`, 15, "callback_query.message without chat", ""},
		{"no update id", `{"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"A"}}}`, 0, "no update_id", ""},
		{"not JSON", `{"update_id":16,`, 0, "unexpected end", ""},
		{"update id as a float", `{"update_id":17.5}`, 0, "cannot unmarshal", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, err := DecodeUpdate([]byte(c.raw))
			if c.why == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got := Key(u); got != c.key {
					t.Errorf("key %q, want %q", got, c.key)
				}
				return
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want a *DecodeError", err)
			}
			if de.UpdateID != c.id || !strings.Contains(de.Reason, c.why) {
				t.Errorf("got update %d %q, want %d %q", de.UpdateID, de.Reason, c.id, c.why)
			}
			ChatOf(u) // never panics on what was refused
			Key(u)
		})
	}
}

// FuzzDecodeUpdate: any bytes either decode into an update that has what
// its kind needs, or are refused; neither panics, nor do ChatOf and Key.
func FuzzDecodeUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"A"},"text":"/start"}}`,
		`{"update_id":2,"callback_query":{"id":"q","from":{"id":1},"data":"rp:1","message":{"message_id":1,"date":1,"chat":{"id":"1"}}}}`,
		`{"update_id":3,"message":{"message_id":1,"reply_to_message":{"message_id":2},"chat":{"id":1},"from":{"id":1}}}`,
		`{"update_id":4,"my_chat_member":{"chat":{"id":-5},"from":{"id":1}}}`,
		`[]`, `null`, `{"update_id":-1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := DecodeUpdate(raw)
		ChatOf(u)
		Key(u)
		Kind(u)
		if err == nil && u.Message != nil && (u.Message.Chat == nil || u.Message.From == nil) {
			t.Fatalf("accepted a message without chat or sender: %s", raw)
		}
	})
}
