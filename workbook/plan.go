package workbook

import (
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// Plan is what an import of one file would do.
type Plan struct {
	Changes  []quickwin.ImportChange
	Summary  quickwin.ImportSummary
	Problems []quickwin.CellProblem
}

// tenantState is what the plan checks the file against.
type tenantState struct {
	loc         *time.Location
	now         time.Time
	opds        map[string]quickwin.OPD
	commitments map[string]*quickwin.QuickWin // by code
	titles      map[string]string             // titleKey → code of the tenant's quick wins
}

// titleKey identifies a quick win by its OPD and title, as people do.
func titleKey(opd, title string) string { return opd + "\x00" + normTitle(title) }

// normTitle compares titles without regard to case and spacing.
func normTitle(title string) string { return strings.ToLower(strings.Join(strings.Fields(title), " ")) }

// planned is one quick-win row on its way to a change.
type planned struct {
	r      row
	before *quickwin.QuickWin // nil: new
	after  quickwin.QuickWin
	reason string
	steps  []stepRow // from the steps sheet; nil when it has none for this quick win
	listed bool      // the steps sheet lists this quick win
	bad    bool      // its row has problems already
}

type stepRow struct {
	r    row
	step quickwin.Step
}

var examples = exampleTitles()

// plan reads the quick-win and steps tables and turns them into changes.
func (f *file) plan(qt, st *table, ts tenantState, lang locales.Lang) *Plan {
	cr := &cellReader{f: f, t: qt, lang: lang, loc: ts.loc, now: ts.now}
	var rows []*planned
	byCode := map[string]*planned{}
	byTitle := map[string][]*planned{} // normalised title → the file's quick wins with it
	firstRow := map[string]int{}
	for _, r := range qt.rows {
		p := f.readQuickWin(cr, r, ts, firstRow)
		if p == nil {
			continue
		}
		rows = append(rows, p)
		if p.before != nil {
			byCode[p.before.Code] = p
		}
		key := normTitle(p.after.Title)
		byTitle[key] = append(byTitle[key], p)
	}
	if st != nil {
		f.readSteps(st, ts, lang, byCode, byTitle)
		rows = append(rows, f.extra...)
	}
	out := &Plan{}
	opds := map[string]bool{}
	for _, p := range rows {
		f.finish(qt, st, p, ts)
	}
	if f.problems.total == 0 {
		for _, p := range rows {
			opds[p.after.OPDCode] = true
			if p.before == nil {
				out.Summary.New++
				out.Summary.StepsAdded += len(p.after.Steps)
			} else if sameImportable(p.before, &p.after) {
				out.Summary.Unchanged++
				continue
			} else {
				out.Summary.Changed++
				if len(out.Summary.ChangedCodes) < quickwin.MaxChangedCodes {
					out.Summary.ChangedCodes = append(out.Summary.ChangedCodes, p.before.Code)
				}
				added, changed, deleted := stepDiff(p.before.Steps, p.after.Steps)
				out.Summary.StepsAdded += added
				out.Summary.StepsChanged += changed
				out.Summary.StepsDeleted += deleted
			}
			out.Changes = append(out.Changes, quickwin.ImportChange{Before: p.before, After: p.after, Reason: p.reason})
		}
	}
	out.Summary.OPDs = len(opds)
	out.Summary.Problems = f.problems.total
	out.Problems = f.problems.list
	return out
}

// readQuickWin reads one row of the quick-win sheet.
func (f *file) readQuickWin(cr *cellReader, r row, ts tenantState, firstRow map[string]int) *planned {
	t := cr.t
	p := &planned{r: r}
	opd := strings.ToUpper(cr.text(r, fOPD))
	code := strings.ToUpper(cr.text(r, fCode))
	if code != "" {
		if first, dup := firstRow[code]; dup {
			f.problem(t, r.n, fCode, "import.duplicate_code", map[string]any{"Code": code, "Row": first})
			return nil
		}
		firstRow[code] = r.n
		old := ts.commitments[code]
		if old == nil {
			f.problem(t, r.n, fCode, "import.unknown_code", map[string]any{"Code": code})
			return nil
		}
		if opd != "" && opd != old.OPDCode {
			f.problem(t, r.n, fOPD, "import.opd_moved", map[string]any{"Code": code, "OPD": old.OPDCode, "Input": opd})
			return nil
		}
		opd = old.OPDCode
		p.before = old
		p.after = *cloneQuickWin(old)
	} else {
		o, ok := ts.opds[opd]
		switch {
		case opd == "":
			f.problem(t, r.n, fOPD, "import.required", nil)
			return nil
		case !ok:
			f.problem(t, r.n, fOPD, "import.unknown_opd", map[string]any{"Code": opd})
			return nil
		case !o.Active:
			f.problem(t, r.n, fOPD, "import.inactive_opd", map[string]any{"Code": opd})
			return nil
		}
		p.after = quickwin.QuickWin{OPDCode: opd, Status: quickwin.StatusActive}
	}
	before := f.problems.total
	c := &p.after
	present := func(name string) bool { _, ok := t.headers[name]; return ok }
	// A column present in the file is the truth for every row, also when
	// a cell is empty (clearing a description); a column the file lacks
	// leaves the value as it is.
	if present(fTitle) {
		c.Title = strings.Join(strings.Fields(cr.text(r, fTitle)), " ")
		if c.Title == "" {
			f.problem(t, r.n, fTitle, "import.required", nil)
		} else if n := len([]rune(c.Title)); n < quickwin.MinTitleLen || n > quickwin.MaxTitleLen {
			f.problem(t, r.n, fTitle, "import.title_length", nil)
		} else if p.before == nil && examples[quickwin.Keyword(c.Title)] {
			f.problem(t, r.n, fTitle, "import.example_row", nil)
		} else if code, dup := ts.titles[titleKey(c.OPDCode, c.Title)]; p.before == nil && dup {
			// The same file sent twice would double every quick win.
			f.problem(t, r.n, fTitle, "import.title_exists", map[string]any{"Code": code})
		} else if first, dup := firstRow["title\x00"+titleKey(c.OPDCode, c.Title)]; p.before == nil && dup {
			// A row copied twice: its steps could not say which one they belong to.
			f.problem(t, r.n, fTitle, "import.title_twice", map[string]any{"Row": first})
		} else if p.before == nil {
			firstRow["title\x00"+titleKey(c.OPDCode, c.Title)] = r.n
		}
	}
	if present(fDescription) {
		c.Description = cr.text(r, fDescription)
	}
	if present(fIndicator) {
		c.Indicator = cr.text(r, fIndicator)
	}
	if present(fUnit) {
		c.Unit = cr.text(r, fUnit)
	}
	allowedKinds := strings.Join(choices(f.lang, "report.xlsx.kind.", "numeric", "milestone"), ", ")
	if present(fKind) {
		if v, ok := cr.choice(r, fKind, kindValues, allowedKinds); ok {
			c.Kind = quickwin.Kind(v)
		} else if _, filled := r.cells[fKind]; !filled {
			f.problem(t, r.n, fKind, "import.required", nil)
		}
	}
	if present(fDirection) {
		c.Direction = ""
		if v, ok := cr.choice(r, fDirection, directionValues, strings.Join(choices(f.lang, "report.xlsx.direction.", "higher", "lower"), ", ")); ok {
			c.Direction = quickwin.Direction(v)
		}
	}
	num := func(name string, dst *float64) {
		if present(name) {
			*dst = 0
			if v, ok := cr.number(r, name); ok {
				*dst = v
			}
		}
	}
	num(fBaseline, &c.Baseline)
	num(fTarget, &c.Target)
	num(fBudget, &c.Budget)
	if present(fMission) {
		c.Mission = 0
		if v, ok := cr.number(r, fMission); ok {
			if v != float64(int(v)) || v < 0 || v > quickwin.MaxMission {
				f.problem(t, r.n, fMission, "import.mission", map[string]any{"Input": r.cells[fMission]})
			} else {
				c.Mission = int(v)
			}
		}
	}
	if present(fSource) {
		c.Source = ""
		if v, ok := cr.choice(r, fSource, sourceValues, "APBD, DPA, non-APBD"); ok {
			c.Source = quickwin.BudgetSource(v)
		}
	}
	day := func(name string, dst *time.Time) {
		if !present(name) {
			return
		}
		v, ok := cr.date(r, name)
		if !ok {
			if _, filled := r.cells[name]; !filled {
				f.problem(t, r.n, name, "import.required", nil)
			}
			return
		}
		// The same day as stored keeps the stored moment: a round trip
		// through the export changes nothing.
		if !sameDay(v, *dst, ts.loc) {
			*dst = v
		}
	}
	day(fStart, &c.Start)
	day(fDeadline, &c.Deadline)
	tw := []string{fTW1, fTW2, fTW3, fTW4}
	if present(fTW1) || present(fTW2) || present(fTW3) || present(fTW4) {
		var q quickwin.QuarterTargets
		any := false
		for i, name := range tw {
			if v, ok := cr.number(r, name); ok {
				q.Values[i], any = v, true
			}
		}
		if present(fCumulative) {
			if v, ok := cr.choice(r, fCumulative, yesNoValues, strings.Join(choices(f.lang, "", locales.T(f.lang, "common.yes", nil), locales.T(f.lang, "common.no", nil)), ", ")); ok {
				q.Cumulative = v == "yes"
			}
		} else if c.Quarters != nil {
			q.Cumulative = c.Quarters.Cumulative
		}
		c.Quarters = nil
		if any {
			c.Quarters = &q
		}
	}
	if present(fStatus) {
		if v, ok := cr.choice(r, fStatus, statusValues, strings.Join(choices(f.lang, "report.xlsx.status.", "draft", "active", "done", "cancelled"), ", ")); ok {
			c.Status = quickwin.Status(v)
		}
	}
	p.reason = cr.text(r, fReason)
	if c.Kind != quickwin.KindNumeric {
		// A milestone quick win measures steps: its numeric fields mean nothing.
		c.Baseline, c.Target, c.Direction, c.Quarters = 0, 0, "", nil
	} else if c.Direction == "" && present(fDirection) {
		c.Direction = quickwin.HigherIsBetter
	}
	// A row with problems is kept, so that steps naming it are not
	// reported as orphans; finish skips its rules.
	p.bad = f.problems.total > before
	return p
}

// readSteps reads the steps sheet and hands each step to its quick win.
func (f *file) readSteps(st *table, ts tenantState, lang locales.Lang, byCode map[string]*planned, byTitle map[string][]*planned) {
	cr := &cellReader{f: f, t: st, lang: lang, loc: ts.loc, now: ts.now}
	firstStepID := map[string]int{}
	for _, r := range st.rows {
		code := strings.ToUpper(cr.text(r, fCode))
		opd := strings.ToUpper(cr.text(r, fOPD))
		var p *planned
		switch {
		case code != "":
			p = byCode[code]
			if p == nil {
				old := ts.commitments[code]
				if old == nil {
					f.problem(st, r.n, fCode, "import.step_unknown_qw", map[string]any{"Code": code})
					continue
				}
				// A quick win of the tenant that the quick-win sheet leaves
				// out: its steps are replaced all the same.
				p = &planned{r: r, before: old, after: *cloneQuickWin(old), listed: true}
				byCode[code] = p
				f.extra = append(f.extra, p)
			}
		default:
			title := normTitle(cr.text(r, fQWTitle))
			if title == "" {
				f.problem(st, r.n, fCode, "import.step_no_qw", nil)
				continue
			}
			var found []*planned
			for _, q := range byTitle[title] {
				if opd == "" || q.after.OPDCode == opd {
					found = append(found, q)
				}
			}
			switch len(found) {
			case 0:
				f.problem(st, r.n, fQWTitle, "import.step_unknown_title", map[string]any{"Title": cr.text(r, fQWTitle)})
				continue
			case 1:
				p = found[0]
			default:
				f.problem(st, r.n, fQWTitle, "import.step_ambiguous_title", map[string]any{"Title": cr.text(r, fQWTitle)})
				continue
			}
		}
		if opd != "" && opd != p.after.OPDCode {
			f.problem(st, r.n, fOPD, "import.opd_moved", map[string]any{"Code": p.after.Code, "OPD": p.after.OPDCode, "Input": opd})
			continue
		}
		p.listed = true
		s := quickwin.Step{ID: cr.text(r, fStepID), Title: strings.Join(strings.Fields(cr.text(r, fStep)), " "), Owner: cr.text(r, fOwner)}
		if s.Title == "" {
			f.problem(st, r.n, fStep, "import.required", nil)
		}
		if due, ok := cr.date(r, fDue); ok {
			s.Due = due
		} else if _, filled := r.cells[fDue]; !filled {
			f.problem(st, r.n, fDue, "import.required", nil)
		}
		if s.ID != "" {
			key := p.after.OPDCode + "/" + p.after.Code + "/" + s.ID
			if first, dup := firstStepID[key]; dup {
				f.problem(st, r.n, fStepID, "import.duplicate_step", map[string]any{"ID": s.ID, "Row": first})
				continue
			}
			firstStepID[key] = r.n
		}
		p.steps = append(p.steps, stepRow{r: r, step: s})
	}
}

// finish merges a quick win's steps and applies the domain's rules,
// recording problems on the rows that cause them.
func (f *file) finish(qt, st *table, p *planned, ts tenantState) {
	c := &p.after
	// With a steps sheet, the file lists every step of the quick wins it
	// names: a step left out is deleted (the preview counts them).
	if st != nil {
		c.Steps = mergeSteps(f, st, p, ts.loc)
	}
	if p.bad {
		return
	}
	sheet, rowN := qt, p.r.n
	if !f.inQuickWinSheet(p) {
		sheet = st
	}
	bare := *c
	bare.Steps = nil
	bare.TenantID = "t"
	if err := bare.Validate(); err != nil {
		key, data := errKey(err)
		f.problem(sheet, rowN, fieldOfKey(key), key, data)
		return
	}
	for _, s := range p.steps {
		if s.step.Title == "" || s.step.Due.IsZero() {
			continue // reported already
		}
		if err := c.ValidateStep(s.step); err != nil {
			key, data := errKey(err)
			if key == "step.invalid.due_range" {
				key, data = "import.step_due_range", map[string]any{"Start": locales.FormatDate(f.lang, c.Start), "Deadline": locales.FormatDate(f.lang, c.Deadline)}
			}
			f.problem(st, s.r.n, stepFieldOfKey(key), key, data)
		}
	}
	if p.before != nil && quickwin.NeedsReason(p.before, c) && strings.TrimSpace(p.reason) == "" {
		if _, ok := qt.headers[fReason]; ok {
			f.problem(sheet, rowN, fReason, "import.reason_required", map[string]any{"Code": p.before.Code})
		} else {
			// An export has no reason column: say how to add one.
			f.problem(sheet, rowN, fDeadline, "import.reason_column", map[string]any{"Code": p.before.Code,
				"Column": locales.T(f.lang, "import.col.reason", nil)})
		}
	}
	p.reason = auditReason(f.lang, p.reason)
}

// inQuickWinSheet reports whether the quick win came from the quick-win
// sheet (rather than only from steps naming it).
func (f *file) inQuickWinSheet(p *planned) bool {
	for _, e := range f.extra {
		if e == p {
			return false
		}
	}
	return true
}

// mergeSteps builds the quick win's new step list from the file: steps
// are matched to the stored ones by their id, else by title; a stored
// step the file leaves out is deleted unless it is done.
func mergeSteps(f *file, st *table, p *planned, loc *time.Location) []quickwin.Step {
	var old []quickwin.Step
	if p.before != nil {
		old = p.before.Steps
	}
	used := make([]bool, len(old))
	out := make([]quickwin.Step, 0, len(p.steps))
	for _, sr := range p.steps {
		s := sr.step
		match := -1
		if s.ID != "" {
			for i, o := range old {
				if o.ID == s.ID && !used[i] {
					match = i
					break
				}
			}
			if match < 0 {
				f.problem(st, sr.r.n, fStepID, "import.unknown_step", map[string]any{"ID": s.ID, "Code": p.after.Code})
				continue
			}
		} else {
			for i, o := range old {
				if !used[i] && strings.EqualFold(o.Title, s.Title) {
					match = i
					break
				}
			}
		}
		if match >= 0 {
			used[match] = true
			o := old[match]
			o.Title, o.Owner = s.Title, s.Owner
			if !sameDay(s.Due, o.Due, loc) {
				o.Due = s.Due
			}
			s = o
		}
		out = append(out, s)
	}
	for i, o := range old {
		if !used[i] && !quickwin.CanDeleteStep(o) {
			f.problems.add(quickwin.CellProblem{Sheet: st.sheet, Key: "import.done_step_deleted",
				Data: map[string]any{"Code": p.after.Code, "Step": o.Title}})
		}
	}
	return out
}

func errKey(err error) (string, map[string]any) {
	if qe, ok := err.(*quickwin.Error); ok && qe.Key != "" {
		return qe.Key, qe.Data
	}
	return "import.bad_value", map[string]any{"Input": err.Error()}
}

// fieldOfKey names the column a commitment validation error points at.
func fieldOfKey(key string) string {
	switch key {
	case "commitment.invalid.title":
		return fTitle
	case "commitment.invalid.kind":
		return fKind
	case "commitment.invalid.dates", "commitment.invalid.deadline_before_start":
		return fDeadline
	case "commitment.invalid.budget":
		return fBudget
	case "commitment.invalid.mission":
		return fMission
	case "commitment.invalid.direction":
		return fDirection
	case "commitment.invalid.target":
		return fTarget
	case "commitment.invalid.opd":
		return fOPD
	}
	return ""
}

func stepFieldOfKey(key string) string {
	if key == "step.invalid.title" {
		return fStep
	}
	return fDue
}

// auditReason is what the audit log says of an imported change: "diubah
// lewat impor", with the file's reason when it gives one.
func auditReason(lang locales.Lang, reason string) string {
	base := locales.T(lang, "import.audit_reason", nil)
	if r := strings.TrimSpace(reason); r != "" {
		return base + ": " + r
	}
	return base
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// sameImportable reports whether an import leaves a quick win as it is.
func sameImportable(a, b *quickwin.QuickWin) bool {
	if a.Title != b.Title || a.Description != b.Description || a.Indicator != b.Indicator || a.Kind != b.Kind ||
		a.Baseline != b.Baseline || a.Target != b.Target || a.Unit != b.Unit || a.Direction != b.Direction ||
		!a.Start.Equal(b.Start) || !a.Deadline.Equal(b.Deadline) || a.Budget != b.Budget || a.Source != b.Source ||
		a.Mission != b.Mission || a.Status != b.Status || len(a.Steps) != len(b.Steps) {
		return false
	}
	if (a.Quarters == nil) != (b.Quarters == nil) || a.Quarters != nil && *a.Quarters != *b.Quarters {
		return false
	}
	for i := range a.Steps {
		x, y := a.Steps[i], b.Steps[i]
		if x.ID != y.ID || x.Title != y.Title || x.Owner != y.Owner || !x.Due.Equal(y.Due) {
			return false
		}
	}
	return true
}

// stepDiff counts steps added, changed and deleted from before to after.
func stepDiff(before, after []quickwin.Step) (added, changed, deleted int) {
	old := map[string]quickwin.Step{}
	for _, s := range before {
		old[s.ID] = s
	}
	for _, s := range after {
		o, ok := old[s.ID]
		switch {
		case s.ID == "" || !ok:
			added++
		case o.Title != s.Title || o.Owner != s.Owner || !o.Due.Equal(s.Due):
			changed++
		}
		delete(old, s.ID)
	}
	return added, changed, len(old)
}

// cloneQuickWin copies a quick win so that a plan never changes what it
// was given.
func cloneQuickWin(c *quickwin.QuickWin) *quickwin.QuickWin {
	n := *c
	n.Steps = append([]quickwin.Step(nil), c.Steps...)
	if c.Quarters != nil {
		q := *c.Quarters
		n.Quarters = &q
	}
	return &n
}
