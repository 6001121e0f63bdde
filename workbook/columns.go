package workbook

import (
	"quickwin"
	"quickwin/locales"
)

// field is one importable column: its own header key (the template's
// header) and the keys of other headers that mean the same, such as the
// export's. Headers are matched in both languages, without regard to case,
// spaces or punctuation (quickwin.Keyword).
type field struct {
	name    string   // internal name
	key     string   // template header
	aliases []string // more header keys
	extra   []string // literal headers people write
}

// Quick-win sheet fields.
const (
	fOPD         = "opd"
	fCode        = "code"
	fTitle       = "title"
	fDescription = "description"
	fIndicator   = "indicator"
	fKind        = "kind"
	fBaseline    = "baseline"
	fTarget      = "target"
	fUnit        = "unit"
	fDirection   = "direction"
	fStart       = "start"
	fDeadline    = "deadline"
	fBudget      = "budget"
	fSource      = "source"
	fMission     = "mission"
	fTW1         = "tw1"
	fTW2         = "tw2"
	fTW3         = "tw3"
	fTW4         = "tw4"
	fCumulative  = "cumulative"
	fStatus      = "status"
	fReason      = "reason"
)

// Steps sheet fields (besides fCode and fOPD).
const (
	fQWTitle = "qw_title"
	fStepID  = "step_id"
	fStep    = "step"
	fOwner   = "owner"
	fDue     = "due"
)

var quickWinFields = []field{
	{fOPD, "import.col.opd", []string{"report.xlsx.col.opd_code"}, []string{"kode opd", "opd code"}},
	{fCode, "import.col.code", []string{"report.xlsx.col.code"}, []string{"kode qw"}},
	{fTitle, "import.col.title", []string{"report.xlsx.col.title"}, []string{"judul quick win", "nama quick win", "quick win"}},
	{fIndicator, "import.col.indicator", []string{"report.xlsx.col.indicator"}, []string{"indikator", "indicator"}},
	{fDescription, "import.col.description", []string{"report.xlsx.col.description"}, []string{"uraian"}},
	{fKind, "import.col.kind", []string{"report.xlsx.col.kind"}, []string{"jenis", "kind"}},
	{fBaseline, "import.col.baseline", []string{"report.xlsx.col.baseline"}, []string{"nilai awal"}},
	{fTarget, "import.col.target", []string{"report.xlsx.col.target"}, nil},
	{fUnit, "import.col.unit", []string{"report.xlsx.col.unit"}, nil},
	{fDirection, "import.col.direction", []string{"report.xlsx.col.direction"}, []string{"arah target"}},
	{fStart, "import.col.start", []string{"report.xlsx.col.start"}, []string{"tanggal mulai", "start date"}},
	{fDeadline, "import.col.deadline", []string{"report.xlsx.col.deadline"}, []string{"batas waktu", "tenggat waktu", "target selesai"}},
	{fBudget, "import.col.budget", []string{"report.xlsx.col.budget"}, []string{"anggaran", "budget", "pagu"}},
	{fSource, "import.col.source", []string{"report.xlsx.col.source"}, []string{"sumber anggaran", "source"}},
	{fMission, "import.col.mission", []string{"report.xlsx.col.mission"}, []string{"misi"}},
	{fTW1, "import.col.tw1", []string{"report.xlsx.col.tw1"}, []string{"tw i", "tw1", "q1"}},
	{fTW2, "import.col.tw2", []string{"report.xlsx.col.tw2"}, []string{"tw ii", "tw2", "q2"}},
	{fTW3, "import.col.tw3", []string{"report.xlsx.col.tw3"}, []string{"tw iii", "tw3", "q3"}},
	{fTW4, "import.col.tw4", []string{"report.xlsx.col.tw4"}, []string{"tw iv", "tw4", "q4"}},
	{fCumulative, "import.col.cumulative", []string{"report.xlsx.col.cumulative"}, []string{"kumulatif", "cumulative"}},
	{fStatus, "import.col.status", []string{"report.xlsx.col.status"}, nil},
	{fReason, "import.col.reason", []string{"report.xlsx.col.reason"}, []string{"alasan", "reason"}},
}

var stepFields = []field{
	{fCode, "import.col.qw_code", []string{"report.xlsx.col.code", "import.col.code"}, []string{"kode qw"}},
	{fQWTitle, "import.col.qw_title", nil, []string{"judul quick win", "quick win"}},
	{fOPD, "import.col.opd", []string{"report.xlsx.col.opd_code"}, []string{"kode opd", "opd code"}},
	{fStepID, "import.col.step_id", []string{"report.xlsx.col.step_id"}, []string{"id"}},
	{fStep, "import.col.step", []string{"report.xlsx.col.step"}, []string{"langkah", "step", "kegiatan"}},
	{fOwner, "import.col.owner", []string{"report.xlsx.col.owner"}, []string{"pj", "pic"}},
	{fDue, "import.col.due", []string{"report.xlsx.col.due"}, []string{"tenggat", "batas waktu", "due date"}},
}

// required fields of each sheet.
var (
	quickWinRequired = []string{fTitle}
	// newQuickWinRequired are also needed when a row makes a new quick
	// win; a file that only changes existing ones (code and title, say)
	// may leave them out.
	newQuickWinRequired = []string{fOPD, fKind, fStart, fDeadline}
	stepRequired        = []string{fStep, fDue}
)

// Sheet names, in either language, with the export's names too.
var (
	quickWinSheetKeys = []string{"import.sheet.quickwins", "report.xlsx.sheet.commitments"}
	stepSheetKeys     = []string{"import.sheet.steps", "report.xlsx.sheet.steps"}
	opdSheetKeys      = []string{"import.sheet.opds"}
)

// headerIndex maps normalised header texts to field names, in both
// languages, for one sheet's fields.
func headerIndex(fields []field) map[string]string {
	idx := map[string]string{}
	for _, f := range fields {
		for _, l := range locales.Supported() {
			for _, k := range append([]string{f.key}, f.aliases...) {
				if locales.Has(l, k) {
					if n := quickwin.Keyword(locales.T(l, k, nil)); n != "" {
						if _, taken := idx[n]; !taken {
							idx[n] = f.name
						}
					}
				}
			}
		}
		for _, e := range f.extra {
			if _, taken := idx[quickwin.Keyword(e)]; !taken {
				idx[quickwin.Keyword(e)] = f.name
			}
		}
	}
	return idx
}

// headerLang guesses the file's language from its headers: number
// notation ("1.250") depends on it.
func headerLang(headers []string, fallback locales.Lang) locales.Lang {
	score := map[locales.Lang]int{}
	for _, h := range headers {
		n := quickwin.Keyword(h)
		for _, l := range locales.Supported() {
			for _, fs := range [][]field{quickWinFields, stepFields} {
				for _, f := range fs {
					if quickwin.Keyword(locales.T(l, f.key, nil)) == n {
						score[l]++
					}
				}
			}
		}
	}
	switch {
	case score[locales.EN] > score[locales.ID]:
		return locales.EN
	case score[locales.ID] > score[locales.EN]:
		return locales.ID
	}
	return fallback
}
