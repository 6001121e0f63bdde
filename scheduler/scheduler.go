package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"quickwin"
)

// Config configures a Scheduler; zero durations take the defaults.
type Config struct {
	Directory Directory
	Work      Work
	Outbox    quickwin.Outbox
	Publisher quickwin.Publisher
	Runs      JobRuns
	Pruner    Pruner // optional: hourly cleanup of old outbox messages and runs

	Owner string // this instance, unique (e.g. hostname-pid)
	// Grace is how late a missed run may still be made up (12 h).
	Grace       time.Duration
	ReloadEvery time.Duration // re-read tenants and catch up (1 min)
	// OutboxRetention keeps sent messages (and their keys) this long (8
	// days: longer than any automatic re-run of a period; the embedded
	// database scans the outbox on every claim, so not much longer).
	OutboxRetention time.Duration
	JobRunRetention time.Duration // 30 days

	Clock  quickwin.Clock // quickwin.SystemClock
	Logger *slog.Logger
	// DashboardURL puts a Mini App button under the digest (QW_PUBLIC_URL).
	DashboardURL string
}

// Scheduler runs the jobs of every tenant on their cron specs, in their
// time zones, on the instance that holds the lease; it makes up runs
// missed while no instance ran (within Grace).
type Scheduler struct {
	cfg  Config
	jobs *Jobs
	log  *slog.Logger

	leader atomic.Bool

	mu      sync.Mutex
	runCtx  context.Context // set while Run runs: crons fire then
	tenants map[string]*tenantCron
	done    map[string]caught // catch-up memo by run key
}

// caught remembers a run the catch-up made: never look again (retry zero),
// or not before retry (it failed).
type caught struct {
	at, retry time.Time
}

// tenantCron is one tenant's cron and the schedules behind its entries.
type tenantCron struct {
	tenant  quickwin.Tenant
	loc     string
	c       *cron.Cron
	started bool
	keys    map[string]string // job -> spec and holidays it was scheduled with
	entries map[string]cron.EntryID
	scheds  map[string]*jobSchedule
}

// New makes a scheduler; Run starts it.
func New(cfg Config) *Scheduler {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Grace, 12*time.Hour)
	def(&cfg.ReloadEvery, time.Minute)
	def(&cfg.OutboxRetention, 8*24*time.Hour)
	def(&cfg.JobRunRetention, 30*24*time.Hour)
	if cfg.Clock == nil {
		cfg.Clock = quickwin.SystemClock{}
	}
	if cfg.Owner == "" {
		cfg.Owner = "scheduler"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	log = log.With("component", "scheduler", "owner", cfg.Owner)
	return &Scheduler{
		cfg:  cfg,
		jobs: &Jobs{Directory: cfg.Directory, Work: cfg.Work, Outbox: cfg.Outbox, Publisher: cfg.Publisher, Log: log, DashboardURL: cfg.DashboardURL},
		log:  log, tenants: map[string]*tenantCron{}, done: map[string]caught{},
	}
}

// Leader reports whether this instance runs the schedules now.
func (s *Scheduler) Leader() bool { return s.leader.Load() }

// Run runs the crons, makes up missed runs and prunes until ctx is done;
// then it waits for running jobs. It runs on the instance elected for
// LeaseName: an Elector starts it when the lease is taken and stops it
// when it is lost.
func (s *Scheduler) Run(ctx context.Context) error {
	s.mu.Lock()
	s.runCtx = ctx
	s.mu.Unlock()
	s.leader.Store(true)
	defer s.leader.Store(false)
	var lastReload, lastPrune time.Time
	for {
		now := s.cfg.Clock.Now()
		if now.Sub(lastReload) >= s.cfg.ReloadEvery {
			lastReload = now
			if _, err := s.CatchUp(ctx); err != nil {
				s.log.ErrorContext(ctx, "reload tenants", "err", err)
			}
		}
		if now.Sub(lastPrune) >= time.Hour {
			lastPrune = now
			s.prune(ctx, now)
		}
		if !quickwin.Sleep(s.cfg.Clock, time.Second, ctx.Done()) {
			break
		}
	}
	s.stop()
	return nil
}

