package scheduler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// TelegramSender sends outbox messages with go-telegram-bot-api: a text as
// sendMessage, a Photo (PNG bytes) as sendPhoto and a File as sendDocument,
// the text as caption, in HTML parse mode, with the Buttons as an inline
// keyboard. A caption longer than Telegram allows is refused as a bad
// request; queue such messages through SplitLongCaption.
type TelegramSender struct {
	bot *tgbotapi.BotAPI
}

// NewTelegramSender sends through bot (made with tgbotapi.NewBotAPI or
// NewBotAPIWithAPIEndpoint).
func NewTelegramSender(bot *tgbotapi.BotAPI) *TelegramSender { return &TelegramSender{bot: bot} }

// Send implements Sender.
func (s *TelegramSender) Send(ctx context.Context, m *quickwin.OutboxMessage) error {
	c, err := chattable(m)
	if err != nil {
		return &SendError{Code: 400, Description: err.Error(), Err: err}
	}
	// tgbotapi calls take no context, and multipart uploads report errors
	// without their code. A copy of the bot per call, with an HTTP client
	// that carries ctx and notes the status, fixes both without touching
	// the shared bot.
	call := &callClient{ctx: ctx, next: s.bot.Client}
	bot := *s.bot
	bot.Client = call
	_, err = bot.Request(c)
	if err == nil {
		return nil
	}
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		code := te.Code
		if code == 0 {
			code = call.status
		}
		return &SendError{Code: code, RetryAfter: time.Duration(te.RetryAfter) * time.Second, Description: te.Message, Err: err}
	}
	if call.status >= 500 { // an error page from a proxy in front of Telegram
		return &SendError{Code: call.status, Description: http.StatusText(call.status), Err: err}
	}
	return &SendError{Err: err}
}

func chattable(m *quickwin.OutboxMessage) (tgbotapi.Chattable, error) {
	var markup any
	if len(m.Buttons) > 0 {
		rows := make([][]tgbotapi.InlineKeyboardButton, 0, len(m.Buttons))
		for _, r := range m.Buttons {
			row := make([]tgbotapi.InlineKeyboardButton, 0, len(r))
			for _, b := range r {
				if b.URL != "" {
					row = append(row, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
				} else {
					row = append(row, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
				}
			}
			rows = append(rows, row)
		}
		markup = tgbotapi.NewInlineKeyboardMarkup(rows...)
		if kb := webAppMarkup(m.Buttons); kb != nil {
			markup = kb // tgbotapi's buttons lack web_app
		}
	}
	if len(m.Photo) > 0 || len(m.File) > 0 {
		if n := utf8.RuneCountInString(m.Text); n > MaxCaptionLen {
			return nil, fmt.Errorf("caption of %d characters, more than %d", n, MaxCaptionLen)
		}
	}
	switch {
	case len(m.Photo) > 0:
		p := tgbotapi.NewPhoto(m.ChatID, tgbotapi.FileBytes{Name: "chart.png", Bytes: m.Photo})
		p.Caption, p.ParseMode, p.ReplyMarkup = m.Text, tgbotapi.ModeHTML, markup
		return p, nil
	case len(m.File) > 0:
		name := m.FileName
		if name == "" {
			name = "file"
		}
		d := tgbotapi.NewDocument(m.ChatID, tgbotapi.FileBytes{Name: name, Bytes: m.File})
		d.Caption, d.ParseMode, d.ReplyMarkup = m.Text, tgbotapi.ModeHTML, markup
		return d, nil
	}
	if m.Text == "" {
		return nil, errors.New("empty message")
	}
	msg := tgbotapi.NewMessage(m.ChatID, m.Text)
	msg.ParseMode, msg.ReplyMarkup, msg.DisableWebPagePreview = tgbotapi.ModeHTML, markup, true
	return msg, nil
}

// callClient is the HTTP client of one send: it attaches the send's context
// and notes the HTTP status of the answer.
type callClient struct {
	ctx    context.Context
	next   tgbotapi.HTTPClient
	status int
}

func (c *callClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(req.WithContext(c.ctx))
	if resp != nil {
		c.status = resp.StatusCode
	}
	return resp, err
}
