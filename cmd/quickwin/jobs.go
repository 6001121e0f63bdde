package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"quickwin"
	"quickwin/digest"
	"quickwin/scheduler"
	"quickwin/store"
)

// jobList prints every tenant's jobs, cron specs and next runs, and which
// instance runs the schedules and polls now (the lease holders).
func (m *Main) jobList(ctx context.Context, cfg *Config, _ []string, fs *flag.FlagSet) error {
	s, tenants, err := m.openTenants(ctx, cfg, m.logger(cfg), fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TENANT\tJOB\tSPEC\tNEXT RUN")
	for _, t := range tenants {
		for _, u := range scheduleOf(&t, m.Clock.Now()) {
			next := u.next
			if u.err != nil {
				next = "invalid spec: " + u.err.Error()
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.ID, u.job, u.spec, next)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, name := range []string{scheduler.LeaseName, scheduler.PollerLease} {
		l, err := s.LeaseHolder(ctx, name)
		switch {
		case quickwin.ErrorCode(err) == quickwin.ENOTFOUND:
			fmt.Fprintf(m.Stdout, "%s: never taken (no instance has run)\n", name)
		case err != nil:
			return err
		case l.Until.After(m.Clock.Now()):
			fmt.Fprintf(m.Stdout, "%s: held by %s until %s\n", name, l.Owner, l.Until.Format(time.RFC3339))
		default:
			fmt.Fprintf(m.Stdout, "%s: free (last held by %s)\n", name, l.Owner)
		}
	}
	return nil
}

// jobRun runs one job for every tenant (or one) as if it were --at. What
// it queues goes out through the outbox of a running `serve`; message keys
// make a repeated run send nothing twice.
func (m *Main) jobRun(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("usage: quickwin job run NAME [--at TIME]; NAME is one of %s", strings.Join(quickwin.JobNames, ", "))}
	}
	name := args[0]
	if !quickwin.IsJob(name) {
		return usageError{fmt.Errorf("unknown job %q; one of %s", name, strings.Join(quickwin.JobNames, ", "))}
	}
	at := m.Clock.Now()
	if v := fs.Lookup("at").Value.String(); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return usageError{fmt.Errorf("--at %q is not an RFC 3339 time like 2027-03-25T09:00:00+07:00", v)}
		}
		// Everything the job computes is as of TIME: late and at-risk
		// quick wins, "Status per …", the leaderboard's week, what the store
		// stamps. The clock starts at TIME and runs on from there.
		at = t
		m.Clock = quickwin.NewOffsetClock(t)
	}
	log := m.logger(cfg)
	s, tenants, err := m.openTenants(ctx, cfg, log, fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	sched := newScheduler(cfg, s, digest.New(s, m.Clock).WithPaper(cfg.Paper), "job-run", m.Clock, log)
	for _, t := range tenants {
		n, err := sched.RunJob(ctx, name, t.ID, at)
		if err != nil {
			return fmt.Errorf("tenant %s: %w", t.ID, err)
		}
		fmt.Fprintf(m.Stdout, "%s: %s at %s queued %d message(s)\n", t.ID, name, at.In(t.Location()).Format(time.RFC3339), n)
	}
	return nil
}

// export writes the tenant's workbook.
func (m *Main) export(ctx context.Context, cfg *Config, _ []string, fs *flag.FlagSet) error {
	out := fs.Lookup("out").Value.String()
	if out == "" {
		return usageError{errors.New("usage: quickwin export --out FILE.xlsx")}
	}
	s, t, lang, err := m.openTenant(ctx, cfg, fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	if fs.Lookup("evidence").Value.String() == "true" {
		return m.exportEvidence(ctx, cfg, s, t, lang, out, fs)
	}
	doc, err := digest.New(s, m.Clock).WithPaper(cfg.Paper).Export(ctx, t.ID, lang)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, doc.File); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s (%d bytes)\n", out, len(doc.File))
	return nil
}

// openTenants opens the store and returns the tenant named by --tenant,
// or every tenant; the caller closes the store.
func (m *Main) openTenants(ctx context.Context, cfg *Config, log *slog.Logger, fs *flag.FlagSet) (*store.Store, []quickwin.Tenant, error) {
	if err := requireData(cfg); err != nil {
		return nil, nil, err
	}
	s, _, err := m.openStore(ctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	var tenants []quickwin.Tenant
	if id := fs.Lookup("tenant").Value.String(); id != "" {
		var t *quickwin.Tenant
		if t, err = s.Tenant(ctx, id); err == nil {
			tenants = []quickwin.Tenant{*t}
		}
	} else {
		tenants, err = s.Tenants(ctx)
	}
	if err != nil {
		_ = s.Close(context.Background())
		return nil, nil, err
	}
	return s, tenants, nil
}
