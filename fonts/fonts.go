// Package fonts holds the typefaces quickwin embeds in the documents it
// renders (invite cards, PDFs): Noto Sans regular and bold, which cover
// Indonesian and English and every Latin accent in OPD and people's names.
// They are embedded so a PDF looks the same from a distroless image as from
// a laptop. Licence: SIL Open Font License 1.1, in OFL.txt beside them.
//
// This package imports only the standard library; any renderer may use it.
package fonts

import _ "embed"

// NotoSansRegular is Noto Sans Regular (TrueType).
//
//go:embed NotoSans-Regular.ttf
var NotoSansRegular []byte

// NotoSansBold is Noto Sans Bold (TrueType).
//
//go:embed NotoSans-Bold.ttf
var NotoSansBold []byte

// License is the SIL Open Font License the fonts come with.
//
//go:embed OFL.txt
var License string
