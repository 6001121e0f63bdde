package telegram

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Class is what a caller should do about Telegram's answer.
type Class int

const (
	// RetryAfter: Telegram asked to slow down (429); wait Error.RetryAfter.
	RetryAfter Class = iota + 1
	// Retry: Telegram had trouble (5xx) or did not answer; try again later
	// with backoff.
	Retry
	// Blocked: the person blocked the bot, or it left the group (403).
	Blocked
	// BadRequest: Telegram refuses this request as it is (400); retrying
	// the same bytes does not help.
	BadRequest
	// Unauthorized: the token is wrong or revoked (401, or 404 for the
	// bot's endpoint): a configuration error.
	Unauthorized
)

func (c Class) String() string {
	switch c {
	case RetryAfter:
		return "retry_after"
	case Retry:
		return "retry"
	case Blocked:
		return "blocked"
	case BadRequest:
		return "bad_request"
	case Unauthorized:
		return "unauthorized"
	}
	return "unknown"
}

// Error is Telegram's refusal of a request, classified.
type Error struct {
	Class Class
	// Code is Telegram's error_code (the HTTP status); 0 when no answer
	// came (network error, timeout).
	Code        int
	RetryAfter  time.Duration // with RetryAfter
	Description string
	Err         error // the underlying error
}

func (e *Error) Error() string {
	if e.Code == 0 {
		return fmt.Sprintf("telegram unreachable: %v", e.Err)
	}
	return fmt.Sprintf("telegram %d: %s", e.Code, e.Description)
}

func (e *Error) Unwrap() error { return e.Err }

// classify turns what a call returned into an *Error. status is the HTTP
// status the call saw (0 when none): multipart uploads in tgbotapi report
// errors without their code, and a proxy's error page has none.
func classify(err error, status int) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	out := &Error{Err: err, Code: status}
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		if te.Code != 0 {
			out.Code = te.Code
		}
		out.Description = te.Message
		out.RetryAfter = time.Duration(te.RetryAfter) * time.Second
		if te.RetryAfter > 0 && out.Code == 0 {
			out.Code = http.StatusTooManyRequests
		}
	} else if status != 0 {
		out.Description = http.StatusText(status)
	}
	switch c := out.Code; {
	case c == http.StatusTooManyRequests:
		out.Class = RetryAfter
		out.RetryAfter = max(out.RetryAfter, time.Second)
	case c == http.StatusForbidden:
		out.Class = Blocked
	case c == http.StatusBadRequest:
		out.Class = BadRequest
	case c == http.StatusUnauthorized || c == http.StatusNotFound:
		out.Class = Unauthorized
	default: // 0 (network), 5xx and anything unexpected
		out.Class = Retry
	}
	return out
}

// IsNotModified reports whether an edit failed only because nothing would
// change (Telegram answers 400 "message is not modified").
func IsNotModified(err error) bool {
	return err != nil && strings.Contains(err.Error(), "message is not modified")
}

// ClassOf returns the class of an error from this package's calls (0 for
// nil or an error from elsewhere).
func ClassOf(err error) Class {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return 0
}
