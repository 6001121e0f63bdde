// Package locales owns everything language-specific in quickwin:
//
//   - messages: user-facing texts in Indonesian (the default) and English,
//     kept in embedded go-i18n JSON files under messages/ and rendered with
//     [T], [TPlural] and [Message];
//   - formats: dates, months, times with WIB/WITA/WIT, numbers, percentages
//     and rupiah amounts ([FormatDate], [FormatNumber], [FormatTime], ...);
//   - parsing of what people really type into the bot: dates ([ParseDate])
//     and numbers ([ParseNumber]) in either language, with errors
//     ([ParseError]) that can be explained to the user in their language.
//
// Message files are split per area so that several people can add keys
// without touching the same file: messages/<area>.<lang>.json, for example
// core.id.json and core.en.json. Every file in that directory is loaded;
// the tests fail when a key exists in one language and not the other, or
// when a template does not render.
//
// This package is a leaf: it must not import any other package of the
// project, so that every other package can import it.
package locales

// tzdata is embedded so that time.LoadLocation("Asia/Jakarta") works in
// minimal containers without a system zoneinfo database.
import _ "time/tzdata"
