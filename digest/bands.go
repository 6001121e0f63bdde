package digest

import "quickwin"

// The digest, chart, workbook and PDF count quick wins in the five
// categories of SPEC §5, each under its own word: Sangat tinggi (≥ 91) and
// Tinggi (76–90) are two bands, not one green "≥ 76".
const numBands = 5

// bandCategory is the category of each band, best first (quickwin.Categories).
var bandCategory = [numBands]quickwin.Category{
	quickwin.CategoryVeryHigh, quickwin.CategoryHigh, quickwin.CategoryMedium, quickwin.CategoryLow, quickwin.CategoryVeryLow,
}

// bandOf is the index of a category's band.
func bandOf(c quickwin.Category) int {
	for i, b := range bandCategory {
		if b == c {
			return i
		}
	}
	return numBands - 1
}
