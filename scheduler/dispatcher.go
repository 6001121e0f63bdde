package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"quickwin/telegram"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"quickwin"
)

// DispatcherConfig configures a Dispatcher; zero fields take the defaults.
type DispatcherConfig struct {
	Queue  Queue  // the outbox (*store.Store)
	Sender Sender // *telegram.Client; the dispatcher paces with its Limiter
	// Owner names this dispatcher in its claims; unique per process.
	Owner string
	// Blocked is called when Telegram answers 403 for a chat (the user
	// blocked the bot, or it was removed from a group); cmd marks the member
	// inactive or deactivates the group. Optional.
	Blocked func(ctx context.Context, chatID int64) error

	Workers int // concurrent sends (8); also the bound on duplicates after a crash
	// MaxInflight bounds the messages claimed and not finished (64). At the
	// limiter's PerSecond they wait up to MaxInflight/PerSecond seconds for
	// their turn; their claims are renewed meanwhile.
	MaxInflight int
	// Lease is how long a claim lasts without renewal (25 s): a killed
	// instance's messages go out again from another within about that.
	// Claims are renewed every RenewEvery while worked on.
	Lease       time.Duration
	RenewEvery  time.Duration // (5 s); Lease - RenewEvery must exceed SendTimeout
	SendTimeout time.Duration // per send (15 s)
	Poll        time.Duration // how often an idle dispatcher looks for due messages (2 s)
	// HoldLimit: a message whose chat cannot take it for longer than this
	// goes back to the outbox, due then, instead of holding its claim (10 s).
	HoldLimit   time.Duration
	MaxAttempts int           // failed attempts (5xx, network) before giving up (10)
	BackoffBase time.Duration // first retry delay, doubled per attempt, with jitter (5 s)
	BackoffMax  time.Duration // (15 min)

	Clock      quickwin.Clock        // SystemClock
	Registerer prometheus.Registerer // where to register the counters; nil: not registered
	Logger     *slog.Logger
}

// Dispatcher sends outbox messages: it claims due messages, paces them
// within Telegram's limits, sends them through the Sender and records the
// outcome. Every instance runs one; claims keep them from sending the same
// message twice.
//
// Delivery is at least once. The one window where a message is sent twice:
// the process dies after Telegram accepted a send and before MarkSent
// stored it; the claim expires and the message goes again. A worker holds
// its slot until MarkSent returns, so a crash duplicates at most Workers
// messages.
type Dispatcher struct {
	cfg     DispatcherConfig
	lim     *telegram.Limiter
	met     *metrics
	log     *slog.Logger
	wake    chan struct{}
	workers chan struct{}
	// claimsUntil is how long this dispatcher's claims are known to last
	// (unix nanoseconds): set by the last successful renewal.
	claimsUntil atomic.Int64
}

