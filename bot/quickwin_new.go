package bot

import (
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// /quickwin_baru (/new_quickwin): a head commits to a quick win, question by
// question, and nothing is stored until the summary is confirmed: title,
// indicator, description, the target, dates, budget, RPJMD mission, action
// steps, confirmation. "Langkah N dari M" counts the questions on the way
// the answers lead (newQuickWinPath).

const newWizardName = "qw_new"

// cmdNewQuickWin starts the wizard for the head's own OPD; an admin names
// the OPD (/quickwin_baru DINKES) or picks it.
func (b *Bot) cmdNewQuickWin(r *Request) error {
	if r.Member.OPDCode != "" {
		return b.startNew(r, r.Member.OPDCode)
	}
	code := strings.ToUpper(strings.TrimSpace(r.Args))
	if !quickwin.ValidOPDCode(code) {
		return b.pickOPD(r, purposeNew)
	}
	o, err := b.directory.OPD(r.Ctx, r.Tenant.ID, code)
	if err != nil {
		return err
	}
	if !o.Active {
		return quickwin.Errorf(quickwin.EINVALID, "OPD %s is inactive", o.Code).WithKey("opd.inactive", map[string]any{"Code": o.Code})
	}
	return b.startNew(r, o.Code)
}

func (b *Bot) startNew(r *Request, opd string) error {
	return b.startWizard(r, newWizardName, map[string]string{"opd": opd})
}

var kindOptions = []choiceOption{
	{string(quickwin.KindNumeric), "qw.kind.numeric", []string{"angka", "numeric", "number", "nilai", "numerik"}},
	{string(quickwin.KindMilestone), "qw.kind.milestone", []string{"bertahap", "milestone", "tahapan", "langkah"}},
}

var directionOptions = []choiceOption{
	{string(quickwin.HigherIsBetter), "qw.direction.higher", []string{"naik", "tinggi", "higher", "up", "makintinggi"}},
	{string(quickwin.LowerIsBetter), "qw.direction.lower", []string{"turun", "rendah", "lower", "down", "makinrendah"}},
}

var cumulativeOptions = []choiceOption{
	{"1", "qw.tw.cumulative", []string{"kumulatif", "cumulative", "ya", "yes"}},
	{"0", "qw.tw.separate", []string{"terpisah", "separate", "tidak", "no", "sendiri"}},
}

var sourceOptions = []choiceOption{
	{string(quickwin.SourceAPBD), "qw.source.apbd", nil},
	{string(quickwin.SourceDPA), "qw.source.dpa", nil},
	{string(quickwin.SourceNonAPBD), "qw.source.nonapbd", []string{"non", "nonapbd", "lainnya", "other", "hibah", "csr"}},
}

var moreStepsOptions = []choiceOption{
	{"add", "qw.new.more.add", []string{"tambah", "lagi", "add", "more", "another", "ya", "yes"}},
	{"done", "qw.new.more.done", []string{"selesai", "cukup", "done", "finish", "tidak", "no"}},
}

var saveOptions = []choiceOption{
	{"active", "qw.new.save", []string{"ya", "yes", "simpan", "save", "aktifkan", "ok"}},
	{"draft", "qw.new.save_draft", []string{"draf", "draft", "konsep"}},
}

// askText is a plain question: its text, no buttons.
func askText(key string) func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	return func(r *Request, c *Conv) (string, [][]quickwin.Button, error) { return r.T(key, nil), nil, nil }
}

// askChoice is a multiple-choice question.
func askChoice(key string, opts []choiceOption, perRow int) func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	return func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
		return r.T(key, nil), optionButtons(r, c, opts, perRow), nil
	}
}

// newQuickWinWizard is the form of /quickwin_baru: what the quick win is,
// how it is measured, its dates, its money, its action plan, and the
// confirmation. Each group of questions is a named set of states below.
func (b *Bot) newQuickWinWizard() *Wizard {
	return &Wizard{Name: newWizardName, First: "title", Path: newQuickWinPath, States: mergeStates(
		b.newAboutStates(), b.newMeasureStates(), b.newDateStates(), b.newMoneyStates(), b.newPlanStates(), b.newConfirmStates(),
	)}
}

// mergeStates joins named sets of states into one wizard's states.
func mergeStates(parts ...map[string]*State) map[string]*State {
	out := map[string]*State{}
	for _, p := range parts {
		for name, s := range p {
			out[name] = s
		}
	}
	return out
}