// stop stops every cron and waits for the jobs they are running.
func (s *Scheduler) stop() {
	s.mu.Lock()
	var waits []context.Context
	for _, tc := range s.tenants {
		if tc.started {
			waits = append(waits, tc.c.Stop())
			tc.started = false
		}
	}
	s.runCtx = nil
	s.mu.Unlock()
	for _, w := range waits {
		<-w.Done()
	}
}

// Reload re-reads the tenants and applies changed time zones, specs and
// holidays to the crons, without restart. Run calls it every ReloadEvery;
// the bot may call it right after /jadwal changed something.
func (s *Scheduler) Reload(ctx context.Context) error {
	tenants, err := s.cfg.Directory.Tenants(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	for _, t := range tenants {
		seen[t.ID] = true
		loc := t.Location()
		tc := s.tenants[t.ID]
		if tc != nil && tc.loc != loc.String() {
			tc.c.Stop()
			tc = nil
		}
		if tc == nil {
			tc = &tenantCron{
				loc: loc.String(), keys: map[string]string{}, entries: map[string]cron.EntryID{}, scheds: map[string]*jobSchedule{},
				c: cron.New(cron.WithLocation(loc), cron.WithParser(specParser), cron.WithLogger(cronLogger{s.log})),
			}
			s.tenants[t.ID] = tc
		}
		tc.tenant = t
		cal := NewCalendar(&t)
		for _, job := range quickwin.JobNames {
			key := t.Schedule(job) + "|" + strings.Join(t.Holidays, ",")
			if tc.keys[job] == key {
				continue
			}
			if id, ok := tc.entries[job]; ok {
				tc.c.Remove(id)
				delete(tc.entries, job)
				delete(tc.scheds, job)
			}
			tc.keys[job] = key
			sched, err := newJobSchedule(&t, cal, job)
			if err != nil {
				s.log.ErrorContext(ctx, "invalid schedule: job does not run", "tenant", t.ID, "job", job, "err", err)
				continue
			}
			tc.scheds[job] = sched
			tenantID, name := t.ID, job
			tc.entries[job] = tc.c.Schedule(sched, cron.FuncJob(func() { s.fire(name, tenantID) }))
		}
		if s.runCtx != nil && !tc.started {
			tc.c.Start()
			tc.started = true
		}
	}
	for id, tc := range s.tenants {
		if !seen[id] {
			tc.c.Stop()
			delete(s.tenants, id)
		}
	}
	return nil
}

// schedule returns a tenant's schedule of a job, as last reloaded.
func (s *Scheduler) schedule(tenantID, job string) *jobSchedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tc := s.tenants[tenantID]; tc != nil {
		return tc.scheds[job]
	}
	return nil
}

// fire is what a cron entry runs: on the leader, the run of the scheduled
// time that just came (the cron fires a little after it).
func (s *Scheduler) fire(job, tenantID string) {
	s.mu.Lock()
	ctx := s.runCtx
	s.mu.Unlock()
	if ctx == nil || !s.Leader() {
		return
	}
	sched := s.schedule(tenantID, job)
	if sched == nil {
		return
	}
	at := sched.Prev(s.cfg.Clock.Now(), s.cfg.Grace)
	if at.IsZero() {
		return
	}
	if _, _, err := s.RunScheduled(ctx, job, tenantID, at); err != nil {
		s.log.ErrorContext(ctx, "job failed", "job", job, "tenant", tenantID, "at", at, "err", err)
	}
}

// RunScheduled runs job for a tenant as of the scheduled time at, unless
// that run happened already or runs elsewhere (the job-run key decides, so
// two instances or the cron and the catch-up never both run it). It
// reports whether it ran and how many new messages it queued.
func (s *Scheduler) RunScheduled(ctx context.Context, job, tenantID string, at time.Time) (bool, int, error) {
	ok, err := s.cfg.Runs.StartJobRun(ctx, job, tenantID, at, s.cfg.Owner)
	if err != nil || !ok {
		return false, 0, err
	}
	n, runErr := s.runJob(ctx, job, tenantID, at)
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := s.cfg.Runs.FinishJobRun(fctx, job, tenantID, at, s.cfg.Owner, n, runErr); err != nil {
		s.log.ErrorContext(ctx, "record job run", "job", job, "tenant", tenantID, "err", err)
	}
	s.log.InfoContext(ctx, "job ran", "job", job, "tenant", tenantID, "at", at, "queued", n, "err", runErr)
	return true, n, runErr
}