// NewDispatcher makes a dispatcher; Run starts it.
func NewDispatcher(cfg DispatcherConfig) *Dispatcher {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(d *int, v int) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt(&cfg.Workers, 8)
	defInt(&cfg.MaxInflight, 64)
	defInt(&cfg.MaxAttempts, 10)
	def(&cfg.Lease, 25*time.Second)
	def(&cfg.RenewEvery, 5*time.Second)
	def(&cfg.SendTimeout, 15*time.Second)
	def(&cfg.Poll, 2*time.Second)
	def(&cfg.HoldLimit, 10*time.Second)
	if cfg.Lease-cfg.RenewEvery <= cfg.SendTimeout { // a claim must outlive a send between renewals
		cfg.RenewEvery = max((cfg.Lease-cfg.SendTimeout)/2, 10*time.Millisecond)
	}
	def(&cfg.BackoffBase, 5*time.Second)
	def(&cfg.BackoffMax, 15*time.Minute)
	if cfg.Clock == nil {
		cfg.Clock = quickwin.SystemClock{}
	}
	if cfg.Owner == "" {
		cfg.Owner = "dispatcher"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Dispatcher{
		cfg: cfg, lim: cfg.Sender.Limiter(), met: newMetrics(cfg.Registerer),
		log:  log.With("component", "dispatcher", "owner", cfg.Owner),
		wake: make(chan struct{}, 1), workers: make(chan struct{}, cfg.Workers),
	}
}

// pace is the clock of pacing. Telegram's limits are about real time, so
// the limiter and its waits run on the system clock, whatever the
// program's clock says (a test's frozen instant, `job run --at`'s offset);
// claims and due times follow the program's clock.
var pace quickwin.Clock = quickwin.SystemClock{}

// Wake makes an idle dispatcher look for due messages now, e.g. right after
// something urgent was queued. It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run dispatches until ctx is done. It starts by taking back what an
// earlier process with the same identity held (it died: nobody sends those
// now). Sends in flight then finish (within SendTimeout) and are recorded;
// claimed messages still waiting for their turn go back to the outbox at
// once, so another instance need not wait for the lease. It returns nil
// after a clean stop.
func (d *Dispatcher) Run(ctx context.Context) error {
	d.releaseClaims(ctx, "taken back from an earlier run")
	var wg sync.WaitGroup
	defer d.releaseClaims(ctx, "given back on stop")
	defer wg.Wait()
	renewCtx, stopRenewing := context.WithCancel(ctx)
	defer stopRenewing()
	go d.renewClaims(renewCtx)
	finished := make(chan struct{}, d.cfg.MaxInflight)
	inflight := 0
	for {
		for inflight > 0 { // collect finished deliveries without blocking
			select {
			case <-finished:
				inflight--
				continue
			default:
			}
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		claimed := 0
		if room := d.cfg.MaxInflight - inflight; room > 0 {
			now, pnow := d.cfg.Clock.Now(), pace.Now()
			msgs, err := d.cfg.Queue.ClaimOutbox(ctx, d.cfg.Owner, room, now, d.cfg.Lease)
			if err != nil && ctx.Err() == nil {
				d.log.ErrorContext(ctx, "claim outbox messages", "err", err)
			}
			claimed = len(msgs)
			for i := range msgs {
				m := msgs[i]
				if wait := d.lim.PeekPlan(m.ChatID, pnow).Sub(pnow); wait > d.cfg.HoldLimit {
					d.finish(ctx, m.Key, func(c context.Context) error {
						return d.cfg.Queue.Postpone(c, d.cfg.Owner, m.Key, now.Add(wait), "")
					})
					continue
				}
				at, ticket := d.lim.Plan(m.ChatID, pnow)
				inflight++
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { finished <- struct{}{} }()
					defer d.lim.Release(m.ChatID, ticket) // no-op once released after reserving
					d.deliver(ctx, &m, at, ticket)
				}()
			}
			if claimed == room {
				continue // there may be more due right now
			}
		}
		// Idle, or full: wait for a delivery to finish, a wake-up or the poll.
		t := d.cfg.Clock.NewTimer(d.cfg.Poll)
		select {
		case <-ctx.Done():
		case <-finished:
			inflight--
		case <-d.wake:
		case <-t.C():
		}
		t.Stop()
	}
}

// renewClaims extends this dispatcher's claims every RenewEvery until ctx
// ends, and notes until when they last.
func (d *Dispatcher) renewClaims(ctx context.Context) {
	for quickwin.Sleep(d.cfg.Clock, d.cfg.RenewEvery, ctx.Done()) {
		until := d.cfg.Clock.Now().Add(d.cfg.Lease)
		if _, err := d.cfg.Queue.RenewClaims(ctx, d.cfg.Owner, until); err != nil {
			if ctx.Err() == nil {
				d.log.WarnContext(ctx, "renew outbox claims", "err", err)
			}
			continue
		}
		d.claimsUntil.Store(until.UnixNano())
	}
}

// releaseClaims gives back every message this dispatcher's identity holds.
func (d *Dispatcher) releaseClaims(ctx context.Context, why string) {
	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	n, err := d.cfg.Queue.ReleaseClaims(c, d.cfg.Owner, d.cfg.Clock.Now())
	switch {
	case err != nil:
		d.log.WarnContext(ctx, "release outbox claims", "err", err)
	case n > 0:
		d.log.InfoContext(ctx, "outbox claims released", "messages", n, "why", why)
	}
}

// deliver waits for the message's planned time, its chat's turn, a worker
// and a send slot, sends it and records the outcome.
func (d *Dispatcher) deliver(ctx context.Context, m *quickwin.OutboxMessage, planned time.Time, ticket int) {
	clock := d.cfg.Clock
	giveBack := func() {
		d.finish(ctx, m.Key, func(c context.Context) error {
			return d.cfg.Queue.Postpone(c, d.cfg.Owner, m.Key, clock.Now(), "dispatcher stopped")
		})
	}
	if !quickwin.Sleep(pace, planned.Sub(pace.Now()), ctx.Done()) {
		giveBack()
		return
	}
	// The chat's earlier messages reserve first: that keeps a digest's
	// parts in order. No worker is held while waiting for the turn.
	for {
		mine, changed := d.lim.Turn(m.ChatID, ticket)
		if mine {
			break
		}
		select {
		case <-changed:
		case <-ctx.Done():
			giveBack()
			return
		}
	}
	select {
	case d.workers <- struct{}{}:
	case <-ctx.Done():
		giveBack()
		return
	}
	// The worker is held until the outcome is stored: a crash can then
	// duplicate at most one message per worker.
	defer func() { <-d.workers }()
	var at time.Time
	for {
		now := pace.Now()
		slot, ok := d.lim.Reserve(m.ChatID, now, telegram.Bulk)
		if ok {
			if !quickwin.Sleep(pace, slot.Sub(now), ctx.Done()) {
				giveBack()
				return
			}
			// The chat's turn passes on only when this send is over (the
			// deferred release in Run): two sends to one chat in flight at
			// once may reach Telegram in either order.
			at = slot
			break
		}
		if wait := slot.Sub(now); wait > d.cfg.HoldLimit {
			d.finish(ctx, m.Key, func(c context.Context) error {
				return d.cfg.Queue.Postpone(c, d.cfg.Owner, m.Key, clock.Now().Add(wait), "rate limited")
			})
			return
		}
		if !quickwin.Sleep(pace, slot.Sub(now), ctx.Done()) {
			giveBack()
			return
		}
	}
	// A claim must outlive its send: past that, another claim of the same
	// message (ours or another dispatcher's) may be under way.
	until := m.ClaimedUntil
	if renewed := time.Unix(0, d.claimsUntil.Load()); renewed.After(until) {
		until = renewed
	}
	if clock.Now().Add(d.cfg.SendTimeout).After(until) {
		d.log.WarnContext(ctx, "claim about to expire; giving the message back", "key", m.Key)
		giveBack()
		return
	}
	d.lim.Sent(m.ChatID, at, pace.Now())
	// The send is not cancelled with ctx: once it started, only its answer
	// tells whether Telegram has the message.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.cfg.SendTimeout)
	err := d.cfg.Sender.Deliver(sctx, m)
	cancel()
	d.outcome(ctx, m, err)
}

// outcome records what Telegram answered.
func (d *Dispatcher) outcome(ctx context.Context, m *quickwin.OutboxMessage, err error) {
	q, owner, now := d.cfg.Queue, d.cfg.Owner, d.cfg.Clock.Now()
	if err == nil {
		d.met.sent.Inc()
		d.finish(ctx, m.Key, func(c context.Context) error { return q.MarkSent(c, owner, m.Key) })
		return
	}
	var te *telegram.Error
	if !errors.As(err, &te) {
		te = &telegram.Error{Class: telegram.Retry, Err: err}
	}
	reason := te.Error()
	switch te.Class {
	case telegram.RetryAfter:
		// The Sender paused the chat in the limiter and logged it; other
		// chats go on.
		d.met.retried.WithLabelValues("rate_limited").Inc()
		d.finish(ctx, m.Key, func(c context.Context) error { return q.Postpone(c, owner, m.Key, now.Add(te.RetryAfter), reason) })
	case telegram.Blocked:
		d.met.failed.WithLabelValues("blocked").Inc()
		d.log.InfoContext(ctx, "chat blocked the bot", "chat", m.ChatID, "key", m.Key, "err", reason)
		d.finish(ctx, m.Key, func(c context.Context) error { return q.MarkFailed(c, owner, m.Key, reason) })
		if d.cfg.Blocked != nil {
			bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			if err := d.cfg.Blocked(bctx, m.ChatID); err != nil {
				d.log.ErrorContext(ctx, "mark blocked chat inactive", "chat", m.ChatID, "err", err)
			}
			cancel()
		}
	case telegram.BadRequest:
		d.met.failed.WithLabelValues("bad_request").Inc()
		d.log.ErrorContext(ctx, "telegram refused a message", "chat", m.ChatID, "key", m.Key, "err", reason)
		d.finish(ctx, m.Key, func(c context.Context) error { return q.MarkFailed(c, owner, m.Key, reason) })
	default: // 5xx, network; and 401/404, a configuration error an operator fixes
		label := "server_error"
		if te.Code == 0 {
			label = "network"
		}
		if m.Attempts+1 >= d.cfg.MaxAttempts {
			d.met.failed.WithLabelValues("gave_up").Inc()
			d.log.ErrorContext(ctx, "giving up on a message", "chat", m.ChatID, "key", m.Key, "attempts", m.Attempts+1, "err", reason)
			d.finish(ctx, m.Key, func(c context.Context) error { return q.MarkFailed(c, owner, m.Key, reason) })
			return
		}
		next := now.Add(d.backoff(m.Attempts + 1))
		d.met.retried.WithLabelValues(label).Inc()
		d.log.WarnContext(ctx, "send failed; will retry", "chat", m.ChatID, "key", m.Key, "next", next, "err", reason)
		d.finish(ctx, m.Key, func(c context.Context) error { return q.MarkRetry(c, owner, m.Key, next, reason) })
	}
}

// backoff is the delay before the n-th retry: BackoffBase doubled per
// attempt, capped, with "equal jitter" (half fixed, half random) so that
// a burst of failures does not come back as a burst.
func (d *Dispatcher) backoff(n int) time.Duration {
	b := d.cfg.BackoffBase
	for i := 1; i < n && b < d.cfg.BackoffMax; i++ {
		b *= 2
	}
	b = min(b, d.cfg.BackoffMax)
	return b/2 + rand.N(b/2+1)
}

// finish records an outcome even while shutting down (the send happened);
// a lost claim is logged, as the message may then go out twice.
func (d *Dispatcher) finish(ctx context.Context, key string, record func(context.Context) error) {
	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := record(c); err != nil {
		if quickwin.ErrorCode(err) == quickwin.ECONFLICT {
			d.log.WarnContext(ctx, "claim lost before the outcome was stored", "key", key, "err", err)
			return
		}
		d.log.ErrorContext(ctx, "store outbox outcome", "key", key, "err", err)
	}
}
