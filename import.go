package quickwin

import (
	"context"
	"time"
)

// A workbook import loads many quick wins at once (the Bappeda's list after
// the Dialog Kinerja). The rules that decide what an import may change live
// here; reading the file is package workbook's job and writing it all or
// nothing is the store's.

// MaxImportProblems caps the problems one import reports: past that the
// file is wrong throughout and a longer list helps nobody.
const MaxImportProblems = 200

// MaxImportFile is the largest workbook an import reads, in bytes.
const MaxImportFile = 10 << 20

// CellProblem is one thing wrong in an imported file, where a person can
// find it: the sheet's name as shown in the file, the row number (1 is the
// header; 0 when the whole sheet is meant), the column's header (empty for
// the whole row) and the cell's name (B17) for marking it. Key and Data
// explain it in the reader's language.
type CellProblem struct {
	Sheet  string
	Row    int
	Column string
	Cell   string
	Key    string
	Data   map[string]any
}

// ImportChange is one quick win an import writes: Before is nil for a new
// one. Reason goes into the audit entry.
type ImportChange struct {
	Before *QuickWin
	After  QuickWin
	Reason string
}

// ImportSummary counts what an import changes, for the preview ("40 OPD ·
// 812 quick win baru · 23 diubah · 4 langkah aksi dihapus · 0 galat").
type ImportSummary struct {
	OPDs         int // OPDs with a quick win in the file
	New          int // quick wins created
	Changed      int // quick wins changed
	Unchanged    int // rows that change nothing
	StepsAdded   int
	StepsChanged int
	StepsDeleted int
	Problems     int
	// ChangedCodes names the first changed quick wins (at most
	// MaxChangedCodes), so the preview can say which.
	ChangedCodes []string
}

// MaxChangedCodes caps ImportSummary.ChangedCodes.
const MaxChangedCodes = 10

// ImportPreview is a checked, staged import waiting for Save or Cancel. ID
// names the staged import; it is empty when there are problems (nothing is
// staged then). Marked is the uploaded workbook with the wrong cells
// filled and commented, when there are problems.
type ImportPreview struct {
	ID       string
	Summary  ImportSummary
	Problems []CellProblem
	// Lines says each problem in the language of the preview, where it is
	// and what is wrong ("Lembar Quick win, baris 17, kolom Tenggat: …").
	Lines   []string
	Marked  []byte
	Expires time.Time
}

// Importer loads quick wins and their action steps from a workbook. The
// bot uses it for /templat and for a workbook an admin sends; package
// workbook implements it on the store.
type Importer interface {
	// Template is an empty workbook to fill in, in lang, with the tenant's
	// OPD codes in its drop-down lists.
	Template(ctx context.Context, tenantID, lang string) ([]byte, error)
	// Preview reads a workbook, checks every row against the tenant and,
	// when all is well, stages the import (invisible until Save).
	// EFORBIDDEN (not an admin), EINVALID (not a workbook, too large).
	Preview(ctx context.Context, actor *Member, tenantID, lang string, file []byte) (*ImportPreview, error)
	// Save makes a staged import visible, all of it. ENOTFOUND (expired or
	// discarded), ECONFLICT (a quick win changed since the preview).
	Save(ctx context.Context, actor *Member, tenantID, importID string) (*ImportSummary, error)
	// Discard drops a staged import. Discarding one that is gone is no error.
	Discard(ctx context.Context, actor *Member, tenantID, importID string) error
}

// CanDeleteStep reports whether an import may drop an action step: a step
// that is done carries evidence and counts in the capaian of a milestone
// quick win, so it stays.
func CanDeleteStep(s Step) bool { return !s.Done() }