// RunJob runs a job for a tenant as if it were at, now, whatever ran
// before: for `quickwin job run NAME --at TIME`. It records no run; the
// messages' keys keep it from repeating what was sent for that period.
func (s *Scheduler) RunJob(ctx context.Context, name, tenantID string, at time.Time) (int, error) {
	return s.runJob(ctx, name, tenantID, at)
}

func (s *Scheduler) runJob(ctx context.Context, name, tenantID string, at time.Time) (int, error) {
	t, err := s.cfg.Directory.Tenant(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	return s.jobs.Run(ctx, name, t, at)
}

// CatchUp reloads the tenants' schedules and makes up missed runs as of
// now: for each tenant and job, the latest scheduled time at or before now,
// if it is at most Grace ago and has no finished run, runs now as of that
// time. The leader calls it on taking the lease and every ReloadEvery; it
// returns how many runs it made. When the reload fails, the schedules
// known from before are caught up and the error returned.
func (s *Scheduler) CatchUp(ctx context.Context) (int, error) {
	err := s.Reload(ctx)
	return s.catchUp(ctx), err
}

func (s *Scheduler) catchUp(ctx context.Context) int {
	now := s.cfg.Clock.Now()
	type due struct {
		job, tenant string
		at          time.Time
	}
	var todo []due
	s.mu.Lock()
	for id, tc := range s.tenants {
		for job, sched := range tc.scheds {
			at := sched.Prev(now, s.cfg.Grace)
			if at.IsZero() {
				continue
			}
			key := job + "/" + id + "/" + at.UTC().Format(time.RFC3339)
			if c, seen := s.done[key]; seen && (c.retry.IsZero() || now.Before(c.retry)) {
				continue
			}
			todo = append(todo, due{job, id, at})
		}
	}
	for k, c := range s.done { // forget what can no longer be caught up
		if now.Sub(c.at) > s.cfg.Grace {
			delete(s.done, k)
		}
	}
	s.mu.Unlock()
	ran := 0
	for _, d := range todo {
		ok, _, err := s.RunScheduled(ctx, d.job, d.tenant, d.at)
		key := d.job + "/" + d.tenant + "/" + d.at.UTC().Format(time.RFC3339)
		s.mu.Lock()
		switch {
		case err != nil:
			// Try again in a few minutes (the failed run is taken over).
			s.done[key] = caught{at: d.at, retry: now.Add(5 * time.Minute)}
			s.log.ErrorContext(ctx, "catch-up run failed", "job", d.job, "tenant", d.tenant, "at", d.at, "err", err)
		case ok:
			s.done[key] = caught{at: d.at}
		}
		// Not ok and no error: done or running elsewhere. Look again next
		// time: if that runner died, its stale run is taken over.
		s.mu.Unlock()
		if ok {
			ran++
		}
	}
	return ran
}

// prune deletes old outbox messages and job runs.
func (s *Scheduler) prune(ctx context.Context, now time.Time) {
	if s.cfg.Pruner == nil {
		return
	}
	if n, err := s.cfg.Pruner.PruneOutbox(ctx, now.Add(-s.cfg.OutboxRetention)); err != nil {
		s.log.ErrorContext(ctx, "prune outbox", "err", err)
	} else if n > 0 {
		s.log.InfoContext(ctx, "pruned outbox", "deleted", n)
	}
	if _, err := s.cfg.Pruner.PruneJobRuns(ctx, now.Add(-s.cfg.JobRunRetention)); err != nil {
		s.log.ErrorContext(ctx, "prune job runs", "err", err)
	}
}

// cronLogger sends robfig/cron's few messages (recovered panics) to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(string, ...any) {}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}

// String describes the scheduler for logs.
func (s *Scheduler) String() string { return fmt.Sprintf("scheduler %s", s.cfg.Owner) }
