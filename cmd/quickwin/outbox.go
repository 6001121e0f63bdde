package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"quickwin"
)

// outboxList shows the IT team what the bot could not deliver, and why
// (a member who blocked the bot, a chat that no longer exists), or what is
// still waiting: the answer to "the Kepala says no reminder came".
func (m *Main) outboxList(ctx context.Context, cfg *Config, _ []string, fs *flag.FlagSet) error {
	state := quickwin.OutboxState(fs.Lookup("state").Value.String())
	if !slices.Contains([]quickwin.OutboxState{quickwin.OutboxFailed, quickwin.OutboxPending, quickwin.OutboxSending, quickwin.OutboxSent}, state) {
		return usageError{fmt.Errorf("--state must be failed, pending, sending or sent, got %q", state)}
	}
	limit, err := strconv.Atoi(fs.Lookup("limit").Value.String())
	if err != nil || limit < 1 {
		return usageError{fmt.Errorf("--limit must be a positive whole number, got %q", fs.Lookup("limit").Value.String())}
	}
	s, tenants, err := m.openTenants(ctx, cfg, m.logger(cfg), fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	var msgs []quickwin.OutboxMessage
	for _, t := range tenants {
		ms, err := s.OutboxMessages(ctx, t.ID, state)
		if err != nil {
			return err
		}
		msgs = append(msgs, ms...)
	}
	if len(msgs) == 0 {
		fmt.Fprintf(m.Stdout, "no %s messages\n", state)
		return nil
	}
	// The newest first: what went wrong today matters most.
	slices.SortStableFunc(msgs, func(a, b quickwin.OutboxMessage) int { return b.CreatedAt.Compare(a.CreatedAt) })
	shown := msgs[:min(limit, len(msgs))]
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "QUEUED\tTENANT\tCHAT\tATTEMPTS\tMESSAGE\tLAST ERROR")
	for _, msg := range shown {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%s\n", msg.CreatedAt.Format(time.RFC3339), msg.TenantID, msg.ChatID, msg.Attempts, msg.Key, msg.LastError)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(shown) < len(msgs) {
		fmt.Fprintf(m.Stdout, "%d of %d %s messages shown (--limit)\n", len(shown), len(msgs), state)
	}
	return nil
}
