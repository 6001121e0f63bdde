package digest

import (
	"fmt"
	"path"
	"sort"
	"time"

	"quickwin"
)

// The files sent when an action step was marked done outside a report go
// in a folder of their own beside the quick win's report folders, named
// for the step's place in the plan and its title:
//
//	bukti/DINKES/DINKES-03/langkah-02_Pengadaan server/01.jpg
//
// and the step's row of the workbook's steps sheet links to it. A step
// finished by a report carries the report's files: its row links to that
// report's folder. A step is in the export when it was done in the period.

// stepKey is a step's key among the ZIP's folder links, beside the reports'
// (whose ids hold no "/").
func stepKey(quickWinID, stepID string) string { return "step/" + quickWinID + "/" + stepID }

// stepFolderTitle bounds the step's title in its folder's name, so that
// the whole path stays well within Windows' 260 characters.
const stepFolderTitle = 40

// planSteps adds the folders of the steps done in [from, to) to links and
// entries, and counts them in st. recs are the tenant's records; links
// holds the reports' folders already.
func planSteps(commitments []quickwin.QuickWin, recs []quickwin.EvidenceRecord, from, to time.Time, links map[string]fileLink, entries []zipEntry, st *ZipStats) []zipEntry {
	byStep := map[string][]quickwin.EvidenceRecord{}
	ofReports := map[string][]quickwin.EvidenceRecord{} // file id → the reports' records that hold it
	for _, r := range recs {
		switch {
		case r.StepID != "":
			byStep[stepKey(r.QuickWinID, r.StepID)] = append(byStep[stepKey(r.QuickWinID, r.StepID)], r)
		case r.ReportID != "":
			ofReports[r.FileID] = append(ofReports[r.FileID], r)
		}
	}
	for _, c := range commitments {
		for k, s := range c.Steps {
			if !s.Done() || len(s.Evidence) == 0 || !from.IsZero() && s.DoneAt.Before(from) || !to.IsZero() && !s.DoneAt.Before(to) {
				continue
			}
			key := stepKey(c.ID, s.ID)
			files := byStep[key]
			if len(files) == 0 {
				// Finished by a report: its row links to the report's folder.
				if l, ok := finishingReport(links, ofReports[s.Evidence[0].FileID], s.DoneAt); ok {
					links[key] = l
				}
				continue
			}
			sort.SliceStable(files, func(i, j int) bool { return files[i].Seq < files[j].Seq })
			title := safeName(s.Title)
			if len(title) > stepFolderTitle {
				title = title[:stepFolderTitle]
			}
			folder := path.Join("bukti", safeName(c.OPDCode), safeName(c.Code), fmt.Sprintf("langkah-%02d_%s", k+1, title))
			var n int
			if entries, n = addFolder(entries, folder, files, st); n > 0 {
				links[key] = fileLink{Folder: folder, Files: n}
				st.Steps++
			}
		}
	}
	return entries
}

// finishingReport is the folder of the report that finished a step done
// at doneAt, among the reports in the export whose records hold the step's
// file: the same photo may be sent with several reports, and the one that
// finished the step was saved (its files recorded) when the step was done.
func finishingReport(links map[string]fileLink, recs []quickwin.EvidenceRecord, doneAt time.Time) (fileLink, bool) {
	var best fileLink
	var bestGap time.Duration = -1
	for _, r := range recs {
		l, ok := links[r.ReportID]
		if !ok {
			continue
		}
		gap := r.CreatedAt.Sub(doneAt).Abs()
		if bestGap < 0 || gap < bestGap {
			best, bestGap = l, gap
		}
	}
	return best, bestGap >= 0
}

// stepFilesColumn is the steps sheet's column of links to the ZIP's
// folders, in the export with evidence only.
func (x *export) stepFilesColumn(s *sheet) {
	if x.files != nil {
		s.Cols = append(s.Cols, column{"evidence.xlsx.col.files", kindText, 58})
	}
}

// stepFilesCell is a step's link to its files in the ZIP (nil: none), in
// the export with evidence only.
func (x *export) stepFilesCell(row []any, c *quickwin.QuickWin, s quickwin.Step) []any {
	if x.files == nil {
		return row
	}
	if l, ok := x.files[stepKey(c.ID, s.ID)]; ok {
		return append(row, l)
	}
	return append(row, nil)
}
