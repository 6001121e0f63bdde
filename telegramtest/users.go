package telegramtest

import (
	"fmt"
	"mime"
	"path"
	"strings"
	"testing"
	"time"
)

// Incoming describes an update queued by a scripted user.
type Incoming struct {
	UpdateID        int
	ChatID          int64
	MessageID       int    // the user's message (0 for callback queries)
	FileID          string // photo (largest size) or document file_id
	FileUniqueID    string
	CallbackQueryID string
}

// User is a scripted Telegram user. Its private chat with the bot has
// chat id == user id. Fields may be changed between actions; the chat
// description the server returns is the one given to NewUser.
type User struct {
	srv          *Server
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// Group is a scripted group chat (negative id). Ids <= -1000000000000 are
// supergroups, other negative ids basic groups.
type Group struct {
	srv   *Server
	ID    int64
	Title string
	Type  string
}

// NewUser registers a user (private chat id = id).
func (s *Server) NewUser(id int64, firstName, languageCode string) *User {
	if id <= 0 {
		s.fatalf("NewUser: user id must be positive, got %d", id)
	}
	u := &User{srv: s, ID: id, FirstName: firstName, LanguageCode: languageCode}
	s.mu.Lock()
	s.users[id] = u.api()
	s.mu.Unlock()
	return u
}

// NewGroup registers a group chat; id must be negative.
func (s *Server) NewGroup(id int64, title string) *Group {
	if id >= 0 {
		s.fatalf("NewGroup: group id must be negative, got %d", id)
	}
	g := &Group{srv: s, ID: id, Title: title, Type: chatTypeFor(id)}
	s.mu.Lock()
	s.groups[id] = apiChat{ID: id, Type: g.Type, Title: title}
	s.mu.Unlock()
	return g
}

func (u *User) api() apiUser {
	return apiUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

// ChatID is the id of the user's private chat with the bot (== ID).
func (u *User) ChatID() int64 { return u.ID }

type userMsg struct {
	text, caption string
	photo         []byte
	docName       string
	doc           []byte
	replyTo       int
}

func (u *User) queueMessage(chatID int64, um userMsg) Incoming {
	s := u.srv
	from := u.api()
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessageLocked(chatID, false, from)
	m.text, m.caption, m.replyTo = um.text, um.caption, um.replyTo
	m.entities = commandEntity(um.text)
	in := Incoming{ChatID: chatID, MessageID: m.id}
	switch {
	case um.photo != nil:
		m.photo = s.registerPhotoLocked("photo.jpg", um.photo)
		in.FileID, in.FileUniqueID = m.photo[len(m.photo)-1].FileID, m.photo[len(m.photo)-1].FileUniqueID
	case um.doc != nil:
		f := s.registerFileLocked("document", um.docName, um.doc, 0, 0)
		if t := mime.TypeByExtension(path.Ext(um.docName)); t != "" {
			f.mime = t
		}
		m.document = documentOf(f)
		in.FileID, in.FileUniqueID = f.id, f.uniqueID
	}
	in.UpdateID = s.enqueueLocked(func(id int) any {
		return apiUpdate{UpdateID: id, Message: s.apiMessageLocked(m, 0)}
	})
	return in
}

// Send queues a text message from u in its private chat. Text starting
// with "/" gets a bot_command entity (e.g. "/start", "/report@quickwin_test_bot
// args"), so tgbotapi's IsCommand/Command/CommandArguments work.
func (u *User) Send(text string) Incoming {
	return u.queueMessage(u.ID, userMsg{text: text})
}

// SendIn queues a text message from u in a group.
func (u *User) SendIn(g *Group, text string) Incoming {
	return u.queueMessage(g.ID, userMsg{text: text})
}

// Reply queues a text message from u replying to message replyTo of its
// private chat (e.g. a bot message with ForceReply).
func (u *User) Reply(replyTo int, text string) Incoming {
	return u.queueMessage(u.ID, userMsg{text: text, replyTo: replyTo})
}

// SendPhoto queues a photo message (DefaultPhoto bytes) in the private chat.
// The photo is registered so getFile and the download URL work.
func (u *User) SendPhoto(caption string) Incoming {
	return u.queueMessage(u.ID, userMsg{photo: DefaultPhoto(), caption: caption})
}

// SendPhotoData is SendPhoto with explicit image bytes.
func (u *User) SendPhotoData(data []byte, caption string) Incoming {
	if data == nil {
		data = []byte{}
	}
	return u.queueMessage(u.ID, userMsg{photo: data, caption: caption})
}

// SendPhotoIn queues a photo in a group (nil data = DefaultPhoto).
func (u *User) SendPhotoIn(g *Group, data []byte, caption string) Incoming {
	if data == nil {
		data = DefaultPhoto()
	}
	return u.queueMessage(g.ID, userMsg{photo: data, caption: caption})
}

// SendDocument queues a document message in the private chat.
func (u *User) SendDocument(fileName string, data []byte, caption string) Incoming {
	if data == nil {
		data = []byte{}
	}
	return u.queueMessage(u.ID, userMsg{docName: fileName, doc: data, caption: caption})
}

// SendDocumentIn queues a document message in a group.
func (u *User) SendDocumentIn(g *Group, fileName string, data []byte, caption string) Incoming {
	if data == nil {
		data = []byte{}
	}
	return u.queueMessage(g.ID, userMsg{docName: fileName, doc: data, caption: caption})
}

// Press queues a callback_query for the inline button with text buttonText
// (exact match, else a unique substring match) on the message of sent
// (which may be a sendMessage/sendPhoto/edit... Sent of any chat, e.g. a
// group). It fails the test if there is no such callback button.
func (u *User) Press(sent Sent, buttonText string) Incoming {
	s := u.srv
	if s.tb != nil {
		s.tb.Helper()
	}
	b, ok := sent.ReplyMarkup.Find(buttonText)
	if !ok {
		var matches []Button
		for _, x := range sent.ReplyMarkup.Buttons() {
			if strings.Contains(x.Text, buttonText) {
				matches = append(matches, x)
			}
		}
		if len(matches) != 1 {
			s.fatalf("Press: no (unique) button %q on %v; buttons: %q", buttonText, sent, sent.ReplyMarkup.Texts())
		}
		b = matches[0]
	}
	if b.CallbackData == "" {
		s.fatalf("Press: button %q has no callback_data (url %q)", b.Text, b.URL)
	}
	return u.PressDataIn(sent.ChatID, sent.MessageID, b.CallbackData)
}

// PressData queues a callback_query with data for message messageID of the
// user's private chat (the button need not exist: forged data is allowed).
func (u *User) PressData(messageID int, data string) Incoming {
	return u.PressDataIn(u.ID, messageID, data)
}

// PressDataIn queues a callback_query from u for a message in any chat,
// e.g. to forge a press on someone else's message.
func (u *User) PressDataIn(chatID int64, messageID int, data string) Incoming {
	s := u.srv
	from := u.api()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextCallback++
	id := fmt.Sprintf("%d%06d", 4242, s.nextCallback)
	s.callbacks[id] = &callbackInfo{chatID: chatID, msgID: messageID, userID: u.ID}
	var msg *apiMessage
	if m := s.msgs[msgKey{chatID, messageID}]; m != nil {
		msg = s.apiMessageLocked(m, 0)
	} else {
		msg = &apiMessage{MessageID: messageID, Date: time.Now().Unix(), Chat: s.chatLocked(chatID)}
	}
	cq := &apiCallbackQuery{ID: id, From: from, Message: msg, Data: data,
		ChatInstance: fmt.Sprintf("%d", chatID*31+7)}
	upd := s.enqueueLocked(func(uid int) any { return apiUpdate{UpdateID: uid, CallbackQuery: cq} })
	return Incoming{UpdateID: upd, ChatID: chatID, CallbackQueryID: id}
}

func isReplyTo(chatID int64) func(Sent) bool {
	return func(x Sent) bool { return x.ChatID == chatID && x.IsReply() }
}

// NextReply waits for the earliest unconsumed reply (new or edited message,
// see Sent.IsReply) in u's private chat, consumes and returns it.
func (u *User) NextReply(tb testing.TB) Sent {
	tb.Helper()
	return u.srv.nextOrFail(tb, fmt.Sprintf("waiting for a reply to user %d", u.ID), isReplyTo(u.ID))
}

// WaitText waits for the earliest unconsumed reply in u's private chat
// whose text contains substr, consumes and returns it.
func (u *User) WaitText(tb testing.TB, substr string) Sent {
	tb.Helper()
	return u.srv.WaitText(tb, u.ID, substr)
}

// NextCallbackAnswer waits for the earliest unconsumed answerCallbackQuery
// to one of u's presses, consumes and returns it.
func (u *User) NextCallbackAnswer(tb testing.TB) Sent {
	tb.Helper()
	return u.srv.nextOrFail(tb, fmt.Sprintf("waiting for an answerCallbackQuery to user %d", u.ID),
		func(x Sent) bool { return x.Method == "answerCallbackQuery" && x.UserID == u.ID })
}

// ExpectNoReply fails if u's private chat has or gets an unconsumed reply
// within d.
func (u *User) ExpectNoReply(tb testing.TB, d time.Duration) {
	tb.Helper()
	u.srv.ExpectNoSent(tb, d, isReplyTo(u.ID))
}

// Drain marks everything sent so far to u's private chat as consumed.
func (u *User) Drain() { u.srv.drain(func(x Sent) bool { return x.ChatID == u.ID }) }

// Sent returns everything sent to u's private chat.
func (u *User) Sent() []Sent { return u.srv.SentTo(u.ID) }

// NextReply waits for the earliest unconsumed reply in the group.
func (g *Group) NextReply(tb testing.TB) Sent {
	tb.Helper()
	return g.srv.nextOrFail(tb, fmt.Sprintf("waiting for a reply in group %d", g.ID), isReplyTo(g.ID))
}

// WaitText waits for the earliest unconsumed reply in the group whose text
// contains substr.
func (g *Group) WaitText(tb testing.TB, substr string) Sent {
	tb.Helper()
	return g.srv.WaitText(tb, g.ID, substr)
}

// ExpectNoReply fails if the group has or gets an unconsumed reply within d.
func (g *Group) ExpectNoReply(tb testing.TB, d time.Duration) {
	tb.Helper()
	g.srv.ExpectNoSent(tb, d, isReplyTo(g.ID))
}

// Drain marks everything sent so far to the group as consumed.
func (g *Group) Drain() { g.srv.drain(func(x Sent) bool { return x.ChatID == g.ID }) }

// Sent returns everything sent to the group.
func (g *Group) Sent() []Sent { return g.srv.SentTo(g.ID) }

func (s *Server) nextOrFail(tb testing.TB, what string, pred func(Sent) bool) Sent {
	tb.Helper()
	x, err := s.NextCtx(tb.Context(), pred)
	if err != nil {
		s.fatalDump(tb, what, err)
	}
	return x
}
