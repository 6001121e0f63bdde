package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// Button is one inline keyboard button.
type Button struct {
	Text         string
	CallbackData string
	URL          string
}

// Keyboard is a decoded inline keyboard: rows of buttons.
type Keyboard [][]Button

// Buttons returns all buttons, row by row.
func (k Keyboard) Buttons() []Button {
	var out []Button
	for _, row := range k {
		out = append(out, row...)
	}
	return out
}

// Texts returns the texts of all buttons, row by row.
func (k Keyboard) Texts() []string {
	var out []string
	for _, b := range k.Buttons() {
		out = append(out, b.Text)
	}
	return out
}

// Find returns the button whose text is exactly text.
func (k Keyboard) Find(text string) (Button, bool) {
	for _, b := range k.Buttons() {
		if b.Text == text {
			return b, true
		}
	}
	return Button{}, false
}

// String renders the keyboard as [[Yes→yes No→no] [Site→url:https://…]].
func (k Keyboard) String() string {
	var sb strings.Builder
	sb.WriteString("[")
	for i, row := range k {
		if i > 0 {
			sb.WriteString(" ")
		}
		sb.WriteString("[")
		for j, b := range row {
			if j > 0 {
				sb.WriteString(" ")
			}
			switch {
			case b.URL != "":
				fmt.Fprintf(&sb, "%s→url:%s", b.Text, b.URL)
			default:
				fmt.Fprintf(&sb, "%s→%s", b.Text, b.CallbackData)
			}
		}
		sb.WriteString("]")
	}
	sb.WriteString("]")
	return sb.String()
}

// Sent is one successful bot → Telegram "send" call: sendMessage,
// sendPhoto, sendDocument, sendMediaGroup (one Sent per media item),
// editMessageText, editMessageCaption, editMessageReplyMarkup,
// answerCallbackQuery or deleteMessage. Failed calls are not Sent; see
// Failures.
type Sent struct {
	Seq       int    // 1-based position in the server's log
	Method    string // canonical Bot API method name
	ChatID    int64  // for answerCallbackQuery: chat of the pressed message
	MessageID int    // new, edited or deleted message; pressed message for answerCallbackQuery
	Text      string // text, caption, or answerCallbackQuery text (raw, with markup)
	ParseMode string
	// ReplyMarkup is the inline keyboard (nil if none). For edits it is the
	// keyboard the message has after the edit.
	ReplyMarkup Keyboard
	// ReplyKeyboard holds the button texts of a custom reply keyboard.
	ReplyKeyboard [][]string
	FileName      string // uploaded file name (or the stored name of a re-sent file)
	FileBytes     []byte // uploaded bytes (or the stored bytes of a re-sent file_id)
	FileID        string // file_id the bot passed to re-send an existing file
	FileURL       string // http(s) URL the bot passed instead of a file
	ResultFileID  string // file_id of the file in the resulting message
	MediaGroupID  string
	// CallbackQueryID and UserID (who pressed) for answerCallbackQuery.
	CallbackQueryID string
	UserID          int64
	At              time.Time
	Params          map[string]string // raw request parameters (not files)
}

// Button returns the inline button with exactly this text.
func (s Sent) Button(text string) (Button, bool) { return s.ReplyMarkup.Find(text) }

// IsReply reports whether s is something a chat member sees as a reply:
// a new or edited message (not answerCallbackQuery or deleteMessage).
func (s Sent) IsReply() bool {
	switch s.Method {
	case "sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup",
		"editMessageText", "editMessageCaption", "editMessageReplyMarkup":
		return true
	}
	return false
}

func (s Sent) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "#%d %s chat=%d msg=%d", s.Seq, s.Method, s.ChatID, s.MessageID)
	if s.Text != "" {
		t := s.Text
		if len(t) > 160 {
			t = t[:160] + "…"
		}
		fmt.Fprintf(&sb, " %q", t)
	}
	if s.ParseMode != "" {
		fmt.Fprintf(&sb, " (%s)", s.ParseMode)
	}
	if s.ReplyMarkup != nil {
		sb.WriteString(" kb=" + s.ReplyMarkup.String())
	}
	if s.ReplyKeyboard != nil {
		fmt.Fprintf(&sb, " reply_kb=%v", s.ReplyKeyboard)
	}
	if s.FileName != "" || s.FileBytes != nil {
		fmt.Fprintf(&sb, " file=%q (%d bytes)", s.FileName, len(s.FileBytes))
	}
	if s.FileID != "" {
		fmt.Fprintf(&sb, " file_id=%s", s.FileID)
	}
	if s.FileURL != "" {
		fmt.Fprintf(&sb, " file_url=%s", s.FileURL)
	}
	if s.CallbackQueryID != "" {
		fmt.Fprintf(&sb, " callback=%s user=%d", s.CallbackQueryID, s.UserID)
	}
	return sb.String()
}

