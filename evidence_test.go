package quickwin

import (
	"testing"
	"time"
)

func TestEvidenceRetryDelay(t *testing.T) {
	for _, c := range []struct {
		attempts int
		want     time.Duration
	}{{0, time.Minute}, {1, time.Minute}, {2, 2 * time.Minute}, {5, 16 * time.Minute}, {9, 256 * time.Minute}, {10, 6 * time.Hour}, {100, 6 * time.Hour}} {
		if got := EvidenceRetryDelay(c.attempts); got != c.want {
			t.Errorf("EvidenceRetryDelay(%d) = %v, want %v", c.attempts, got, c.want)
		}
	}
}

func TestMergeEvidence(t *testing.T) {
	a, b, c := Evidence{FileID: "a"}, Evidence{FileID: "b"}, Evidence{FileID: "c"}
	got := MergeEvidence([]Evidence{a, b}, []Evidence{b, c, c})
	if len(got) != 3 || got[0] != a || got[1] != b || got[2] != c {
		t.Errorf("MergeEvidence = %+v, want a, b, c", got)
	}
}

func TestStepFilesAddedByAWrite(t *testing.T) {
	at := time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)
	c := &QuickWin{ID: "q1", TenantID: "t1", OPDCode: "DINKES", Kind: KindMilestone, Status: StatusActive, Steps: []Step{
		{ID: "s1", Title: "Survei"}, {ID: "s2", Title: "Pengadaan"}, {ID: "s3", Title: "Peluncuran"},
	}}
	c.CompleteStep(0, at, nil) // done without files
	before := c.StepFiles()
	if len(before) != 0 {
		t.Fatalf("files before = %+v", before)
	}
	photo, sk := Evidence{FileID: "p1", Kind: "photo"}, Evidence{FileID: "d1", Kind: "document", FileName: "sk.pdf", SHA256: "abc"}
	c.CompleteStep(1, at, []Evidence{photo, sk})
	added := AddedStepFiles(before, c.StepFiles())
	if len(added) != 2 || added[0].StepID != "s2" || added[0].Seq != 0 || added[1].FileID != "d1" || added[1].Seq != 1 || !added[1].DoneAt.Equal(at) {
		t.Fatalf("added = %+v, want the two files of s2", added)
	}
	// Completing again changes nothing, so nothing is added.
	now := c.StepFiles()
	if c.CompleteStep(1, at.Add(time.Hour), []Evidence{{FileID: "p9"}}) {
		t.Error("a done step completed again")
	}
	if again := AddedStepFiles(now, c.StepFiles()); len(again) != 0 {
		t.Errorf("added by completing again = %+v", again)
	}
	r := StepEvidenceRecord(c, added[1], "m1", at)
	if r.ID != "step/q1/s2/d1" || r.StepID != "s2" || r.ReportID != "" || r.QuickWinID != "q1" || r.OPDCode != "DINKES" ||
		r.ReporterID != "m1" || r.Seq != 1 || r.State != EvidencePending || r.SHA256 != "" || r.FileName != "sk.pdf" {
		t.Errorf("record = %+v", r)
	}
	rep := &Report{ID: "r1", TenantID: "t1", QuickWinID: "q1", OPDCode: "DINKES", ReporterID: "m2", Date: at,
		Evidence: []Evidence{{FileID: "p1"}, {FileID: "d2", FileName: "ba.pdf", SHA256: "ab", ContentType: "application/pdf"}}}
	if r := ReportEvidenceRecord(rep, 1, at); r.ID != "r1/d2" || r.ReportID != "r1" || r.StepID != "" || r.QuickWinID != "q1" ||
		r.ReporterID != "m2" || r.Seq != 1 || r.State != EvidencePending || !r.NextAttempt.Equal(at) || r.SHA256 != "" ||
		r.ContentType != "" || r.FileName != "ba.pdf" || rep.Evidence[1].SHA256 != "ab" {
		t.Errorf("report's record = %+v", r)
	}
	if StepEvidenceRecordID("q1", "s2", "d1") == EvidenceRecordID("q1", "s2/d1") {
		t.Error("a step's record key equals a report's")
	}
}
