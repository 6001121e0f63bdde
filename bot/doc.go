// Package bot is quickwin's conversations: handling a batch of updates (in
// order within a chat, at most once across restarts and instances), the
// router of commands, callbacks and wizard answers, persisted conversations
// (wizards), rendering, and authorization at the edge (the domain services
// authorize again).
//
// It receives and sends only through package telegram (the one edge: its
// poller and webhook call HandleBatch; replies go through its Client and
// rate limiter) and reaches data only through the Store interface, which
// the store package satisfies; it must not import store or scheduler
// (cmd/quickwin wires them). Each feature group sees only its own narrow
// view of the store (store.go: b.accounts, b.admin, b.quickwins,
// b.progress, b.questions, b.overview, and b.directory for everyone), and
// store_test.go fails when a file reaches past its view.
//
// Every handler, wizard question and answer is a method of Bot: one
// signature for commands and button presses (handler, with the decoded
// button in Request.Action) and one for a wizard's questions (State.Ask,
// State.Answer). A Request only carries the update and who sent it.
//
// While it polls, the bot is the only process handling updates (the poller
// lease), so it remembers each chat's conversation in memory, written
// through to the store (conversations.go); behind a webhook it reads the
// store every time.
//
// Typed text enters in one place (the router), cleaned by
// quickwin.CleanText. People may answer without buttons: a reply to the
// bot's message stands for its button (question_reply.go), lists take a typed code
// or part of a title (quickwin_pick_typed.go), and a group hears the group's
// language, never the sender's (admin_group_language.go).
//
// Evidence is shown from the evidence archive when it holds the file
// (Config.Archive, progress_evidence_archive.go; cmd/quickwin plugs in
// package evidence), and several files sent to one question are
// acknowledged by one edited message (wizard_quiet.go).
//
// Files are named for what a person does: account_* (joining, invites,
// members, language, help), admin_* (OPDs, groups, schedules and holidays,
// the workbook import), quickwin_* (making, listing, planning and changing
// quick wins), progress_* (reports, evidence, verification), question*,
// overview* (/ringkasan, /peringkat, /ekspor); the engine is bot.go,
// receive.go, handle.go, router.go, request.go, wizard.go, answers.go,
// buttons.go, view.go and send.go.
//
// Error policy: a handler returns an error; errors with a domain code are
// shown to the user in their language once, here; anything else is logged
// and the user sees a short apology; a panic in one update is recovered,
// logged and answered the same way, and the bot goes on.
package bot
