package quickwin

import "time"

// A head who marks an action step done outside a report (the plan's "mark
// done") may send photos and documents with it; CompleteStep keeps them on
// the step by their Telegram file ids. The evidence archive keeps their
// bytes as it keeps a report's: one EvidenceRecord per file, keyed by quick
// win, step and file id, so that recording the same step again stores
// nothing twice. A step finished by a report carries that report's files,
// which the archive holds under the report already.

// StepFile is one file of a done action step of a quick win.
type StepFile struct {
	StepID string
	Seq    int // position in the step's evidence
	DoneAt time.Time
	Evidence
}

// StepFiles lists the files of the quick win's done steps, in plan order.
func (c *QuickWin) StepFiles() []StepFile {
	var out []StepFile
	for _, s := range c.Steps {
		if !s.Done() {
			continue
		}
		for i, e := range s.Evidence {
			out = append(out, StepFile{StepID: s.ID, Seq: i, DoneAt: s.DoneAt, Evidence: e})
		}
	}
	return out
}

// AddedStepFiles is the files of after that are not in before (by step
// and file id): what one write of a quick win added.
func AddedStepFiles(before, after []StepFile) []StepFile {
	had := make(map[[2]string]bool, len(before))
	for _, f := range before {
		had[[2]string{f.StepID, f.FileID}] = true
	}
	var out []StepFile
	for _, f := range after {
		if !had[[2]string{f.StepID, f.FileID}] {
			out = append(out, f)
		}
	}
	return out
}

// StepEvidenceRecordID is the record key of one file of one action step.
// Report ids and Telegram file ids hold no "/", so it never equals a
// report's EvidenceRecordID.
func StepEvidenceRecordID(quickWinID, stepID, fileID string) string {
	return "step/" + quickWinID + "/" + stepID + "/" + fileID
}

// StepEvidenceRecord is the archive's record of a step's file, marked done
// by memberID: pending and due at now.
func StepEvidenceRecord(c *QuickWin, f StepFile, memberID string, now time.Time) EvidenceRecord {
	e := f.Evidence
	e.SHA256, e.ContentType = "", ""
	return EvidenceRecord{
		ID: StepEvidenceRecordID(c.ID, f.StepID, f.FileID), TenantID: c.TenantID, QuickWinID: c.ID, StepID: f.StepID,
		OPDCode: c.OPDCode, ReporterID: memberID, ReportDate: f.DoneAt, Seq: f.Seq, Evidence: e,
		State: EvidencePending, NextAttempt: now, CreatedAt: now,
	}
}
