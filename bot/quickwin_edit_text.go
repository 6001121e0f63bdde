package bot

import (
	"strings"

	"quickwin"
)

// What was typed about a quick win can be corrected: its title, indicator
// and description (qc:n, qc:i, qc:e on the detail view). One question, the
// new text; the store keeps the old and new text in the audit log. No
// reason is asked: a corrected word changes no commitment (a target or a
// deadline does, and asks why).

const textEditWizard = "qw_text"

// textFields are the editable texts: the button's action, the audit
// action, the limits the wizard and SPEC use, and whether it may be empty.
var textFields = map[string]struct {
	what     string
	min, max int
	optional bool
	invalid  string
}{
	"n": {"commitment.title", 3, 200, false, "commitment.invalid.title"},
	"i": {"commitment.indicator", 2, 300, true, "qw.invalid.indicator"},
	"e": {"commitment.description", 3, maxDescription, true, "qw.invalid.description"},
}

// currentText is a quick win's text for a field.
func currentText(c *quickwin.QuickWin, field string) string {
	switch field {
	case "n":
		return c.Title
	case "i":
		return c.Indicator
	}
	return c.Description
}

func setText(c *quickwin.QuickWin, field, text string) {
	switch field {
	case "n":
		c.Title = text
	case "i":
		c.Indicator = text
	default:
		c.Description = text
	}
}

func (b *Bot) textEditWizardDef() *Wizard {
	return &Wizard{Name: textEditWizard, First: "text", States: map[string]*State{"text": {
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			qw, err := b.changing(r, c)
			if err != nil {
				return "", nil, err
			}
			field := c.Get("field")
			cur := currentText(qw, field)
			if cur == "" {
				cur = "—"
			}
			text := b.viewOf(r).headline(qw) + "\n\n" + r.T("qw.edit.ask."+field, map[string]any{"Current": esc(cur)})
			if textFields[field].optional {
				text += "\n" + r.T("qw.edit.clear_hint", nil)
			}
			return text, nil, nil
		},
		Answer: b.answerTextEdit,
	}}}
}

func (b *Bot) answerTextEdit(r *Request, c *Conv, in Input) (string, error) {
	field := c.Get("field")
	f, ok := textFields[field]
	if !ok {
		return Finish, nil
	}
	var text string
	if f.optional && strings.TrimSpace(in.Text) == "-" {
		text = ""
	} else {
		t, err := typedText(in, f.min, f.max, f.invalid)
		if err != nil {
			return "", err
		}
		text = t
	}
	qw, err := b.quickwins.UpdateQuickWin(r.Ctx, r.Member, quickwin.ActEditQuickWin, r.Tenant.ID, c.Get("cid"), f.what, "", func(q *quickwin.QuickWin) error {
		if !planEditable(q) {
			return closedError(r, q)
		}
		setText(q, field, text)
		return nil
	})
	if quickwin.ErrorCode(err) == quickwin.EINVALID {
		return "", err
	}
	if err != nil {
		return b.endWizard(r, err)
	}
	_, err = r.Reply("✅ "+r.T("qw.edit.saved."+field, map[string]any{"Code": esc(qw.Code)})+"\n\n"+b.viewOf(r).card(qw, "")+b.viewOf(r).description(qw), nil)
	return Finish, err
}

// description is a quick win's description as a paragraph under its
// card, or nothing.
func (v qwView) description(c *quickwin.QuickWin) string {
	if c.Description == "" {
		return ""
	}
	return "\n" + v.T("qw.card.description", map[string]any{"Description": esc(c.Description)})
}

// textEditButtons are the detail view's buttons to correct the texts.
func textEditButtons(r *Request, c *quickwin.QuickWin) []quickwin.Button {
	return []quickwin.Button{
		pressButton("✏️ "+r.T("qw.edit.button.n", nil), press{prefix: pChange, act: 'n', id: c.ID}),
		pressButton("✏️ "+r.T("qw.edit.button.i", nil), press{prefix: pChange, act: 'i', id: c.ID}),
		pressButton("✏️ "+r.T("qw.edit.button.e", nil), press{prefix: pChange, act: 'e', id: c.ID}),
	}
}