// Failure is a call the server answered with an error.
type Failure struct {
	Method      string
	ChatID      int64
	Code        int
	Description string
	RetryAfter  int
	At          time.Time
}

func (f Failure) String() string {
	s := fmt.Sprintf("%s chat=%d → %d %s", f.Method, f.ChatID, f.Code, f.Description)
	if f.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry_after %d)", f.RetryAfter)
	}
	return s
}

func (s *Server) recordLocked(x Sent) Sent {
	x.Seq = len(s.sent) + 1
	x.At = time.Now()
	s.sent = append(s.sent, x)
	s.broadcastLocked()
	return x
}

// Sent returns all recorded sends, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// SentTo returns the recorded sends to one chat, in order.
func (s *Server) SentTo(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, x := range s.sent {
		if x.ChatID == chatID {
			out = append(out, x)
		}
	}
	return out
}

// Failures returns every call answered with an error (injected faults,
// rate limits, blocked users, validation errors, 401/404...).
func (s *Server) Failures() []Failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Failure(nil), s.failures...)
}

// Calls is the number of calls of a method (successful or not); method
// names are canonical ("sendMessage").
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if info, ok := methods[strings.ToLower(method)]; ok {
		method = info.name
	}
	return s.calls[method]
}

// Count429 is the number of 429 Too Many Requests answers given so far.
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count429
}

// ChatActions returns the actions passed to sendChatAction for a chat.
func (s *Server) ChatActions(chatID int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.chatActions[chatID]...)
}

// Drain marks every recorded send as consumed, so Next/NextReply/WaitText
// only see what is sent from now on.
func (s *Server) Drain() { s.drain(func(Sent) bool { return true }) }

func (s *Server) drain(pred func(Sent) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.sent[s.allConsumedBefore:] {
		if pred(x) {
			s.consumed[x.Seq] = true
		}
	}
	s.advanceConsumed()
}

// advanceConsumed moves allConsumedBefore past the consumed prefix; s.mu is
// held.
func (s *Server) advanceConsumed() {
	for s.allConsumedBefore < len(s.sent) && s.consumed[s.sent[s.allConsumedBefore].Seq] {
		s.allConsumedBefore++
	}
}

// ---- waiting ----

var errClosed = errors.New("telegramtest: server closed")

func (s *Server) withTimeout(ctx context.Context) (context.Context, context.CancelFunc, time.Duration) {
	s.mu.Lock()
	d := s.timeout
	s.mu.Unlock()
	if dl, ok := ctx.Deadline(); ok {
		c, cancel := context.WithCancel(ctx)
		return c, cancel, time.Until(dl)
	}
	c, cancel := context.WithTimeout(ctx, d)
	return c, cancel, d
}

// waitCond waits until cond (called with s.mu held) is true.
func (s *Server) waitCond(ctx context.Context, cond func() bool) error {
	ctx, cancel, _ := s.withTimeout(ctx)
	defer cancel()
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		closed, ch := s.closed, s.changed
		s.mu.Unlock()
		if closed {
			return errClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
		}
	}
}

// find waits for the first Sent matching pred (earliest first). With
// consume, only unconsumed sends are considered and the match is marked
// consumed. pred runs without the server lock held.
func (s *Server) find(ctx context.Context, consume bool, pred func(Sent) bool) (Sent, error) {
	ctx, cancel, _ := s.withTimeout(ctx)
	defer cancel()
	scanned := 0 // for !consume: sends before this index did not match
	for {
		s.mu.Lock()
		var cands []Sent
		if consume {
			for _, x := range s.sent[s.allConsumedBefore:] {
				if !s.consumed[x.Seq] {
					cands = append(cands, x)
				}
			}
		} else {
			cands = append(cands, s.sent[scanned:]...)
			scanned = len(s.sent)
		}
		closed, ch := s.closed, s.changed
		s.mu.Unlock()

		for _, x := range cands {
			if !pred(x) {
				continue
			}
			if !consume {
				return x, nil
			}
			s.mu.Lock()
			taken := s.consumed[x.Seq]
			s.consumed[x.Seq] = true
			s.advanceConsumed()
			s.mu.Unlock()
			if !taken {
				return x, nil
			}
		}
		if closed {
			return Sent{}, errClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Sent{}, ctx.Err()
		case <-s.done:
		}
	}
}

// Await waits for the first recorded send (past or future) matching pred
// and returns it without consuming it. If ctx has no deadline the server's
// default timeout (10 s) applies. pred must not call Server methods that
// wait.
func (s *Server) Await(ctx context.Context, pred func(Sent) bool) (Sent, error) {
	return s.find(ctx, false, pred)
}

// WaitSent is Await with the default timeout that fails the test (with a
// dump of everything sent) instead of returning an error.
func (s *Server) WaitSent(tb testing.TB, pred func(Sent) bool) Sent {
	tb.Helper()
	x, err := s.find(tb.Context(), false, pred)
	if err != nil {
		s.fatalDump(tb, "waiting for a matching send", err)
	}
	return x
}

