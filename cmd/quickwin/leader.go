package main

import (
	"context"
	"log/slog"
	"time"
)

// leases is what whileLeader needs of the store.
type leases interface {
	TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error
}

// Lease timing for the poller: renewed every pollerRenew, lost after
// pollerTTL without renewal, so another instance takes over within a
// minute of one dying.
const (
	pollerLease = "poller"
	pollerTTL   = 30 * time.Second
	pollerRenew = 10 * time.Second
)

// whileLeader runs fn only while this instance holds the lease name, and
// stops it (through its context) as soon as the lease is lost. Telegram
// serves getUpdates to one client at a time: two instances polling at once
// would keep cutting each other off, so in polling mode only the holder of
// the "poller" lease polls; the others wait, ready to take over.
func whileLeader(ctx context.Context, l leases, name, owner string, ttl, renew time.Duration, log *slog.Logger, fn func(context.Context) error) error {
	var run runningTask
	defer func() {
		run.stop()
		_ = l.ReleaseLease(context.WithoutCancel(ctx), name, owner)
	}()
	t := time.NewTicker(renew)
	defer t.Stop()
	for {
		held, err := l.TakeLease(ctx, name, owner, ttl)
		if err != nil && ctx.Err() == nil {
			log.WarnContext(ctx, "lease renewal failed", "lease", name, "err", err)
		}
		switch {
		case held && !run.running():
			log.InfoContext(ctx, "lease taken", "lease", name)
			run.start(ctx, fn)
		case !held && run.running():
			log.InfoContext(ctx, "lease lost", "lease", name)
			run.stop()
		}
		select {
		case <-ctx.Done():
			return nil
		case err := <-run.done:
			// fn ended by itself: give the lease up, and take it again (or
			// let another instance) at the next renewal.
			run.ended()
			if err != nil {
				log.ErrorContext(ctx, "stopped while holding the lease", "lease", name, "err", err)
			}
			_ = l.ReleaseLease(ctx, name, owner)
		case <-t.C:
		}
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