// newAboutStates ask what the quick win is: title, indicator, description.
func (b *Bot) newAboutStates() map[string]*State {
	return map[string]*State{
		"title": {Step: 1, Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			return r.T("qw.new.ask.title", map[string]any{"OPD": esc(c.Get("opd"))}), nil, nil
		}, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			t, err := typedText(in, quickwin.MinTitleLen, quickwin.MaxTitleLen, "commitment.invalid.title")
			return keep(c, "title", t, err, "ind")
		}},
		"ind": {Step: 2, Skippable: true, Ask: askText("qw.new.ask.indicator"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("ind")
				return "desc", nil
			}
			t, err := typedText(in, 2, 300, "qw.invalid.indicator")
			return keep(c, "ind", t, err, "desc")
		}},
		"desc": descriptionState(),
	}
}

// newMeasureStates ask how it is measured: a number (baseline, target,
// unit, direction, quarterly targets) or action steps.
func (b *Bot) newMeasureStates() map[string]*State {
	return map[string]*State{
		"kind": {Step: 3, Ask: askChoice("qw.new.ask.kind", kindOptions, 1), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			k, err := pickOption(r, in, kindOptions)
			if err != nil {
				return "", err
			}
			c.Set("kind", k)
			if k == string(quickwin.KindMilestone) {
				return "start", nil
			}
			return "base", nil
		}},
		"base": {Step: 3, Ask: askText("qw.new.ask.baseline"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			x, err := locales.ParseNumber(in.Answer(), r.Lang)
			return keep(c, "base", floatString(x), err, "target")
		}},
		"target": {Step: 3, Ask: askText("qw.new.ask.target"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			x, err := typedTarget(r, in)
			return keep(c, "target", floatString(x), err, "unit")
		}},
		"unit": {Step: 3, Skippable: true, Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			return r.T("qw.new.ask.unit", nil), [][]quickwin.Button{{c.Choice("%", "%")}}, nil
		}, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("unit")
				return "dir", nil
			}
			t, err := typedText(Input{Text: in.Answer()}, 1, 30, "qw.invalid.unit")
			return keep(c, "unit", t, err, "dir")
		}},
		"dir": {Step: 3, Ask: askChoice("qw.new.ask.direction", directionOptions, 1), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			d, err := pickOption(r, in, directionOptions)
			return keep(c, "dir", d, err, "tw")
		}},
		"tw": {Step: 3, Skippable: true, Ask: askText("qw.new.ask.quarters"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("tw")
				return "start", nil
			}
			q, err := parseQuarters(r, in.Text)
			return keep(c, "tw", q, err, "twc")
		}},
		"twc": {Step: 3, Ask: askChoice("qw.new.ask.cumulative", cumulativeOptions, 1), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			v, err := pickOption(r, in, cumulativeOptions)
			return keep(c, "twc", v, err, "start")
		}},
	}
}

// newDateStates ask its start and deadline.
func (b *Bot) newDateStates() map[string]*State {
	return map[string]*State{
		"start": {Step: 4, Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			return r.T("qw.new.ask.start", nil), [][]quickwin.Button{{c.Choice(r.T("qw.today", nil), "today")}}, nil
		}, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			t, err := b.typedDate(r, in)
			if err != nil {
				return "", err
			}
			setDate(c, "start", t)
			return "end", nil
		}},
		"end": {Step: 4, Ask: b.askDeadline, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			t, err := b.typedDeadline(r, in, getDate(c, "start", r.Tenant.Location()))
			if err != nil {
				return "", err
			}
			setDate(c, "end", t)
			return "budget", nil
		}},
	}
}

