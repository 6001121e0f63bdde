package workbook

import "github.com/xuri/excelize/v2"

// printWide makes a sheet print in landscape with all its columns on one
// page width: the instructions and the problem list are read on paper too.
func printWide(x *excelize.File, sheet string) {
	landscape, one, zero, yes := "landscape", 1, 0, true
	_ = x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero})
	_ = x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes})
}
