package bot

import (
	"strconv"
	"strings"
	"time"

	"quickwin"
)

// /lapor (/report): the realised value of a numeric quick win, or the steps
// finished of a milestone one, a note and evidence, confirmed. The same
// questions correct a report an admin returned ("Perbaiki"), asking the
// value again (numeric) or only the note and evidence (milestone).

const (
	reportWizard       = "qw_report"
	correctWizard      = "qw_correct"   // numeric: value, note, evidence, confirm
	correctStepsWizard = "qw_correct_m" // milestone: note, evidence, confirm
	ticksDone          = ">"            // the "next" button under the step ticks
)

func (b *Bot) cmdReport(r *Request) error { return b.onQuickWin(r, purposeReport, b.openReport) }

// reportButton handles rp:<commitment>, from the picker and from reminders.
func (b *Bot) reportButton(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActReport)
	if err != nil {
		return err
	}
	return b.openReport(r, c)
}

// openReport starts the report wizard for an active quick win.
func (b *Bot) openReport(r *Request, c *quickwin.QuickWin) error {
	if c.Status != quickwin.StatusActive {
		return quickwin.Errorf(quickwin.ECONFLICT, "quick win %s is %s", c.Code, c.Status).WithKey("report.not_active", map[string]any{"Code": c.Code})
	}
	if c.Kind == quickwin.KindMilestone && quickwin.MilestoneCapaian(c.Steps) >= 100 {
		return quickwin.Errorf(quickwin.ECONFLICT, "no open steps").WithKey("qw.report.no_open_steps", map[string]any{"Code": c.Code})
	}
	return b.startWizard(r, reportWizard, map[string]string{"cid": c.ID})
}

// correctButton handles fx:<report>: a returned report is corrected.
func (b *Bot) correctButton(r *Request, p press) error {
	rep, err := b.progress.Report(r.Ctx, r.Tenant.ID, p.id)
	if err != nil {
		return err
	}
	if rep.State != quickwin.VerifyReturned {
		return quickwin.Errorf(quickwin.ECONFLICT, "report %s is %s", rep.ID, rep.State).WithKey("qw.correct.not_returned", nil)
	}
	c, err := b.loadQuickWin(r, rep.QuickWinID, quickwin.ActReport)
	if err != nil {
		return err
	}
	name := correctWizard
	if c.Kind == quickwin.KindMilestone {
		name = correctStepsWizard
	}
	return b.startWizard(r, name, map[string]string{"cid": c.ID, "rid": rep.ID, "note0": rep.Note})
}

// reportWizards builds the report wizard and the two correction wizards
// from the same questions.
func (b *Bot) reportWizards() []*Wizard {
	return []*Wizard{
		b.reportQuestions(reportWizard, true),
		b.reportQuestions(correctWizard, true),
		b.reportQuestions(correctStepsWizard, false),
	}
}

func (b *Bot) reportQuestions(name string, withValue bool) *Wizard {
	n := 0
	if withValue {
		n = 1
	}
	w := &Wizard{Name: name, First: "note", Steps: n + 3, States: map[string]*State{
		"note": {Step: n + 1, Skippable: true, Ask: b.askNote, Answer: b.answerNote},
		"ev":   b.evidenceState(n+2, b.evidenceIntro, func(r *Request, c *Conv) (string, error) { return "ok", nil }),
		"ok":   {Step: n + 3, Ask: b.askReportConfirm, Answer: b.answerReportConfirm},
	}}
	if withValue {
		w.First = "val"
		w.States["val"] = &State{Step: 1, Ask: b.askValue, Answer: b.answerValue}
	}
	return w
}

// reported is what a report wizard is about: its quick win (the presser
// may still report on it) and, when correcting, the returned report.
func (b *Bot) reported(r *Request, c *Conv) (*quickwin.QuickWin, *quickwin.Report, error) {
	qw, err := b.loadQuickWin(r, c.Get("cid"), quickwin.ActReport)
	if err != nil || c.Get("rid") == "" {
		return qw, nil, err
	}
	rep, err := b.progress.Report(r.Ctx, r.Tenant.ID, c.Get("rid"))
	return qw, rep, err
}

func (b *Bot) askValue(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	qw, rep, err := b.reported(r, c)
	if err != nil {
		return "", nil, err
	}
	v := b.viewOf(r)
	head := v.headline(qw) + "\n" + v.progress(qw)
	if rep != nil {
		head = v.headline(qw) + "\n" + r.T("qw.correct.returned", map[string]any{"Reason": esc(rep.Reason), "Value": v.reportValue(qw, rep)})
	}
	if qw.Kind == quickwin.KindMilestone {
		return b.askTicks(r, c, qw, head)
	}
	q := r.T("qw.report.ask.value", map[string]any{"Target": v.target(qw), "Unit": esc(qw.Unit), "Example": v.num(42.5)})
	return head + "\n\n" + q, nil, nil
}

