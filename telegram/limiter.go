package telegram

import (
	"slices"
	"sync"
	"time"
)

// Limits are Telegram's sending limits. Telegram counts per bot token, so
// the bot's replies and the outbox share one Limiter per process, and
// several instances share the budget: with N instances, give each
// PerSecond/N.
type Limits struct {
	PerSecond       int           // messages per second overall (Telegram: about 30)
	PrivateInterval time.Duration // between two messages to one private chat (1 s)
	GroupPerMinute  int           // messages per minute to one group (20)
	// Margin is added to every window, so that requests that reach
	// Telegram a little later or earlier than planned stay within limits.
	Margin time.Duration
}

// DefaultLimits are Telegram's documented limits with a 50 ms margin.
func DefaultLimits() Limits {
	return Limits{PerSecond: 30, PrivateInterval: time.Second, GroupPerMinute: 20, Margin: 50 * time.Millisecond}
}

// window allows at most n events in any span of w: it keeps the times of
// the last n events, sorted.
type window struct {
	n  int
	w  time.Duration
	ts []time.Time
}

// earliest is the first time at or after now when one more event fits.
func (x *window) earliest(now time.Time) time.Time {
	if x.n <= 0 || len(x.ts) < x.n {
		return now
	}
	if t := x.ts[0].Add(x.w); t.After(now) {
		return t
	}
	return now
}

func (x *window) add(t time.Time) {
	i, _ := slices.BinarySearchFunc(x.ts, t, time.Time.Compare)
	x.ts = slices.Insert(x.ts, i, t)
	if len(x.ts) > x.n {
		x.ts = x.ts[len(x.ts)-x.n:]
	}
}

// move replaces an event's time by a later one: the send happened later
// than reserved (the goroutine woke up late), and the windows must count
// when it really went out.
func (x *window) move(from, to time.Time) {
	if i := slices.IndexFunc(x.ts, from.Equal); i >= 0 {
		x.ts = slices.Delete(x.ts, i, i+1)
		x.add(to)
	}
}

func (x *window) idleSince(now time.Time) bool {
	return len(x.ts) == 0 || !x.ts[len(x.ts)-1].Add(x.w).After(now)
}

// chatState is the limit state of one chat.
type chatState struct {
	win   window    // sends
	plan  window    // claimed messages, planned in claim order
	pause time.Time // no sends before (a 429 for this chat)
	// Turns keep one chat's messages in claim order: each planned message
	// gets a ticket, and only the ticket being served may reserve a send
	// slot. A ticket given up before its turn is skipped.
	issued, serving int
	abandoned       map[int]bool
}

// Limiter paces sends: the global window plus one window per chat (private
// chats one per interval, groups n per minute), and pauses after a 429.
// Replies to people go before bulk sends: while a reply waits for a slot,
// bulk reservations wait. A 429 pauses the chat that got it; the whole bot
// pauses only when several chats get one within a short span (then it is
// the bot's global budget that Telegram is defending). Idle chats are pruned
// so the map stays as large as the active chats. One Limiter serves the
// whole process; it is safe for concurrent use.
type Limiter struct {
	mu        sync.Mutex
	l         Limits
	global    window
	pause     time.Time
	chats     map[int64]*chatState
	changed   chan struct{} // closed and replaced when a turn passes
	lastPrune time.Time
	// repliesWaiting counts replies waiting for a slot: bulk steps back.
	repliesWaiting int
	recent429      []rateLimited
}

// NewLimiter makes the process's limiter. A zero field of l limits
// nothing: the zero Limits let everything through at once (benchmarks that
// measure the bot alone, not Telegram's pace).
func NewLimiter(l Limits) *Limiter {
	return &Limiter{l: l, global: window{n: l.PerSecond, w: time.Second + l.Margin}, chats: map[int64]*chatState{}, changed: make(chan struct{})}
}

func (l *Limiter) chat(id int64) *chatState {
	c := l.chats[id]
	if c == nil {
		c = &chatState{abandoned: map[int]bool{}}
		if id < 0 {
			c.win = window{n: l.l.GroupPerMinute, w: time.Minute + l.l.Margin}
		} else if id > 0 && l.l.PrivateInterval > 0 { // 0: not a chat's message (an edit)
			c.win = window{n: 1, w: l.l.PrivateInterval + l.l.Margin}
		}
		c.plan = window{n: c.win.n, w: c.win.w}
		l.chats[id] = c
	}
	return c
}

// pausedUntil is the later of the global and the chat's 429 pause.
func (l *Limiter) pausedUntil(c *chatState) time.Time {
	if c.pause.After(l.pause) {
		return c.pause
	}
	return l.pause
}

// PeekPlan returns when a message claimed now for chat would be planned,
// without planning it.
func (l *Limiter) PeekPlan(chat int64, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.planned(l.chat(chat), now)
}

