package telegramtest

import (
	"encoding/json"
	"fmt"
	"time"
)

type msgKey struct {
	chat int64
	id   int
}

// storedMsg is the server's view of a message in a chat (sent by the bot
// or by a scripted user).
type storedMsg struct {
	chatID    int64
	id        int
	fromBot   bool
	from      apiUser
	date      int64
	editDate  int64
	text      string
	caption   string
	parseMode string
	markup    json.RawMessage // canonical {"inline_keyboard":...}, nil if none
	keyboard  Keyboard
	entities  []apiEntity
	photo     []apiPhotoSize
	document  *apiDocument
	mediaGrp  string
	replyTo   int
	deleted   bool
}

type callbackInfo struct {
	chatID   int64
	msgID    int
	userID   int64
	answered bool
}

func chatTypeFor(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id <= -1000000000000:
		return "supergroup"
	default:
		return "group"
	}
}

func (s *Server) chatLocked(id int64) apiChat {
	if u, ok := s.users[id]; ok {
		return apiChat{ID: id, Type: "private", FirstName: u.FirstName, LastName: u.LastName, Username: u.Username}
	}
	if g, ok := s.groups[id]; ok {
		return g
	}
	c := apiChat{ID: id, Type: chatTypeFor(id)}
	if id > 0 {
		c.FirstName = fmt.Sprintf("User %d", id)
	} else {
		c.Title = fmt.Sprintf("Group %d", id)
	}
	return c
}

func (s *Server) newMessageLocked(chatID int64, fromBot bool, from apiUser) *storedMsg {
	s.nextMsgID[chatID]++
	m := &storedMsg{
		chatID: chatID, id: s.nextMsgID[chatID], fromBot: fromBot, from: from,
		date: time.Now().Unix(),
	}
	s.msgs[msgKey{chatID, m.id}] = m
	return m
}

func (s *Server) msgLocked(chatID int64, id int) *storedMsg {
	m := s.msgs[msgKey{chatID, id}]
	if m == nil || m.deleted {
		return nil
	}
	return m
}

func (s *Server) apiMessageLocked(m *storedMsg, depth int) *apiMessage {
	from := m.from
	am := &apiMessage{
		MessageID: m.id, From: &from, Date: m.date, Chat: s.chatLocked(m.chatID),
		EditDate: m.editDate, MediaGroupID: m.mediaGrp, Text: m.text, Entities: m.entities,
		Photo: m.photo, Document: m.document, Caption: m.caption, ReplyMarkup: m.markup,
	}
	if m.replyTo != 0 && depth == 0 {
		if r := s.msgs[msgKey{m.chatID, m.replyTo}]; r != nil {
			am.ReplyToMessage = s.apiMessageLocked(r, depth+1)
		}
	}
	return am
}
