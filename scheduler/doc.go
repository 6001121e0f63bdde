// Package scheduler owns the work quickwin does on its own: the scheduled
// jobs of SPEC §7 (deadline reminders, the monthly prompt and nudge, the
// monthly digest, the weekly leaderboard), their cron wiring per tenant
// with working-day shifting and catch-up after downtime, the Elector that
// runs them (and the poller) on the instance holding a lease, and the
// outbox dispatcher that sends queued messages to Telegram within the
// process's one rate limiter (package telegram).
//
// Jobs are plain methods that take the time they run as of (Jobs), so
// tests call them directly. They never send: they queue messages with a
// unique key (job/recipient/subject/period) in the outbox, so a job that
// runs twice sends nothing twice. The Dispatcher, on every instance,
// claims queued messages, renews its claims while it works on them, and
// sends them through a Sender (the telegram.Client in production).
//
// It reads the domain through the narrow interfaces in services.go, which
// *store.Store satisfies, and must not import store or bot; it sends only
// through package telegram.
package scheduler
