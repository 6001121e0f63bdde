package bot

import (
	"quickwin"
)

// newQuickWinPath is the way through /quickwin_baru for the answers so far:
// the numeric questions only for a numeric quick win, the cumulative
// question only with quarterly targets, the budget's source only with a
// budget, and the action-step questions once for the step being entered.
func newQuickWinPath(c *Conv) []string {
	path := []string{"title", "ind", "desc", "kind"}
	if c.Get("kind") != string(quickwin.KindMilestone) {
		path = append(path, "base", "target", "unit", "dir", "tw")
		if c.Get("tw") != "" || c.State == "twc" {
			path = append(path, "twc")
		}
	}
	path = append(path, "start", "end", "budget")
	if c.Get("budget") != "" || c.State == "src" {
		path = append(path, "src")
	}
	return append(path, "mis", "st", "so", "sdue", "more", "ok")
}

// descriptionState asks for the quick win's optional description: what it
// changes for people, in a few sentences (the workbook's Deskripsi).
func descriptionState() *State {
	return &State{Step: 2, Skippable: true, Ask: askText("qw.new.ask.description"), Answer: func(r *Request, c *Conv, in Input) (string, error) {
		if skipped(in) {
			c.Del("desc")
			return "kind", nil
		}
		t, err := typedText(in, 3, maxDescription, "qw.invalid.description")
		return keep(c, "desc", t, err, "kind")
	}}
}

// maxDescription bounds a description in characters (it must fit a card).
const maxDescription = 1000
