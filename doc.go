// Package quickwin is the domain of the quickwin bot: tenants, OPDs, members,
// invites, quick wins (commitments) with their action steps, progress reports,
// questions and audit entries; the achievement math of the product spec
// (capaian, category, schedule status, leaderboard score); the rules for
// typed text (CleanText) and for schedules said in words (SchedulePreset);
// error codes; and the service interfaces that the bot and the scheduler
// use.
//
// It imports only the standard library. Adapters (store, bot, scheduler)
// depend on it, never the other way round.
package quickwin
