package telegram

import (
	"fmt"
	"strings"
)

// Button data is "kind:arg:arg…": a short kind that names the action and
// its arguments (ids, codes, small numbers), within Telegram's 64 bytes.
// The bot decodes presses with the same codec the scheduler and the bot use
// to make buttons, so the format is written down once.

// MaxCallbackData is Telegram's limit on a button's callback data, in bytes.
const MaxCallbackData = 64

// Kinds of button shared between packages: the scheduler's reminders and
// prompts make them, the bot handles them.
const (
	// KindReport opens the report wizard for a quick win: "rp:<id>".
	KindReport = "rp"
	// KindStepDone marks an action step done: "sd:<id>:<step>".
	KindStepDone = "sd"
)

// Action is decoded button data.
type Action struct {
	Kind string
	Args []string
}

// Encode makes button data for kind and args. It fails when a part is
// empty or holds a ':' (it would shift the arguments), a space or a
// character outside printable ASCII, or when the result exceeds
// MaxCallbackData.
func Encode(kind string, args ...string) (string, error) {
	if !validPart(kind) {
		return "", fmt.Errorf("button kind %q: want printable ASCII without ':'", kind)
	}
	for _, a := range args {
		if !validPart(a) {
			return "", fmt.Errorf("button %s argument %q: want printable ASCII without ':'", kind, a)
		}
	}
	data := strings.Join(append([]string{kind}, args...), ":")
	if len(data) > MaxCallbackData {
		return "", fmt.Errorf("button data %q: %d bytes, more than %d", data, len(data), MaxCallbackData)
	}
	return data, nil
}

// MustEncode is Encode for data made from the program's own ids, where a
// failure is a programming error.
func MustEncode(kind string, args ...string) string {
	data, err := Encode(kind, args...)
	if err != nil {
		panic(err)
	}
	return data
}

// Why a press's data was refused.
const (
	ReasonEmpty   = "empty"
	ReasonTooLong = "too long"
	ReasonUnknown = "unknown kind"
	ReasonForged  = "malformed arguments"
)

// ButtonError says why button data was refused.
type ButtonError struct {
	Data   string
	Reason string
}

func (e *ButtonError) Error() string { return fmt.Sprintf("button data %q: %s", e.Data, e.Reason) }

// Codec decodes presses of the kinds registered with it, with how many
// arguments each takes.
type Codec struct {
	kinds map[string][2]int
}

// Register declares a kind that takes between min and max arguments.
func (c *Codec) Register(kind string, min, max int) {
	if !validPart(kind) {
		panic(fmt.Sprintf("button kind %q: want printable ASCII without ':'", kind))
	}
	if c.kinds == nil {
		c.kinds = map[string][2]int{}
	}
	c.kinds[kind] = [2]int{min, max}
}

// Decode reads button data. Data that is empty, too long, of an unknown
// kind, or whose arguments do not fit the kind (a forged or stale press)
// fails with a *ButtonError saying which.
func (c *Codec) Decode(data string) (Action, error) {
	switch {
	case data == "":
		return Action{}, &ButtonError{data, ReasonEmpty}
	case len(data) > MaxCallbackData:
		return Action{}, &ButtonError{data, ReasonTooLong}
	}
	parts := strings.Split(data, ":")
	arity, ok := c.kinds[parts[0]]
	if !ok {
		return Action{}, &ButtonError{data, ReasonUnknown}
	}
	args := parts[1:]
	if len(args) < arity[0] || len(args) > arity[1] {
		return Action{}, &ButtonError{data, ReasonForged}
	}
	for _, a := range args {
		if !validPart(a) {
			return Action{}, &ButtonError{data, ReasonForged}
		}
	}
	return Action{Kind: parts[0], Args: args}, nil
}

func validPart(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c > '~' || c == ':' {
			return false
		}
	}
	return true
}
