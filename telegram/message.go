package telegram

import (
	"errors"
	"fmt"
	"html"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Telegram's length limits, in characters.
const (
	MaxTextLen    = 4096
	MaxCaptionLen = 1024
)

// Escape escapes text for Telegram's HTML parse mode. Every dynamic string
// that goes into a message passes through it once.
func Escape(s string) string { return html.EscapeString(s) }

// Message is one message to a chat: a text, or a photo or file with the
// text as caption, in HTML parse mode, with inline buttons. A photo or file
// is given as bytes or, to send again something Telegram already has, by
// its file id.
type Message struct {
	ChatID  int64
	Text    string
	Buttons [][]quickwin.Button
	// ReplyTo, when set, shows the message as an answer to that message.
	ReplyTo int

	Photo       []byte // PNG or JPEG bytes
	PhotoFileID string
	File        []byte
	FileName    string
	FileID      string // a document by file id
}

// OutboxMessage is the Message of an outbox entry.
func OutboxMessage(m *quickwin.OutboxMessage) Message {
	return Message{ChatID: m.ChatID, Text: m.Text, Buttons: m.Buttons, Photo: m.Photo, File: m.File, FileName: m.FileName}
}

func (m Message) hasAttachment() bool {
	return len(m.Photo) > 0 || m.PhotoFileID != "" || len(m.File) > 0 || m.FileID != ""
}

// chattable makes the library's request for m.
func (m Message) chattable() (tgbotapi.Chattable, error) {
	if m.hasAttachment() {
		if n := utf8.RuneCountInString(m.Text); n > MaxCaptionLen {
			return nil, fmt.Errorf("caption of %d characters, more than %d", n, MaxCaptionLen)
		}
	}
	rm := replyMarkup(m.Buttons)
	switch {
	case len(m.Photo) > 0 || m.PhotoFileID != "":
		var f tgbotapi.RequestFileData = tgbotapi.FileID(m.PhotoFileID)
		if len(m.Photo) > 0 {
			f = tgbotapi.FileBytes{Name: "chart.png", Bytes: m.Photo}
		}
		p := tgbotapi.NewPhoto(m.ChatID, f)
		p.Caption, p.ParseMode, p.ReplyMarkup, p.ReplyToMessageID = m.Text, tgbotapi.ModeHTML, rm, m.ReplyTo
		return p, nil
	case len(m.File) > 0 || m.FileID != "":
		var f tgbotapi.RequestFileData = tgbotapi.FileID(m.FileID)
		if len(m.File) > 0 {
			name := m.FileName
			if name == "" {
				name = "file"
			}
			f = tgbotapi.FileBytes{Name: name, Bytes: m.File}
		}
		d := tgbotapi.NewDocument(m.ChatID, f)
		d.Caption, d.ParseMode, d.ReplyMarkup, d.ReplyToMessageID = m.Text, tgbotapi.ModeHTML, rm, m.ReplyTo
		return d, nil
	}
	if m.Text == "" {
		return nil, errors.New("empty message")
	}
	msg := tgbotapi.NewMessage(m.ChatID, m.Text)
	msg.ParseMode, msg.ReplyMarkup, msg.DisableWebPagePreview, msg.ReplyToMessageID = tgbotapi.ModeHTML, rm, true, m.ReplyTo
	return msg, nil
}

// Keyboard turns rows of buttons into Telegram's inline keyboard; nil when
// there is no button. tgbotapi's keyboard has no web_app buttons, so it
// leaves Mini App buttons out: new messages and edits that carry one write
// Telegram's JSON themselves (replyMarkup, webAppEdit).
func Keyboard(rows [][]quickwin.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.WebApp != "" {
				continue
			}
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}

// SplitLongCaption returns m as is, unless it carries a photo or file with
// a text longer than a caption may be: then it returns two messages, the
// text (with the buttons) keyed m.Key+"/text" first, and the attachment
// without caption. Two outbox messages rather than two sends of one: each
// is paced and retried on its own, and a retry never repeats the part that
// already went out. Whoever queues attachments passes them through this;
// the Client refuses an over-long caption as a bad request.
func SplitLongCaption(m quickwin.OutboxMessage) []quickwin.OutboxMessage {
	if (len(m.Photo) == 0 && len(m.File) == 0) || utf8.RuneCountInString(m.Text) <= MaxCaptionLen {
		return []quickwin.OutboxMessage{m}
	}
	text := m
	text.Key, text.Photo, text.File, text.FileName = m.Key+"/text", nil, nil, ""
	file := m
	file.Text, file.Buttons = "", nil
	return []quickwin.OutboxMessage{text, file}
}

// replyMarkup is the inline keyboard of a new message: tgbotapi's, or, when
// a row holds a Mini App (web_app) button, which tgbotapi v5.5.1 lacks,
// Telegram's JSON written out here. Nil without buttons.
func replyMarkup(rows [][]quickwin.Button) any {
	if !hasWebApp(rows) {
		if kb := Keyboard(rows); kb != nil {
			return *kb
		}
		return nil
	}
	var out webAppMarkup
	for _, row := range rows {
		var r []webAppButton
		for _, b := range row {
			switch {
			case b.WebApp != "":
				r = append(r, webAppButton{Text: b.Text, WebApp: &webAppInfo{URL: b.WebApp}})
			case b.URL != "":
				r = append(r, webAppButton{Text: b.Text, URL: b.URL})
			default:
				r = append(r, webAppButton{Text: b.Text, CallbackData: b.Data})
			}
		}
		if len(r) > 0 {
			out.InlineKeyboard = append(out.InlineKeyboard, r)
		}
	}
	return out
}

type webAppMarkup struct {
	InlineKeyboard [][]webAppButton `json:"inline_keyboard"`
}

type webAppButton struct {
	Text         string      `json:"text"`
	CallbackData string      `json:"callback_data,omitempty"`
	URL          string      `json:"url,omitempty"`
	WebApp       *webAppInfo `json:"web_app,omitempty"`
}

type webAppInfo struct {
	URL string `json:"url"`
}

func hasWebApp(rows [][]quickwin.Button) bool {
	for _, row := range rows {
		for _, b := range row {
			if b.WebApp != "" {
				return true
			}
		}
	}
	return false
}

// rawCall is a Bot API call tgbotapi cannot express, sent with
// MakeRequest. It embeds a config only to be a tgbotapi.Chattable, so that
// it is paced and classified like any other call (Client.do sends it by
// its own method and params, never the embedded config's).
type rawCall struct {
	tgbotapi.EditMessageTextConfig
	method string
	params tgbotapi.Params
}

// webAppEdit is an editMessageText whose keyboard holds a Mini App button.
func webAppEdit(edit tgbotapi.EditMessageTextConfig, rows [][]quickwin.Button) rawCall {
	p := tgbotapi.Params{}
	p.AddFirstValid("chat_id", edit.ChatID)
	p.AddNonZero("message_id", edit.MessageID)
	p["text"] = edit.Text
	p["parse_mode"] = edit.ParseMode
	p.AddBool("disable_web_page_preview", edit.DisableWebPagePreview)
	_ = p.AddInterface("reply_markup", replyMarkup(rows))
	return rawCall{EditMessageTextConfig: edit, method: "editMessageText", params: p}
}
