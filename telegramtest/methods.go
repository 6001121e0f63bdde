package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

func (s *Server) strict() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.strictFmt
}

// replyToLocked validates reply_to_message_id.
func (s *Server) replyToLocked(req *request, chatID int64) (int, *apiError) {
	id, e := req.int("reply_to_message_id")
	if e != nil || id == 0 {
		return 0, e
	}
	if s.msgLocked(chatID, id) == nil {
		if req.bool("allow_sending_without_reply") {
			return 0, nil
		}
		return 0, badRequest("message to be replied not found")
	}
	return id, nil
}

func (s *Server) handleSendMessage(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	text := req.params["text"]
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	if e := checkText(text, req.params["parse_mode"], MaxTextLen, "message is too long", s.strict()); e != nil {
		return nil, e
	}
	kb, canon, replyKB, e := parseReplyMarkup(req.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	replyTo, e := s.replyToLocked(req, chatID)
	if e != nil {
		return nil, e
	}
	m := s.newMessageLocked(chatID, true, s.bot)
	m.text, m.parseMode, m.markup, m.keyboard, m.replyTo = text, req.params["parse_mode"], canon, kb, replyTo
	s.recordLocked(Sent{
		Method: req.method, ChatID: chatID, MessageID: m.id, Text: text, ParseMode: m.parseMode,
		ReplyMarkup: kb, ReplyKeyboard: replyKB, Params: req.paramsCopy(),
	})
	return s.apiMessageLocked(m, 0), nil
}

// editTarget resolves chat_id/message_id of an edit.
func (s *Server) editTargetLocked(req *request, what string) (*storedMsg, *apiError) {
	if req.params["inline_message_id"] != "" {
		return nil, badRequest("telegramtest does not support inline_message_id")
	}
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	id, e := req.int("message_id")
	if e != nil {
		return nil, e
	}
	if id == 0 {
		return nil, badRequest("message identifier is not specified")
	}
	m := s.msgLocked(chatID, id)
	if m == nil {
		return nil, badRequest("message to %s not found", what)
	}
	if !m.fromBot {
		return nil, badRequest("message can't be edited")
	}
	return m, nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) handleEditMessageText(req *request) (any, *apiError) {
	text := req.params["text"]
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	if e := checkText(text, req.params["parse_mode"], MaxTextLen, "MESSAGE_TOO_LONG", s.strict()); e != nil {
		return nil, e
	}
	kb, canon, replyKB, e := parseReplyMarkup(req.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if replyKB != nil {
		return nil, badRequest("inline keyboard expected")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTargetLocked(req, "edit")
	if e != nil {
		return nil, e
	}
	if m.photo != nil || m.document != nil {
		return nil, badRequest("there is no text in the message to edit")
	}
	pm := req.params["parse_mode"]
	if m.text == text && m.parseMode == pm && bytes.Equal(m.markup, canon) {
		return nil, badRequest(notModified)
	}
	m.text, m.parseMode, m.markup, m.keyboard, m.editDate = text, pm, canon, kb, time.Now().Unix()
	s.recordLocked(Sent{
		Method: req.method, ChatID: m.chatID, MessageID: m.id, Text: text, ParseMode: pm,
		ReplyMarkup: kb, Params: req.paramsCopy(),
	})
	return s.apiMessageLocked(m, 0), nil
}

func (s *Server) handleEditMessageCaption(req *request) (any, *apiError) {
	caption := req.params["caption"]
	if e := checkText(caption, req.params["parse_mode"], MaxCaptionLen, "message caption is too long", s.strict()); e != nil {
		return nil, e
	}
	kb, canon, replyKB, e := parseReplyMarkup(req.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if replyKB != nil {
		return nil, badRequest("inline keyboard expected")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTargetLocked(req, "edit")
	if e != nil {
		return nil, e
	}
	if m.photo == nil && m.document == nil {
		return nil, badRequest("there is no caption in the message to edit")
	}
	pm := req.params["parse_mode"]
	if m.caption == caption && m.parseMode == pm && bytes.Equal(m.markup, canon) {
		return nil, badRequest(notModified)
	}
	m.caption, m.parseMode, m.markup, m.keyboard, m.editDate = caption, pm, canon, kb, time.Now().Unix()
	s.recordLocked(Sent{
		Method: req.method, ChatID: m.chatID, MessageID: m.id, Text: caption, ParseMode: pm,
		ReplyMarkup: kb, Params: req.paramsCopy(),
	})
	return s.apiMessageLocked(m, 0), nil
}

func (s *Server) handleEditMessageReplyMarkup(req *request) (any, *apiError) {
	kb, canon, replyKB, e := parseReplyMarkup(req.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if replyKB != nil {
		return nil, badRequest("inline keyboard expected")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTargetLocked(req, "edit")
	if e != nil {
		return nil, e
	}
	if bytes.Equal(m.markup, canon) {
		return nil, badRequest(notModified)
	}
	m.markup, m.keyboard, m.editDate = canon, kb, time.Now().Unix()
	s.recordLocked(Sent{
		Method: req.method, ChatID: m.chatID, MessageID: m.id, ReplyMarkup: kb, Params: req.paramsCopy(),
	})
	return s.apiMessageLocked(m, 0), nil
}

func (s *Server) handleDeleteMessage(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	id, e := req.int("message_id")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.msgLocked(chatID, id)
	if m == nil {
		return nil, badRequest("message to delete not found")
	}
	m.deleted = true
	s.recordLocked(Sent{Method: req.method, ChatID: chatID, MessageID: id, Params: req.paramsCopy()})
	return true, nil
}

func (s *Server) handleAnswerCallbackQuery(req *request) (any, *apiError) {
	id := req.params["callback_query_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	cb := s.callbacks[id]
	if cb == nil || cb.answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	cb.answered = true
	s.recordLocked(Sent{
		Method: req.method, ChatID: cb.chatID, MessageID: cb.msgID, Text: req.params["text"],
		CallbackQueryID: id, UserID: cb.userID, Params: req.paramsCopy(),
	})
	return true, nil
}

func (s *Server) handleSendChatAction(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	action := req.params["action"]
	if action == "" {
		return nil, badRequest("wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatActions[chatID] = append(s.chatActions[chatID], action)
	s.broadcastLocked()
	return true, nil
}

// ---- commands ----

// BotCommand is one entry of setMyCommands.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// CommandScope is a BotCommandScope ("default", "all_private_chats",
// "all_group_chats", "all_chat_administrators", "chat",
// "chat_administrators", "chat_member").
type CommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

// CommandSet is the command list registered for one scope + language.
type CommandSet struct {
	Scope        CommandScope
	LanguageCode string
	Commands     []BotCommand
	At           time.Time
}

var commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func commandKey(sc CommandScope, lang string) string {
	if sc.Type == "" {
		sc.Type = "default"
	}
	return fmt.Sprintf("%s/%d/%d/%s", sc.Type, sc.ChatID, sc.UserID, lang)
}

func parseScope(req *request) (CommandScope, *apiError) {
	sc := CommandScope{Type: "default"}
	if v := req.params["scope"]; v != "" {
		if err := json.Unmarshal([]byte(v), &sc); err != nil || sc.Type == "" {
			return sc, badRequest("can't parse BotCommandScope JSON object")
		}
	}
	return sc, nil
}

func (s *Server) handleSetMyCommands(req *request) (any, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(req.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if !commandRE.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf16Len(c.Description); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	sc, e := parseScope(req)
	if e != nil {
		return nil, e
	}
	lang := req.params["language_code"]
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[commandKey(sc, lang)] = CommandSet{Scope: sc, LanguageCode: lang, Commands: cmds, At: time.Now()}
	s.broadcastLocked()
	return true, nil
}

func (s *Server) handleGetMyCommands(req *request) (any, *apiError) {
	sc, e := parseScope(req)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	set := s.commands[commandKey(sc, req.params["language_code"])]
	if set.Commands == nil {
		return []BotCommand{}, nil
	}
	return set.Commands, nil
}

func (s *Server) handleDeleteMyCommands(req *request) (any, *apiError) {
	sc, e := parseScope(req)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, commandKey(sc, req.params["language_code"]))
	s.broadcastLocked()
	return true, nil
}

// Commands returns every registered command set (setMyCommands minus
// deleteMyCommands), sorted by scope and language.
func (s *Server) Commands() []CommandSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.commands))
	for k := range s.commands {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]CommandSet, 0, len(keys))
	for _, k := range keys {
		out = append(out, s.commands[k])
	}
	return out
}

// CommandsFor returns the commands registered for a scope (Type "" means
// "default") and language code ("" for all languages).
func (s *Server) CommandsFor(scope CommandScope, languageCode string) ([]BotCommand, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set, ok := s.commands[commandKey(scope, languageCode)]
	return append([]BotCommand(nil), set.Commands...), ok
}