// newMoneyStates ask its budget, the budget's source and the RPJMD mission.
func (b *Bot) newMoneyStates() map[string]*State {
	return map[string]*State{
		"budget": {Step: 5, Skippable: true, Ask: askText("qw.new.ask.budget"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("budget")
				c.Del("src")
				return "mis", nil
			}
			x, err := typedBudget(r, in)
			if err != nil {
				return "", err
			}
			if x == 0 {
				c.Del("budget")
				return "mis", nil
			}
			setFloat(c, "budget", x)
			return "src", nil
		}},
		"src": {Step: 5, Ask: askChoice("qw.new.ask.source", sourceOptions, 3), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			s, err := pickOption(r, in, sourceOptions)
			return keep(c, "src", s, err, "mis")
		}},
		"mis": {Step: 6, Skippable: true, Ask: askText("qw.new.ask.mission"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if skipped(in) {
				c.Del("mis")
				return "st", nil
			}
			n, err := strconv.Atoi(strings.TrimSpace(in.Text))
			if err != nil || n < 1 || n > quickwin.MaxMission {
				return "", invalidAnswer("commitment.invalid.mission", nil)
			}
			c.Set("mis", strconv.Itoa(n))
			return "st", nil
		}},
	}
}

// newPlanStates ask its action steps, one after another.
func (b *Bot) newPlanStates() map[string]*State {
	return map[string]*State{
		"st": b.stepTitleState(7, true, b.newStepsSoFar, func(r *Request, c *Conv, skip bool) (string, error) {
			if !skip {
				return "so", nil
			}
			if c.Get("kind") == string(quickwin.KindMilestone) && len(draftSteps(c)) == 0 {
				return "", invalidAnswer("qw.invalid.steps_needed", nil)
			}
			return "ok", nil
		}),
		"so": b.stepOwnerState(7, func(r *Request, c *Conv) (string, error) { return "sdue", nil }),
		"sdue": b.stepDueState(7, func(r *Request, c *Conv) (*quickwin.QuickWin, error) { return draftOf(r, c), nil },
			func(r *Request, c *Conv, due time.Time) (string, error) {
				steps := draftSteps(c)
				s := draftStep{Title: c.Get("st_title"), Owner: c.Get("st_owner"), Due: due.Format(time.DateOnly)}
				if k := c.Int("k"); k < len(steps) {
					steps[k] = s
				} else {
					steps = append(steps, s)
				}
				setJSON(c, "steps", steps)
				return "more", nil
			}),
		"more": {Step: 7, Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			return b.newStepsSoFar(r, c) + "\n\n" + r.T("qw.new.ask.more", nil), optionButtons(r, c, moreStepsOptions, 2), nil
		}, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			v, err := pickOption(r, in, moreStepsOptions)
			if err != nil {
				return "", err
			}
			if v == "done" {
				return "ok", nil
			}
			c.Set("k", strconv.Itoa(len(draftSteps(c))))
			c.Del("st_title")
			c.Del("st_owner")
			return "st", nil
		}},
	}
}

// newConfirmStates show the quick win and save it, active or as a draft.
func (b *Bot) newConfirmStates() map[string]*State {
	return map[string]*State{
		"ok": {Step: 8, Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			d := draftOf(r, c)
			v := b.viewOf(r)
			text := fitSections(v, []string{"<b>" + r.T("qw.new.summary", nil) + "</b>", v.card(d, b.opdName(r, d.OPDCode)) + v.description(d), v.steps(d, planSteps), r.T("qw.new.ask.confirm", nil)})
			return text, optionButtons(r, c, saveOptions, 1), nil
		}, Answer: func(r *Request, c *Conv, in Input) (string, error) {
			status, err := pickOption(r, in, saveOptions)
			if err != nil {
				return "", err
			}
			d := draftOf(r, c)
			d.Status = quickwin.Status(status)
			d.ID = c.SaveID() // a redelivered confirmation finds it saved
			if err := b.quickwins.CreateQuickWin(r.Ctx, r.Member, d); err != nil {
				return "", err
			}
			v := b.viewOf(r)
			_, err = r.Reply(r.T("qw.new.saved."+status, map[string]any{"Code": esc(d.Code)})+"\n\n"+v.card(d, "")+"\n\n"+r.T("qw.new.next", nil), nil)
			return Finish, err
		}},
	}
}

// typedTarget parses a target: a number above zero.
func typedTarget(r *Request, in Input) (float64, error) {
	x, err := locales.ParseNumber(in.Answer(), r.Lang)
	if err != nil {
		return 0, err
	}
	if x <= 0 {
		return 0, invalidAnswer("qw.invalid.target", nil)
	}
	return x, nil
}