// askTicks lists the open steps as toggles: ☑ ticked, ☐ not yet.
func (b *Bot) askTicks(r *Request, c *Conv, qw *quickwin.QuickWin, head string) (string, [][]quickwin.Button, error) {
	ticked := tickedSet(c)
	var rows [][]quickwin.Button
	for i, s := range qw.Steps {
		if s.Done() {
			continue
		}
		box := "☐ "
		if ticked[s.ID] {
			box = "☑ "
		}
		rows = append(rows, []quickwin.Button{c.Choice(box+strconv.Itoa(i+1)+". "+truncate(s.Title, 40), s.ID)})
	}
	rows = append(rows, []quickwin.Button{c.Choice(r.T("common.next", nil)+" »", ticksDone)})
	return fitSections(b.viewOf(r), []string{head, b.viewOf(r).steps(qw, planSteps), r.T("qw.report.ask.ticks", map[string]any{"N": len(ticked)})}), rows, nil
}

func (b *Bot) answerValue(r *Request, c *Conv, in Input) (string, error) {
	qw, _, err := b.reported(r, c)
	if err != nil {
		return "", err
	}
	if qw.Kind == quickwin.KindMilestone {
		return b.answerTicks(r, c, qw, in)
	}
	x, err := typedNumber(r, in, 0, "qw.invalid.value_negative")
	if err != nil {
		return "", err
	}
	setFloat(c, "val", x)
	return "note", nil
}

// answerTicks toggles a pressed step (staying on the question, which is
// redrawn in place), takes typed step numbers ("2 3"), or moves on.
func (b *Bot) answerTicks(r *Request, c *Conv, qw *quickwin.QuickWin, in Input) (string, error) {
	ticked := tickedSet(c)
	switch {
	case in.Value == ticksDone || in.Value == "" && doneWords[quickwin.Keyword(in.Text)]:
		if len(ticked) == 0 {
			return "", invalidAnswer("report.invalid.steps", nil)
		}
		return "note", nil
	case in.Value != "":
		if k := qw.StepIndex(in.Value); k < 0 || qw.Steps[k].Done() {
			return "", invalidAnswer("qw.invalid.step_numbers", nil)
		}
		ticked[in.Value] = !ticked[in.Value]
		setTicked(c, qw, ticked)
		return c.State, nil
	}
	fields := strings.FieldsFunc(in.Text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '.' })
	ticked = map[string]bool{}
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > len(qw.Steps) || qw.Steps[n-1].Done() {
			return "", invalidAnswer("qw.invalid.step_numbers", nil)
		}
		ticked[qw.Steps[n-1].ID] = true
	}
	if len(ticked) == 0 {
		return "", invalidAnswer("report.invalid.steps", nil)
	}
	setTicked(c, qw, ticked)
	return "note", nil
}

func tickedSet(c *Conv) map[string]bool {
	m := map[string]bool{}
	for _, id := range strings.Split(c.Get("done"), ",") {
		if id != "" {
			m[id] = true
		}
	}
	return m
}

