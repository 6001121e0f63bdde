package quickwin

import (
	"errors"
	"fmt"
)

// Error codes that services return. The bot maps each code to a message in
// the user's language once, at the edge; everything else is logged as
// internal and the user only sees a short apology.
const (
	EINVALID     = "invalid"     // the input is wrong; Message says which part
	ENOTFOUND    = "not_found"   // the thing asked for does not exist (in this tenant)
	EFORBIDDEN   = "forbidden"   // the actor's role does not allow it
	ECONFLICT    = "conflict"    // the state does not allow it (used token, duplicate code)
	EINTERNAL    = "internal"    // a bug or an unexpected failure
	EUNAVAILABLE = "unavailable" // the database cannot be reached right now; try again
)

// Error is a domain error with a code and a short reason. Key, when set, is a
// locale key that explains the reason to a user; Data fills its template.
type Error struct {
	Code    string
	Message string
	Key     string
	Data    map[string]any
}

func (e *Error) Error() string { return fmt.Sprintf("quickwin: %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the code and a formatted reason.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithKey returns a copy of e that carries a locale key for the user.
func (e *Error) WithKey(key string, data map[string]any) *Error {
	c := *e
	c.Key, c.Data = key, data
	return &c
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