// planned is the earliest time the chat's next claimed message may go: after
// the messages planned before it, and after any 429 pause.
func (l *Limiter) planned(c *chatState, now time.Time) time.Time {
	at := c.plan.earliest(now)
	if p := l.pausedUntil(c); p.After(at) {
		at = p
	}
	return at
}

// Plan returns when a message claimed now for chat should go (spaced by
// the chat's limit after the messages planned before it) and its ticket.
func (l *Limiter) Plan(chat int64, now time.Time) (time.Time, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.chat(chat)
	at := l.planned(c, now)
	c.plan.add(at)
	c.issued++
	return at, c.issued - 1
}

// Turn reports whether ticket may reserve now; if not, the channel is
// closed when a turn passes.
func (l *Limiter) Turn(chat int64, ticket int) (bool, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.chat(chat).serving == ticket, l.changed
}

// Release ends ticket's turn (its slot is reserved, or it gave up); a
// ticket released before its turn is skipped when its turn comes.
func (l *Limiter) Release(chat int64, ticket int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.chat(chat)
	if ticket < c.serving {
		return // released already
	}
	if c.serving != ticket {
		c.abandoned[ticket] = true
		return
	}
	c.serving++
	for c.abandoned[c.serving] {
		delete(c.abandoned, c.serving)
		c.serving++
	}
	close(l.changed)
	l.changed = make(chan struct{})
}

// Priority orders sends that compete for the global window.
type Priority int

const (
	// Reply is an answer to someone who is waiting for it.
	Reply Priority = iota
	// Bulk is everything from the outbox: reminders, digests, broadcasts.
	Bulk
)

// Reserve takes a send slot for chat. When the chat (or everything) must
// wait, it returns that time and false without reserving: the caller waits
// and asks again, so a slow chat never holds back the global window.
// Otherwise it returns the reserved time (now, or a little later when the
// global window is full) and true. A Bulk reservation also waits while a
// Reply waits for the global window.
func (l *Limiter) Reserve(chat int64, now time.Time, prio Priority) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune(now)
	c := l.chat(chat)
	if p := l.pausedUntil(c); p.After(now) {
		return p, false
	}
	if at := c.win.earliest(now); at.After(now) {
		return at, false
	}
	at := l.global.earliest(now)
	if prio == Bulk && l.repliesWaiting > 0 {
		if step := now.Add(replyHeadStart); step.After(at) {
			at = step
		}
		return at, false
	}
	l.global.add(at)
	c.win.add(at)
	return at, true
}

// replyHeadStart is how long a bulk send steps back for a waiting reply.
const replyHeadStart = 20 * time.Millisecond

// waitingReply counts a reply that waits for a slot (delta +1) or stopped
// waiting (-1); bulk sends step back meanwhile.
func (l *Limiter) waitingReply(delta int) {
	l.mu.Lock()
	l.repliesWaiting += delta
	l.mu.Unlock()
}

// Sent records that a send reserved for at really started at actual.
func (l *Limiter) Sent(chat int64, at, actual time.Time) {
	if !actual.After(at) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.global.move(at, actual)
	if c := l.chats[chat]; c != nil {
		c.win.move(at, actual)
	}
}

// BackOff pauses chat until until (Telegram answered it 429 with
// retry_after). Telegram's 429 does not say whether the chat's limit or the
// bot's global one was hit: one chat's 429 pauses that chat only, so that
// one slow chat never holds up the others, but when GlobalAfter distinct
// chats get one within GlobalWindow, everything pauses until the latest of
// their retry_afters. It reports whether the pause became global.
func (l *Limiter) BackOff(chat int64, now, until time.Time) (global bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c := l.chat(chat); until.After(c.pause) {
		c.pause = until
	}
	recent := l.recent429[:0]
	for _, r := range l.recent429 {
		if now.Sub(r.at) < GlobalWindow && r.chat != chat {
			recent = append(recent, r)
		}
	}
	l.recent429 = append(recent, rateLimited{chat: chat, at: now, until: until})
	if len(l.recent429) < GlobalAfter {
		return false
	}
	for _, r := range l.recent429 {
		if r.until.After(l.pause) {
			l.pause = r.until
		}
	}
	return true
}

// A 429 in GlobalAfter distinct chats within GlobalWindow pauses every send.
const (
	GlobalAfter  = 3
	GlobalWindow = 10 * time.Second
)

// rateLimited is one recent 429.
type rateLimited struct {
	chat      int64
	at, until time.Time
}

// prune forgets chats that impose nothing any more, once a minute.
func (l *Limiter) prune(now time.Time) {
	if now.Sub(l.lastPrune) < time.Minute {
		return
	}
	l.lastPrune = now
	for id, c := range l.chats {
		if c.win.idleSince(now) && c.plan.idleSince(now) && !c.pause.After(now) && c.serving == c.issued {
			delete(l.chats, id)
		}
	}
}