// setTicked stores the ticked steps in the plan's order.
func setTicked(c *Conv, qw *quickwin.QuickWin, ticked map[string]bool) {
	var ids []string
	for _, s := range qw.Steps {
		if ticked[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	c.Set("done", strings.Join(ids, ","))
}

func (b *Bot) askNote(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	key := "qw.report.ask.note"
	if c.Get("rid") != "" {
		key = "qw.correct.ask.note"
	}
	return r.T(key, map[string]any{"Current": esc(c.Get("note0"))}), nil, nil
}

// answerNote takes the note; skipping it keeps the returned report's note
// when correcting, and leaves it empty otherwise. People often send the
// evidence photo straight away: it is taken as evidence, its caption as
// the note.
func (b *Bot) answerNote(r *Request, c *Conv, in Input) (string, error) {
	if len(in.Files) > 0 {
		setJSON(c, "ev", append(evidenceOf(c), in.Files...))
		in.Files = nil
		if strings.TrimSpace(in.Text) == "" {
			in.Skip = true
		}
	}
	if skipped(in) {
		c.Set("note", c.Get("note0"))
		return "ev", nil
	}
	t, err := typedText(in, 1, quickwin.MaxNoteLen, "report.invalid.note")
	if err != nil {
		return "", err
	}
	c.Set("note", t)
	return "ev", nil
}

func (b *Bot) evidenceIntro(r *Request, c *Conv) (string, error) {
	if c.Get("rid") == "" {
		return r.T("qw.report.ask.evidence", nil), nil
	}
	_, rep, err := b.reported(r, c)
	if err != nil {
		return "", err
	}
	old := b.viewOf(r).evidenceSummary(rep.Evidence)
	if old == "" {
		old = "—"
	}
	return r.T("evidence.correct.ask", map[string]any{"Old": old}), nil
}

var sendOptions = []choiceOption{{"send", "qw.report.send", []string{"ya", "yes", "kirim", "send", "ok", "simpan", "save"}}}

// preview is the quick win as it will be once the report counts: a copy
// with the report applied by the same rule the store saves with.
func preview(qw *quickwin.QuickWin, c *Conv, now time.Time) *quickwin.QuickWin {
	p := *qw
	p.Steps = append([]quickwin.Step(nil), qw.Steps...)
	p.ReportedMonths = append([]string(nil), qw.ReportedMonths...)
	r := &quickwin.Report{Date: now}
	if qw.Kind == quickwin.KindNumeric {
		x := getFloat(c, "val")
		r.Value = &x
	} else {
		for _, s := range qw.Steps {
			if tickedSet(c)[s.ID] {
				r.StepsDone = append(r.StepsDone, s.ID)
			}
		}
	}
	p.ApplyReport(r, now, now.Location())
	return &p
}

func (b *Bot) askReportConfirm(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	qw, _, err := b.reported(r, c)
	if err != nil {
		return "", nil, err
	}
	v := b.viewOf(r)
	after := preview(qw, c, v.now)
	lines := []string{"<b>" + r.T("qw.report.summary", nil) + "</b>", v.headline(qw)}
	if qw.Kind == quickwin.KindNumeric {
		lines = append(lines, r.T("qw.report.line.value", map[string]any{"Value": v.amount(getFloat(c, "val"), qw.Unit), "Target": v.amount(qw.Target, qw.Unit)}))
	} else if c.Get("rid") == "" {
		for i, s := range after.Steps {
			if tickedSet(c)[s.ID] {
				lines = append(lines, "☑ "+strconv.Itoa(i+1)+". "+esc(s.Title))
			}
		}
	}
	if note := c.Get("note"); note != "" {
		lines = append(lines, r.T("qw.report.line.note", map[string]any{"Note": esc(truncate(note, 300))}))
	}
	if ev := v.evidenceSummary(evidenceOf(c)); ev != "" {
		lines = append(lines, r.T("qw.report.line.evidence", map[string]any{"Evidence": ev}))
	}
	if c.Get("rid") == "" || qw.Kind == quickwin.KindNumeric {
		lines = append(lines, r.T("qw.report.line.after", map[string]any{"Progress": v.progress(after)}))
	}
	return strings.Join(lines, "\n") + "\n\n" + r.T("qw.report.ask.confirm", nil), optionButtons(r, c, sendOptions, 1), nil
}

func (b *Bot) answerReportConfirm(r *Request, c *Conv, in Input) (string, error) {
	if _, err := pickOption(r, in, sendOptions); err != nil {
		return "", err
	}
	if c.Get("rid") != "" {
		return b.endWizard(r, b.saveCorrection(r, c))
	}
	return b.endWizard(r, b.saveReport(r, c))
}

// endWizard ends a wizard whose last step failed because the world changed
// meanwhile (the report was verified, the quick win cancelled, the step
// deleted): the person is told, and asking again would not help.
func (b *Bot) endWizard(r *Request, err error) (string, error) {
	switch quickwin.ErrorCode(err) {
	case "":
		return Finish, nil
	case quickwin.ECONFLICT, quickwin.ENOTFOUND, quickwin.EFORBIDDEN:
		_, rerr := r.Reply(b.errorText(r, err), nil)
		return Finish, rerr
	}
	return "", err
}

func (b *Bot) saveReport(r *Request, c *Conv) error {
	qw, _, err := b.reported(r, c)
	if err != nil {
		return err
	}
	rep := &quickwin.Report{ID: c.SaveID(), TenantID: r.Tenant.ID, QuickWinID: qw.ID, Note: c.Get("note"), Evidence: evidenceOf(c)}
	if qw.Kind == quickwin.KindNumeric {
		x := getFloat(c, "val")
		rep.Value = &x
	} else {
		rep.StepsDone = strings.Split(c.Get("done"), ",") // in the plan's order
	}
	after, err := b.progress.CreateReport(r.Ctx, r.Member, rep)
	if err != nil {
		return err
	}
	b.wakeArchive(rep.Evidence)
	v := b.viewOf(r)
	text := r.T("qw.report.saved", map[string]any{"Code": esc(after.Code)}) + "\n" + v.headline(after) + "\n" + v.progress(after)
	if after.Status == quickwin.StatusDone {
		text += "\n🎉 " + r.T("qw.report.all_done", nil)
	}
	if _, err := r.Reply(text, nil); err != nil {
		return err
	}
	if r.Member.Role == quickwin.RoleStaff {
		b.tellHeadsOfReport(r, after, rep)
	}
	return nil
}

// tellHeadsOfReport tells the OPD's head that staff reported.
func (b *Bot) tellHeadsOfReport(r *Request, c *quickwin.QuickWin, rep *quickwin.Report) {
	heads, err := b.opdHeads(r, c.OPDCode)
	if err != nil {
		b.Log.WarnContext(r.Ctx, "heads not read: report not told", "report", rep.ID, "err", err)
		return
	}
	b.notifyMembers(r, "notify/report/"+rep.ID, b.recipients(r, nil, heads), func(v qwView) (string, [][]quickwin.Button) {
		text := v.T("qw.notify.report", map[string]any{"Name": esc(r.Member.Name), "Role": v.T("role."+string(r.Member.Role), nil)}) +
			"\n" + v.reportLines(c, rep)
		return text, [][]quickwin.Button{{pressButton(v.T("qw.detail.open", map[string]any{"Code": c.Code}), press{prefix: pDetail, id: c.ID, opd: c.OPDCode})}}
	})
}

// reportValue is what a report says: its value or the steps it finished.
func (v qwView) reportValue(c *quickwin.QuickWin, rep *quickwin.Report) string {
	if rep.Value != nil {
		return v.amount(*rep.Value, c.Unit)
	}
	return v.TN("qw.report.steps_done", len(rep.StepsDone), nil)
}

// reportLines describe a report under its quick win: value against the
// target with the capaian it gives, note and evidence.
func (v qwView) reportLines(c *quickwin.QuickWin, rep *quickwin.Report) string {
	lines := []string{v.headline(c)}
	if rep.Value != nil {
		pct := quickwin.NumericCapaian(c.Direction, c.Target, *rep.Value)
		lines = append(lines,
			v.T("qw.report.line.value", map[string]any{"Value": v.amount(*rep.Value, c.Unit), "Target": v.amount(c.Target, c.Unit)}),
			v.bar(pct)+" · "+v.category(pct))
	} else {
		for _, id := range rep.StepsDone {
			if k := c.StepIndex(id); k >= 0 {
				lines = append(lines, "☑ "+strconv.Itoa(k+1)+". "+esc(c.Steps[k].Title))
			}
		}
	}
	if rep.Note != "" {
		lines = append(lines, v.T("qw.report.line.note", map[string]any{"Note": esc(truncate(rep.Note, 300))}))
	}
	if ev := v.evidenceSummary(rep.Evidence); ev != "" {
		lines = append(lines, v.T("qw.report.line.evidence", map[string]any{"Evidence": ev}))
	}
	return strings.Join(lines, "\n")
}

func (b *Bot) saveCorrection(r *Request, c *Conv) error {
	qw, before, err := b.reported(r, c)
	if err != nil {
		return err
	}
	var value *float64
	if qw.Kind == quickwin.KindNumeric {
		x := getFloat(c, "val")
		value = &x
	}
	rep, err := b.progress.CorrectReport(r.Ctx, r.Member, r.Tenant.ID, before.ID, value, c.Get("note"), evidenceOf(c))
	if err != nil {
		return err
	}
	b.wakeArchive(evidenceOf(c))
	if _, err := r.Reply(r.T("qw.correct.saved", map[string]any{"Code": esc(qw.Code)}), nil); err != nil {
		return err
	}
	key := "notify/correct/" + rep.ID + "/" + strconv.FormatInt(rep.UpdatedAt.UnixMilli(), 10)
	b.notifyMembers(r, key, b.recipients(r, []string{before.VerifiedBy}, nil), func(v qwView) (string, [][]quickwin.Button) {
		text := v.T("qw.notify.corrected", map[string]any{"Name": esc(r.Member.Name)}) + "\n" + v.reportLines(qw, rep)
		return text, [][]quickwin.Button{{pressButton(v.T("qw.verify.open", nil), press{prefix: pVerify, act: 'o', id: rep.ID})}}
	})
	return nil
}
