package scheduler

import (
	"context"
	"log/slog"
	"time"

	"quickwin"
)

// LeaseName is the lease that elects the instance running the schedules.
const LeaseName = "scheduler"

// PollerLease is the lease that elects the instance polling Telegram in
// polling mode: Telegram serves getUpdates to one client at a time, so two
// instances polling at once would keep cutting each other off.
const PollerLease = "poller"

// Elector runs a task only while this instance holds a lease, and stops it
// (through its context) as soon as the lease is lost: one loop, as
// riverqueue's elector, for every task that must run on one instance — the
// schedules and the poller. The lease is a MongoDB document (store
// TakeLease) that its owner renews every Renew and that another instance
// takes once TTL passed without renewal. An instance restarted with the
// same identity (QW_INSTANCE_ID, or the id kept in QW_DATA_DIR) takes its
// own lease back at its first try, at once.
type Elector struct {
	Leases Leases
	Name   string // the lease
	Owner  string // this instance
	TTL    time.Duration
	Renew  time.Duration
	Clock  quickwin.Clock // quickwin.SystemClock
	Log    *slog.Logger
}

// Run runs fn while the lease is held, until ctx ends; then it stops fn and
// gives the lease back so that another instance takes over at once.
func (e *Elector) Run(ctx context.Context, fn func(context.Context) error) error {
	if e.Clock == nil {
		e.Clock = quickwin.SystemClock{}
	}
	if e.Log == nil {
		e.Log = slog.Default()
	}
	log := e.Log.With("lease", e.Name, "owner", e.Owner)
	var run runningTask
	defer func() {
		run.stop()
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = e.Leases.ReleaseLease(rctx, e.Name, e.Owner)
	}()
	for {
		held, err := e.Leases.TakeLease(ctx, e.Name, e.Owner, e.TTL)
		if err != nil && ctx.Err() == nil {
			// Unsure: behave as a follower; claims and run keys stop doubles.
			log.WarnContext(ctx, "lease renewal failed", "err", err)
		}
		switch {
		case held && !run.running():
			log.InfoContext(ctx, "lease taken")
			run.start(ctx, fn)
		case !held && run.running():
			log.InfoContext(ctx, "lease lost")
			run.stop()
		}
		t := e.Clock.NewTimer(e.Renew)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case err := <-run.done:
			// fn ended by itself: give the lease up, and take it again (or
			// let another instance) at the next renewal.
			run.ended()
			if err != nil {
				log.ErrorContext(ctx, "stopped while holding the lease", "err", err)
			}
			_ = e.Leases.ReleaseLease(ctx, e.Name, e.Owner)
		case <-t.C():
		}
		t.Stop()
	}
}

// runningTask is fn running under its own context while a lease is held.
type runningTask struct {
	cancel context.CancelFunc
	done   chan error // nil when not running: a nil channel never receives
}

func (r *runningTask) running() bool { return r.cancel != nil }

func (r *runningTask) start(ctx context.Context, fn func(context.Context) error) {
	runCtx, cancel := context.WithCancel(ctx)
	r.cancel, r.done = cancel, make(chan error, 1)
	done := r.done
	go func() { done <- fn(runCtx) }()
}

// stop cancels fn and waits for it to return.
func (r *runningTask) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	<-r.done
	r.cancel, r.done = nil, nil
}

// ended forgets fn after its result was received from done.
func (r *runningTask) ended() {
	r.cancel()
	r.cancel, r.done = nil, nil
}
