// Package dashboard is the leaders' dashboard as a Telegram Mini App: it
// checks Telegram's initData (or a one-time link token from `quickwin
// dashboard link`), keeps a short signed session cookie, and serves
// read-only pages rendered on the server with html/template and SVG
// charts: the tenant's month, an OPD, a quick win, the leaderboard with its
// trend, and a Rakor view for the projector.
//
// It owns the sign-in (initdata.go, token.go, session.go), the pages and
// their charts. Every page asks quickwin.Authorize with the same actions
// as the chat (SPEC §3) and judges numbers with package digest's
// EvaluateMonth and Standings, so that a page never disagrees with the
// digest. It reads through the narrow Store interface (store.Store
// satisfies it) and must not import store, bot or scheduler; evidence
// bytes come through the EvidenceFiles seam.
//
// The pages make no outside request and work without Telegram's own
// script: static/app.js reads the initData and theme Telegram puts in the
// address's fragment, posts the initData once, and sets the theme colours.
package dashboard
