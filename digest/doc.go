// Package digest renders what leaders and OPD heads read: the monthly
// evaluation digest (for the tenant and for one OPD), the weekly
// leaderboard with its movement since the last weekly snapshot, the bar
// chart (PNG) of capaian or score per OPD, the Excel workbook (XLSX) of
// a tenant's quick wins, action steps, reports, OPD summary and audit log
// (laid out to print: landscape A4 or F4, one page wide), and the monthly
// digest as a PDF for printing, with Noto Sans embedded (fonts/, SIL OFL).
// [Publisher] implements quickwin.Publisher.
//
// Text is Telegram HTML: every dynamic string is escaped, tags open and
// close within one line, and [Split] cuts a message between lines into
// parts within Telegram's limit. Every user-facing word comes from the
// locales package (report.<lang>.json); every formula from package
// quickwin.
//
// It reads through the narrow [ReadStore] interface, which *store.Store
// satisfies; it must not import store (cmd wires them together), nor bot or
// scheduler, which use it. It uses package telegram only to escape text the
// way everything sent to Telegram is escaped, and package fonts for the PDF.
package digest
