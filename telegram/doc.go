// Package telegram is the one edge between quickwin and Telegram's Bot API.
// It owns:
//
//   - receiving: long polling ([Poller]) and webhooks ([WebhookHandler]) read
//     raw updates and decode each on its own ([DecodeUpdate]), so that one
//     malformed update is logged, counted, confirmed and skipped instead of
//     stopping every other; [Keys] recognises a duplicate by update id and by
//     (chat, message id) or callback id;
//   - sending: one [Client] for the bot's replies and the outbox, with HTML
//     escaping ([Escape]), inline keyboards, photos, documents, chat actions
//     and one classification of Telegram's answers ([Error]);
//   - pacing: one [Limiter] per process shared by replies and the outbox
//     (Telegram counts per token), where replies go before bulk sends and a
//     429 pauses the chat that got it, and everything only when several
//     chats get one;
//   - button data: one codec ([Encode], [Decode]) for callback data within
//     Telegram's 64 bytes, shared by the bot and the scheduler.
//
// It imports only the domain (package quickwin), the standard library,
// go-telegram-bot-api and the Prometheus client; never bot, scheduler or
// store, which use it.
package telegram
