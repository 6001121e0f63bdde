package quickwin

import "time"

// Clock is the one time source of the program: the bot, the store, the
// scheduler, the digests and the Telegram edge read the time only through
// it, so that `quickwin job run NAME --at TIME` computes everything as of
// TIME and tests move time instead of sleeping.
type Clock interface {
	Now() time.Time
	// NewTimer returns a timer that fires once after d.
	NewTimer(d time.Duration) Timer
}

// Timer is a stoppable one-shot timer of a Clock.
type Timer interface {
	C() <-chan time.Time
	Stop() bool
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now implements Clock.
func (SystemClock) Now() time.Time { return time.Now() }

// NewTimer implements Clock.
func (SystemClock) NewTimer(d time.Duration) Timer { return systemTimer{time.NewTimer(d)} }

type systemTimer struct{ t *time.Timer }

func (t systemTimer) C() <-chan time.Time { return t.t.C }
func (t systemTimer) Stop() bool          { return t.t.Stop() }

// OffsetClock runs at real speed from a chosen instant: Now is at when the
// clock is made and advances with the wall clock; timers are real. `job run
// --at TIME` uses it, so that a job sees TIME and its timeouts still work.
type OffsetClock struct {
	offset time.Duration
}

// NewOffsetClock makes a clock whose Now is at, now, and moves on from there.
func NewOffsetClock(at time.Time) OffsetClock { return OffsetClock{offset: time.Until(at)} }

// Now implements Clock.
func (c OffsetClock) Now() time.Time { return time.Now().Add(c.offset) }

// NewTimer implements Clock.
func (OffsetClock) NewTimer(d time.Duration) Timer { return SystemClock{}.NewTimer(d) }

// Sleep waits for d on clock c, or until done is closed; it reports whether
// the full time passed.
func Sleep(c Clock, d time.Duration, done <-chan struct{}) bool {
	if d <= 0 {
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	t := c.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C():
		return true
	case <-done:
		return false
	}
}

// ClockFunc is a Clock whose Now is the function (a test's fixed or moving
// instant); its timers are real.
type ClockFunc func() time.Time

// Now implements Clock.
func (f ClockFunc) Now() time.Time { return f() }

// NewTimer implements Clock.
func (ClockFunc) NewTimer(d time.Duration) Timer { return SystemClock{}.NewTimer(d) }