// parseQuarters reads four quarterly targets typed as "25; 50; 75; 90"
// (or one a line, or separated by spaces) and returns them joined by ";".
func parseQuarters(r *Request, s string) (string, error) {
	var parts []string
	switch {
	case strings.Contains(s, ";"):
		parts = strings.Split(s, ";")
	case strings.Contains(s, "\n"):
		parts = strings.Split(s, "\n")
	default:
		parts = strings.Fields(s)
	}
	if len(parts) != 4 {
		return "", invalidAnswer("qw.invalid.quarters", nil)
	}
	out := make([]string, 4)
	for i, p := range parts {
		x, err := typedNumber(r, Input{Text: p}, 0, "qw.invalid.quarters")
		if err != nil {
			return "", err
		}
		out[i] = floatString(x)
	}
	return strings.Join(out, ";"), nil
}

// askDeadline offers the ends of the quarters of the start's year that are
// still ahead (quick wins are pulled forward into TW I/II), and accepts any
// typed date.
func (b *Bot) askDeadline(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
	v := b.viewOf(r)
	start := getDate(c, "start", v.loc)
	var buttons []quickwin.Button
	for _, end := range deadlineQuarters(v, start) {
		buttons = append(buttons, c.Choice(quarterNames[quickwin.Quarter(end)-1]+" · "+v.dateShort(end), end.Format(time.DateOnly)))
	}
	data := deadlineExamples(v, start)
	data["Start"] = v.date(start)
	return r.T("qw.new.ask.deadline", data), grid(buttons, 2), nil
}

// typedDeadline parses a deadline: on or after start, and not already past.
// Quarters and month ends are read from the start (TW2 of a quick win
// starting next year is next year's).
func (b *Bot) typedDeadline(r *Request, in Input, start time.Time) (time.Time, error) {
	t, err := b.typedDateFrom(r, in, start)
	if err != nil {
		return t, err
	}
	v := b.viewOf(r)
	if t.Before(start) {
		return t, invalidAnswer("qw.invalid.deadline_before_start", map[string]any{"Start": v.date(start)})
	}
	if t.Before(v.today()) {
		return t, invalidAnswer("qw.invalid.deadline_past", nil)
	}
	return t, nil
}

// today is midnight of the reader's day.
func (v qwView) today() time.Time {
	y, m, d := v.now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, v.loc)
}

// draftStep is an action step as the wizard keeps it.
type draftStep struct {
	Title string `json:"t"`
	Owner string `json:"o,omitempty"`
	Due   string `json:"d"` // YYYY-MM-DD
}

func draftSteps(c *Conv) []draftStep {
	var s []draftStep
	getJSON(c, "steps", &s)
	return s
}

// draftOf is the quick win the answers so far describe.
func draftOf(r *Request, c *Conv) *quickwin.QuickWin {
	loc := r.Tenant.Location()
	d := &quickwin.QuickWin{
		TenantID: r.Tenant.ID, OPDCode: c.Get("opd"), Title: c.Get("title"), Indicator: c.Get("ind"), Description: c.Get("desc"),
		Kind:  quickwin.Kind(c.Get("kind")),
		Start: getDate(c, "start", loc), Deadline: getDate(c, "end", loc),
		Budget: getFloat(c, "budget"), Source: quickwin.BudgetSource(c.Get("src")), Mission: c.Int("mis"),
		Status: quickwin.StatusDraft,
	}
	if d.Kind == quickwin.KindNumeric {
		d.Baseline, d.Target, d.Unit, d.Direction = getFloat(c, "base"), getFloat(c, "target"), c.Get("unit"), quickwin.Direction(c.Get("dir"))
		if tw := c.Get("tw"); tw != "" {
			q := &quickwin.QuarterTargets{Cumulative: c.Get("twc") == "1"}
			for i, s := range strings.Split(tw, ";") {
				if i < 4 {
					q.Values[i], _ = strconv.ParseFloat(s, 64)
				}
			}
			d.Quarters = q
		}
	}
	for _, s := range draftSteps(c) {
		due, _ := time.ParseInLocation(time.DateOnly, s.Due, loc)
		d.Steps = append(d.Steps, quickwin.Step{Title: s.Title, Owner: s.Owner, Due: due})
	}
	return d
}

// newStepsSoFar lists the steps entered so far, for the step questions.
func (b *Bot) newStepsSoFar(r *Request, c *Conv) string {
	d := draftOf(r, c)
	if len(d.Steps) == 0 {
		return ""
	}
	return b.viewOf(r).steps(d, planSteps)
}
