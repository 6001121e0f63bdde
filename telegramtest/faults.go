package telegramtest

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// Fault is an error answer to inject with FailNextWith.
type Fault struct {
	Code        int
	Description string // default derived from Code
	RetryAfter  int    // seconds, sent as parameters.retry_after
}

type fault struct {
	method string
	chat   int64 // only calls to this chat, when not 0
	n      int
	err    apiError
}

// sendMethods are the methods "*" matches in FailNext.
var sendMethods = map[string]bool{
	"sendMessage": true, "sendPhoto": true, "sendDocument": true, "sendMediaGroup": true,
	"editMessageText": true, "editMessageCaption": true, "editMessageReplyMarkup": true,
	"answerCallbackQuery": true, "deleteMessage": true,
}

// chatMethods are refused with 403 for blocked chats.
var chatMethods = map[string]bool{
	"sendMessage": true, "sendPhoto": true, "sendDocument": true, "sendMediaGroup": true,
	"editMessageText": true, "editMessageCaption": true, "editMessageReplyMarkup": true,
	"deleteMessage": true, "sendChatAction": true,
}

// newMessageMethods count toward the per-chat and per-group rate limits;
// edits only count toward the global limit.
var newMessageMethods = map[string]bool{
	"sendMessage": true, "sendPhoto": true, "sendDocument": true, "sendMediaGroup": true,
}

var globalRateMethods = map[string]bool{
	"sendMessage": true, "sendPhoto": true, "sendDocument": true, "sendMediaGroup": true,
	"editMessageText": true, "editMessageCaption": true, "editMessageReplyMarkup": true,
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request: injected error"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	}
	if t := http.StatusText(code); t != "" {
		return t
	}
	return fmt.Sprintf("Error %d", code)
}

// FailNext makes the next n calls of method answer with an error of the
// given code (429 gets parameters.retry_after = retryAfter; descriptions:
// 400 "Bad Request: injected error", 403 "Forbidden: bot was blocked by the
// user", 500 "Internal Server Error", 502 "Bad Gateway", ...). method "*"
// matches any send method (see Sent). Rules are consumed in the order they
// were added. Any method can be targeted by name, e.g. "getUpdates".
func (s *Server) FailNext(method string, n, code, retryAfter int) {
	s.FailNextWith(method, n, Fault{Code: code, RetryAfter: retryAfter})
}

// FailNextWith is FailNext with a custom description.
func (s *Server) FailNextWith(method string, n int, f Fault) {
	if info, ok := methods[strings.ToLower(method)]; ok {
		method = info.name
	}
	s.addFault(&fault{method: method, n: n}, f)
}

// FailChat makes the next n send calls to one chat answer with the fault,
// e.g. a 429 with retry_after for that chat alone; calls to other chats go
// through.
func (s *Server) FailChat(chatID int64, n int, f Fault) {
	s.addFault(&fault{method: "*", chat: chatID, n: n}, f)
}

// addFault adds rule x answering with f (its default description when it
// has none); a rule for no call (n <= 0) is dropped.
func (s *Server) addFault(x *fault, f Fault) {
	if x.n <= 0 {
		return
	}
	if f.Description == "" {
		f.Description = defaultDescription(f.Code, f.RetryAfter)
	}
	x.err = apiError{Code: f.Code, Description: f.Description, RetryAfter: f.RetryAfter}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, x)
}

// BlockUser makes every send to chatID (messages, edits, deletes, chat
// actions) answer 403 "Forbidden: bot was blocked by the user" (for a
// negative id: "Forbidden: bot was kicked from the group chat").
func (s *Server) BlockUser(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// UnblockUser undoes BlockUser.
func (s *Server) UnblockUser(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// SetLatency delays every request by d before it is handled.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// RateLimits are the thresholds enforced by EnforceRateLimits. A zero
// field disables that rule.
type RateLimits struct {
	// GlobalPerSecond: max sends+edits in any sliding 1 s window (Telegram: 30).
	GlobalPerSecond int
	// PrivateInterval: min spacing of new messages to one private chat
	// (Telegram: ~1 s; default 950 ms to tolerate timer jitter).
	PrivateInterval time.Duration
	// GroupPerMinute: max new messages to one group (negative chat id) in
	// any sliding minute (Telegram: 20).
	GroupPerMinute int
}

// DefaultRateLimits returns Telegram's documented limits.
func DefaultRateLimits() RateLimits {
	return RateLimits{GlobalPerSecond: 30, PrivateInterval: 950 * time.Millisecond, GroupPerMinute: 20}
}

// EnforceRateLimits turns rate limiting on or off (default off). While on,
// calls over the limits are answered 429 with retry_after (1 for the
// global and per-chat rules; seconds until a slot frees for groups).
// New messages (send*) count toward all rules; edits only toward the
// global one; answerCallbackQuery, deleteMessage, sendChatAction and
// non-send methods toward none. Rejected calls do not count.
func (s *Server) EnforceRateLimits(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateOn = on
}

// SetRateLimits changes the thresholds (it does not turn enforcement on).
func (s *Server) SetRateLimits(l RateLimits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = l
}

func (s *Server) preflightLocked(req *request, chatID int64) *apiError {
	for i, f := range s.faults {
		if f.chat != 0 && f.chat != chatID {
			continue
		}
		if f.method == req.method || (f.method == "*" && sendMethods[req.method]) {
			f.n--
			if f.n <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			e := f.err
			return &e
		}
	}
	if chatID == 0 || !chatMethods[req.method] {
		return nil
	}
	if s.blocked[chatID] {
		if chatID < 0 {
			return &apiError{Code: 403, Description: "Forbidden: bot was kicked from the group chat"}
		}
		return &apiError{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	}
	if !s.rateOn || !globalRateMethods[req.method] {
		return nil
	}
	now := time.Now()
	l := s.rate
	if l.GlobalPerSecond > 0 {
		s.globalHits = pruneBefore(s.globalHits, now.Add(-time.Second))
		if len(s.globalHits) >= l.GlobalPerSecond {
			return tooMany(1)
		}
	}
	isNew := newMessageMethods[req.method]
	if isNew && chatID > 0 && l.PrivateInterval > 0 {
		if last, ok := s.lastPrivate[chatID]; ok && now.Sub(last) < l.PrivateInterval {
			return tooMany(1)
		}
	}
	if isNew && chatID < 0 && l.GroupPerMinute > 0 {
		hits := pruneBefore(s.groupHits[chatID], now.Add(-time.Minute))
		s.groupHits[chatID] = hits
		if len(hits) >= l.GroupPerMinute {
			wait := hits[0].Add(time.Minute).Sub(now)
			return tooMany(int(math.Ceil(wait.Seconds())))
		}
	}
	s.globalHits = append(s.globalHits, now)
	if isNew && chatID > 0 {
		s.lastPrivate[chatID] = now
	}
	if isNew && chatID < 0 {
		s.groupHits[chatID] = append(s.groupHits[chatID], now)
	}
	return nil
}

func tooMany(retryAfter int) *apiError {
	if retryAfter < 1 {
		retryAfter = 1
	}
	return &apiError{Code: 429, Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), RetryAfter: retryAfter}
}

func pruneBefore(ts []time.Time, cut time.Time) []time.Time {
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	return ts[i:]
}