// Next waits for the earliest unconsumed send matching pred, marks it
// consumed and returns it. Consumption is shared by all helpers of the
// server (User.NextReply, WaitText, ...): every send is handed out once.
func (s *Server) Next(tb testing.TB, pred func(Sent) bool) Sent {
	tb.Helper()
	x, err := s.find(tb.Context(), true, pred)
	if err != nil {
		s.fatalDump(tb, "waiting for the next matching send", err)
	}
	return x
}

// NextCtx is Next returning an error instead of failing a test.
func (s *Server) NextCtx(ctx context.Context, pred func(Sent) bool) (Sent, error) {
	return s.find(ctx, true, pred)
}

// WaitFor waits until at least n sends to chatID were recorded (consumed or
// not) and returns all sends to that chat.
func (s *Server) WaitFor(tb testing.TB, chatID int64, n int) []Sent {
	tb.Helper()
	err := s.waitCond(tb.Context(), func() bool {
		c := 0
		for _, x := range s.sent {
			if x.ChatID == chatID {
				c++
			}
		}
		return c >= n
	})
	if err != nil {
		s.fatalDump(tb, fmt.Sprintf("waiting for %d sends to chat %d", n, chatID), err)
	}
	return s.SentTo(chatID)
}

// WaitText waits for the earliest unconsumed reply (see Sent.IsReply) to
// chatID whose Text contains substr, consumes and returns it.
func (s *Server) WaitText(tb testing.TB, chatID int64, substr string) Sent {
	tb.Helper()
	x, err := s.find(tb.Context(), true, func(x Sent) bool {
		return x.ChatID == chatID && x.IsReply() && strings.Contains(x.Text, substr)
	})
	if err != nil {
		s.fatalDump(tb, fmt.Sprintf("waiting for a message to chat %d containing %q", chatID, substr), err)
	}
	return x
}

// ExpectNoSent fails the test if an unconsumed send matching pred exists or
// is recorded within d. It necessarily waits d.
func (s *Server) ExpectNoSent(tb testing.TB, d time.Duration, pred func(Sent) bool) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), d)
	defer cancel()
	x, err := s.find(ctx, true, pred)
	if err == nil {
		s.mu.Lock()
		dump := s.dumpLocked()
		s.mu.Unlock()
		tb.Fatalf("telegramtest: unexpected send: %v\n%s", x, dump)
	}
}

func (s *Server) fatalDump(tb testing.TB, what string, err error) {
	tb.Helper()
	s.mu.Lock()
	dump := s.dumpLocked()
	d := s.timeout
	s.mu.Unlock()
	if errors.Is(err, context.DeadlineExceeded) {
		tb.Fatalf("telegramtest: timed out (%v) %s\n%s", d, what, dump)
	}
	tb.Fatalf("telegramtest: %s: %v\n%s", what, err, dump)
}

// Dump describes the server state: all sends (with consumption), failed
// calls, call counts and the update queue. Handy in t.Log.
func (s *Server) Dump() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dumpLocked()
}

func (s *Server) dumpLocked() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "recorded sends (%d, ✓ = consumed):\n", len(s.sent))
	for _, x := range s.sent {
		mark := " "
		if s.consumed[x.Seq] {
			mark = "✓"
		}
		fmt.Fprintf(&sb, "  %s %v\n", mark, x)
	}
	if len(s.failures) > 0 {
		fmt.Fprintf(&sb, "failed calls (%d):\n", len(s.failures))
		for _, f := range s.failures {
			fmt.Fprintf(&sb, "    %v\n", f)
		}
	}
	names := make([]string, 0, len(s.calls))
	for k := range s.calls {
		names = append(names, k)
	}
	sort.Strings(names)
	sb.WriteString("calls:")
	for _, k := range names {
		fmt.Fprintf(&sb, " %s=%d", k, s.calls[k])
	}
	fmt.Fprintf(&sb, "\nupdates: last id %d, confirmed offset %d, pending %d", s.nextUpdateID, s.confirmed, len(s.queue))
	if s.webhook.URL != "" {
		fmt.Fprintf(&sb, ", webhook %s", s.webhook.URL)
	}
	sb.WriteString("\n")
	return sb.String()
}

// WaitCalls waits until method has been called at least n times (counted
// when the request arrives, before it is handled), e.g. to know that the
// bot has started long polling.
func (s *Server) WaitCalls(tb testing.TB, method string, n int) {
	tb.Helper()
	if info, ok := methods[strings.ToLower(method)]; ok {
		method = info.name
	}
	if err := s.waitCond(tb.Context(), func() bool { return s.calls[method] >= n }); err != nil {
		s.fatalDump(tb, fmt.Sprintf("waiting for %d %s calls", n, method), err)
	}
}
