// Package bot is quickwin's Telegram side: the update loop (long polling and
// webhook), the router of commands, callbacks and wizard answers, persisted
// conversations (wizards), rendering, and authorization at the edge (the
// domain services authorize again).
//
// It talks to Telegram through go-telegram-bot-api v5 and to data only
// through the narrow Store interface below, which the store package
// satisfies; it must not import store or scheduler (cmd/quickwin wires them).
//
// Error policy: a handler returns an error; errors with a domain code are
// shown to the user in their language once, here; anything else is logged
// and the user sees a short apology; a panic in one update is recovered,
// logged and answered the same way, and the bot goes on.
package bot
