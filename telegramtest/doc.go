// Package telegramtest is a fake Telegram Bot API server for tests, in the
// spirit of net/http/httptest. It imports only the standard library and
// none of quickwin's packages: it fakes Telegram as Telegram behaves, not as
// the bot expects. It listens on 127.0.0.1 and speaks enough of
// the Bot API for go-telegram-bot-api/v5 (v5.5.1) to run unmodified against
// it: form-encoded, multipart (uploads), JSON and query-string requests,
// {"ok":true,"result":...} answers and {"ok":false,"error_code":...,
// "description":...,"parameters":{"retry_after":N}} errors.
//
// # Quick start
//
//	srv := telegramtest.New(t) // closed by t.Cleanup
//	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.APIEndpoint())
//	// ... start the code under test with bot (polling or webhook) ...
//
//	alice := srv.NewUser(42, "Alice", "en")
//	alice.Send("/start")                 // queues an update (bot_command entity included)
//	menu := alice.NextReply(t)           // waits, without sleeping, for the bot's reply
//	if _, ok := menu.Button("Report"); !ok { t.Fatal(menu) }
//	alice.Press(menu, "Report")          // queues a callback_query for that button
//	alice.NextCallbackAnswer(t)          // the bot's answerCallbackQuery
//	alice.WaitText(t, "Send a photo")    // next reply containing the text
//	alice.SendPhoto("evidence")          // photo registered for getFile + download
//
// # Methods
//
// getMe, getUpdates (long poll with offset/limit/timeout), sendMessage,
// editMessageText, editMessageCaption, editMessageReplyMarkup,
// answerCallbackQuery, sendPhoto, sendDocument, sendMediaGroup, getFile
// (+ GET /file/bot<token>/<file_path>), setMyCommands, getMyCommands,
// deleteMyCommands, setWebhook, deleteWebhook, getWebhookInfo,
// sendChatAction and deleteMessage. A wrong token answers 401 and an
// unknown method 404 "Not Found: method not found". The server behaves like
// Telegram where bots commonly get it wrong: message ids increase per chat,
// editing without changes answers 400 "message is not modified", callback
// queries can be answered once, callback_data must be 1-64 bytes, texts are
// limited to 4096 (captions 1024) characters, and malformed HTML / Markdown
// / MarkdownV2 is rejected with "can't parse entities" (SetStrictFormatting).
//
// # Recording and waiting
//
// Every successful send (sendMessage, sendPhoto, sendDocument,
// sendMediaGroup, edit*, answerCallbackQuery, deleteMessage) is recorded as
// a Sent; Sent and SentTo list them. Waiting never sleeps: helpers block on
// a notification channel until a match arrives or the default timeout
// (10 s, WithTimeout/SetTimeout) expires, and then fail the test with a
// Dump of everything sent.
//
//   - Await / WaitSent / WaitFor look at the whole log and do not consume.
//   - Next, WaitText, User.NextReply, User.WaitText, User.NextCallbackAnswer,
//     Group.NextReply... hand out the earliest not yet consumed matching send
//     and mark it consumed, so a test reads the bot's output like a queue:
//     "the next reply after what I just did". Drain skips what is there.
//
// # Updates
//
// Users (NewUser) and groups (NewGroup) queue updates: Send, SendIn, Reply,
// SendPhoto, SendDocument, Press (button by text), PressData, PressDataIn
// (forged presses). QueueUpdate queues arbitrary JSON and Redeliver re-queues
// an update with the same update_id. ConfirmedOffset / WaitConfirmed tell
// what the bot confirmed via the getUpdates offset. With a webhook set
// (setWebhook, inspect with Webhook) getUpdates answers 409 and
// PostToWebhook delivers the next queued update with the
// X-Telegram-Bot-Api-Secret-Token header.
//
// # Faults
//
// FailNext injects errors (429 with retry_after, 5xx, 403, 400), BlockUser
// makes a chat answer 403, EnforceRateLimits answers 429 when the bot
// exceeds Telegram's limits (30/s overall, 1/s per private chat, 20/min per
// group; see RateLimits), SetLatency delays requests. Count429, Calls and
// Failures report what happened.
//
// # tgbotapi v5.5.1 notes
//
//   - Errors are returned as *tgbotapi.Error (errors.As with a
//     **tgbotapi.Error target works), but UploadFiles (multipart uploads:
//     sendPhoto/sendDocument with bytes) leaves Error.Code at 0; only
//     Message and RetryAfter are set.
//   - tgbotapi.FileEndpoint is a constant, so File.Link and GetFileDirectURL
//     always point at api.telegram.org: use srv.FileURL(file.FilePath).
//   - WebhookConfig has no secret_token; set it with
//     bot.MakeRequest("setWebhook", tgbotapi.Params{"url": u, "secret_token": s}).
//     HandleUpdate/ListenForWebhook do not check the secret header.
//   - GetUpdatesChan drops updates whose id is below its offset, so it never
//     delivers a Redeliver-ed update; custom polling loops do see it.
package telegramtest
