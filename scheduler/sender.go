package scheduler

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"quickwin"
)

// Sender delivers one outbox message to Telegram. It returns nil when
// Telegram accepted it, and otherwise preferably a *SendError that says
// what Telegram answered; any other error counts as a network failure.
type Sender interface {
	Send(ctx context.Context, m *quickwin.OutboxMessage) error
}

// SendError is Telegram's refusal of a message.
type SendError struct {
	// Code is Telegram's error_code (the HTTP status): 400 bad request, 403
	// blocked or kicked, 429 too many requests, 5xx server trouble; 0 when
	// no answer came (network error, timeout).
	Code        int
	RetryAfter  time.Duration // with 429: how long to wait
	Description string
	Err         error // the underlying error, if any
}

func (e *SendError) Error() string {
	if e.Code == 0 {
		return fmt.Sprintf("telegram unreachable: %v", e.Err)
	}
	return fmt.Sprintf("telegram %d: %s", e.Code, e.Description)
}

func (e *SendError) Unwrap() error { return e.Err }

// Telegram's length limits, in characters.
const (
	MaxTextLen    = 4096
	MaxCaptionLen = 1024
)

// SplitLongCaption returns m as is, unless it carries a photo or file with
// a text longer than a caption may be: then it returns two messages, the
// text (with the buttons) keyed m.Key+"/text" first, and the attachment
// without caption. Two outbox messages rather than two sends of one: each
// is paced and retried on its own, and a retry never repeats the part that
// already went out. Whoever queues attachments should pass them through
// this; the TelegramSender refuses an over-long caption as a bad request.
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
