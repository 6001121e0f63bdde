package workbook

import (
	"context"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// Store is what the importer reads and writes; *store.Store satisfies it.
type Store interface {
	Tenant(ctx context.Context, id string) (*quickwin.Tenant, error)
	OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error)
	QuickWins(ctx context.Context, tenantID string, f quickwin.QuickWinFilter) ([]quickwin.QuickWin, error)
	StageQuickWinImport(ctx context.Context, actor *quickwin.Member, tenantID string, changes []quickwin.ImportChange, sum quickwin.ImportSummary, ttl time.Duration) (string, error)
	SaveQuickWinImport(ctx context.Context, actor *quickwin.Member, tenantID, id string) (*quickwin.ImportSummary, error)
	DiscardImport(ctx context.Context, actor *quickwin.Member, tenantID, id string) error
}

// PreviewTTL is how long a preview waits for its Save button.
const PreviewTTL = time.Hour

// Importer implements quickwin.Importer on a Store.
type Importer struct {
	store Store
	now   func() time.Time
}

var _ quickwin.Importer = (*Importer)(nil)

// New returns an Importer on the program's clock (the system clock when nil).
func New(s Store, clock quickwin.Clock) *Importer {
	if clock == nil {
		clock = quickwin.SystemClock{}
	}
	return &Importer{store: s, now: clock.Now}
}

// Plan reads a workbook and checks it against the tenant without writing
// anything (the CLI's --dry-run and the first half of Preview). Problems
// in the file are in the Plan; the error is for a file that is no
// workbook at all or a database failure.
func (im *Importer) Plan(ctx context.Context, tenantID, lang string, data []byte) (*Plan, error) {
	l := locales.ParseLang(lang)
	f, err := open(data, l)
	if err != nil {
		return nil, err
	}
	defer f.x.Close()
	tenant, err := im.store.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	qwSheet, stepSheet := f.findSheet(quickWinSheetKeys), f.findSheet(stepSheetKeys)
	if qwSheet == "" {
		f.problems.add(quickwin.CellProblem{Key: "import.sheet_missing", Data: map[string]any{
			"Sheet":  locales.T(l, "import.sheet.quickwins", nil),
			"Sheets": joinNames(f.x.GetSheetList()),
		}})
		return &Plan{Problems: f.problems.list, Summary: quickwin.ImportSummary{Problems: f.problems.total}}, nil
	}
	qt, ok := f.readTable(qwSheet, quickWinFields, quickWinRequired, MaxQuickWinRows)
	var st *table
	if stepSheet != "" {
		st, _ = f.readTable(stepSheet, stepFields, stepRequired, MaxStepRows)
	}
	if ok {
		f.checkNewRowColumns(qt)
	}
	if !ok || f.problems.total > 0 {
		return &Plan{Problems: f.problems.list, Summary: quickwin.ImportSummary{Problems: f.problems.total}}, nil
	}
	opds, err := im.store.OPDs(ctx, tenantID, false)
	if err != nil {
		return nil, err
	}
	existing, err := im.store.QuickWins(ctx, tenantID, quickwin.QuickWinFilter{})
	if err != nil {
		return nil, err
	}
	ts := tenantState{loc: tenant.Location(), now: im.now(), opds: map[string]quickwin.OPD{}, commitments: map[string]*quickwin.QuickWin{}}
	for _, o := range opds {
		ts.opds[o.Code] = o
	}
	ts.titles = map[string]string{}
	for i := range existing {
		c := &existing[i]
		ts.commitments[c.Code] = c
		if c.Status != quickwin.StatusCancelled {
			ts.titles[titleKey(c.OPDCode, c.Title)] = c.Code
		}
	}
	headers := make([]string, 0, len(qt.titles))
	for _, h := range qt.titles {
		headers = append(headers, h)
	}
	return f.plan(qt, st, ts, headerLang(headers, l)), nil
}

// Template implements quickwin.Importer.
func (im *Importer) Template(ctx context.Context, tenantID, lang string) ([]byte, error) {
	tenant, err := im.store.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	opds, err := im.store.OPDs(ctx, tenantID, true)
	if err != nil {
		return nil, err
	}
	return Template(locales.ParseLang(lang), tenant, opds, im.now())
}

// Preview implements quickwin.Importer: the plan, staged when the file
// has no problem, or the file marked where it has.
func (im *Importer) Preview(ctx context.Context, actor *quickwin.Member, tenantID, lang string, data []byte) (*quickwin.ImportPreview, error) {
	if err := quickwin.Authorize(actor, tenantID, quickwin.ActManage, ""); err != nil {
		return nil, err
	}
	p, err := im.Plan(ctx, tenantID, lang, data)
	if err != nil {
		return nil, err
	}
	out := &quickwin.ImportPreview{Summary: p.Summary, Problems: p.Problems}
	for _, pr := range p.Problems {
		out.Lines = append(out.Lines, Render(locales.ParseLang(lang), pr))
	}
	if len(p.Problems) > 0 {
		out.Marked, err = Mark(data, locales.ParseLang(lang), p.Problems)
		return out, err
	}
	if len(p.Changes) == 0 {
		return out, nil
	}
	out.ID, err = im.store.StageQuickWinImport(ctx, actor, tenantID, p.Changes, p.Summary, PreviewTTL)
	out.Expires = im.now().Add(PreviewTTL)
	return out, err
}

// Save implements quickwin.Importer.
func (im *Importer) Save(ctx context.Context, actor *quickwin.Member, tenantID, importID string) (*quickwin.ImportSummary, error) {
	return im.store.SaveQuickWinImport(ctx, actor, tenantID, importID)
}

// Discard implements quickwin.Importer.
func (im *Importer) Discard(ctx context.Context, actor *quickwin.Member, tenantID, importID string) error {
	return im.store.DiscardImport(ctx, actor, tenantID, importID)
}

// Summary says a summary in lang: "40 OPD · 812 quick win baru · 23
// diubah · 4 langkah aksi dihapus · 0 galat".
func Summary(lang locales.Lang, s quickwin.ImportSummary) string {
	return locales.T(lang, "import.summary", map[string]any{
		"OPDs": s.OPDs, "New": s.New, "Changed": s.Changed, "Unchanged": s.Unchanged,
		"StepsAdded": s.StepsAdded, "StepsChanged": s.StepsChanged, "StepsDeleted": s.StepsDeleted, "Problems": s.Problems,
	})
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += "«" + n + "»"
	}
	return out
}

// checkNewRowColumns asks for the columns a new quick win needs when a
// row has no code, and for a code or OPD column at all.
func (f *file) checkNewRowColumns(qt *table) {
	_, hasCode := qt.headers[fCode]
	anyNew := !hasCode
	for _, r := range qt.rows {
		if r.cells[fCode] == "" {
			anyNew = true
		}
	}
	if !anyNew {
		return
	}
	var missing []string
	for _, req := range newQuickWinRequired {
		if _, ok := qt.headers[req]; !ok {
			missing = append(missing, locales.T(f.lang, fieldKey(quickWinFields, req), nil))
		}
	}
	if len(missing) > 0 {
		f.problems.add(quickwin.CellProblem{Sheet: qt.sheet, Row: 1, Key: "import.columns_missing",
			Data: map[string]any{"Columns": strings.Join(missing, ", ")}})
	}
}
