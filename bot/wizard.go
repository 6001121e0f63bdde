package bot

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"quickwin"
	"quickwin/locales"
)

// A Wizard asks questions one at a time. Its state lives in MongoDB (keyed
// by chat and user), so it survives a restart: after one, the next answer
// simply continues where the person was.
type Wizard struct {
	Name   string
	First  string
	Steps  int // questions of a linear wizard: the M of "Langkah N dari M" (see Path)
	States map[string]*State
	// Path, when set, lists the questions the person goes through given
	// the answers so far, from the first to the last (a repeated part
	// once, as it stands now): "Langkah N dari M" then counts the questions
	// answered and those still ahead. Without it the wizard is linear.
	Path func(c *Conv) []string
	// Picker marks a list to pick from that also takes a typed answer
	// (qw_pick_typed.go): it has no navigation buttons, is not a form to
	// be reminded of, and closes silently when idle.
	Picker bool
}

// State is one question of a wizard.
type State struct {
	Step int // 0 hides "Langkah N dari M" (one-question edits); N itself counts the questions asked (Wizard.position)
	// Ask renders the question; buttons come from Conv.Choice.
	Ask func(r *Request, c *Conv) (string, [][]quickwin.Button, error)
	// Answer checks an answer and stores it in c. It returns the next
	// state, Finish when the wizard is over, or an error: a validation
	// error (EINVALID or a parse error) is told to the person and the same
	// question is asked again; anything else goes to the error policy.
	Answer func(r *Request, c *Conv, in Input) (string, error)
	// Skippable adds a "skip" button; Answer then sees Input.Skip.
	Skippable bool
	// Quiet: files sent one after another to this question are
	// acknowledged by one message, edited as more arrive (wizard_quiet.go).
	Quiet bool
}

// Finish ends a wizard.
const Finish = "$finish"

// Handoff ends a wizard whose Answer already closed it and handed over to
// what comes next (another wizard, a view): nothing more is saved.
const Handoff = "$handoff"

// Input is an answer: typed text, a pressed choice, or files.
type Input struct {
	Text  string // typed text
	Value string // value of a pressed choice button
	Files []quickwin.Evidence
	Skip  bool
}

// Answer returns the pressed value, or the typed text.
func (in Input) Answer() string {
	if in.Value != "" {
		return in.Value
	}
	return strings.TrimSpace(in.Text)
}

// Conv is a wizard's persisted state with helpers for its data.
type Conv struct{ *quickwin.Conversation }

// Get returns a stored answer.
func (c Conv) Get(key string) string { return c.Data[key] }

// Set stores an answer.
func (c Conv) Set(key, value string) {
	if c.Data == nil {
		c.Data = map[string]string{}
	}
	c.Data[key] = value
}

// Del forgets an answer.
func (c Conv) Del(key string) { delete(c.Data, key) }

// Int returns a stored whole number (0 when absent).
func (c Conv) Int(key string) int {
	n, _ := strconv.Atoi(c.Data[key])
	return n
}

// Choice is a button that answers the current question with value.
func (c Conv) Choice(text, value string) quickwin.Button {
	return quickwin.Button{Text: text, Data: cb("w", c.State, value)}
}

// Navigation values of wizard buttons.
const (
	navBack   = "<"
	navCancel = "x"
	navSkip   = "-"
)

func (b *Bot) addWizard(w *Wizard) {
	if b.wizards == nil {
		b.wizards = map[string]*Wizard{}
	}
	b.wizards[w.Name] = w
}

// startWizard begins a wizard for the request's sender, replacing any
// wizard they had open.
func (b *Bot) startWizard(r *Request, name string, data map[string]string) error {
	w := b.wizards[name]
	if data == nil {
		data = map[string]string{}
	}
	conv := &quickwin.Conversation{ChatID: r.ChatID, UserID: r.From.ID, Wizard: name, State: w.First, Data: data}
	if err := b.conversations.SaveConversation(r.Ctx, conv); err != nil {
		return err
	}
	return b.ask(r, Conv{conv})
}

// ask sends the current question with its navigation buttons.
func (b *Bot) ask(r *Request, c Conv) error { return b.askIn(r, c, 0) }

// askIn asks the current question by editing message messageID, or by
// sending it anew when messageID is 0.
func (b *Bot) askIn(r *Request, c Conv, messageID int) error {
	text, buttons, err := b.question(r, c)
	if err != nil {
		return err
	}
	return r.Edit(messageID, text, buttons)
}

// question renders the current question with its navigation buttons.
func (b *Bot) question(r *Request, c Conv) (string, [][]quickwin.Button, error) {
	w := b.wizards[c.Wizard]
	st := w.States[c.State]
	text, buttons, err := st.Ask(r, &c)
	if err != nil {
		return "", nil, err
	}
	if n, total, ok := w.position(c, st); ok {
		text = "<i>" + r.T("wizard.step", map[string]any{"N": n, "Total": total}) + "</i>\n" + text
	}
	if w.Picker {
		return text, buttons, nil
	}
	text = withReadBack(r, text)
	var nav []quickwin.Button
	if len(c.History) > 0 {
		nav = append(nav, c.Choice("« "+r.T("common.back", nil), navBack))
	}
	if st.Skippable {
		nav = append(nav, c.Choice(r.T("common.skip", nil)+" »", navSkip))
	}
	nav = append(nav, c.Choice("✖ "+r.T("wizard.leave", nil), navCancel))
	return text, append(buttons, nav), nil
}

// position is the form's "Langkah N dari M": N counts the questions
// answered on the way here (each one, also when a part repeats), M adds
// those still ahead on the path the answers so far lead to. So N moves
// with every question, and M grows when the person adds another action
// step. A question with Step 0 (a one-question edit) shows no position.
func (w *Wizard) position(c Conv, st *State) (n, total int, ok bool) {
	if st.Step == 0 {
		return 0, 0, false
	}
	n = len(c.History) + 1
	if w.Path == nil {
		return n, max(n, w.Steps), w.Steps > 0
	}
	path := w.Path(&c)
	i := slices.Index(path, c.State)
	if i < 0 {
		return 0, 0, false
	}
	return n, n + len(path) - 1 - i, true
}

// activeConversation returns the sender's open wizard, nil when there is
// none. A wizard idle for longer than quickwin.ConversationIdle is closed
// and the person told.
func (b *Bot) activeConversation(r *Request) (*Conv, error) {
	conv, err := b.conversations.Conversation(r.Ctx, r.ChatID, r.From.ID)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if w, ok := b.wizards[conv.Wizard]; !ok || b.Now().Sub(conv.UpdatedAt) > quickwin.ConversationIdle {
		if err := b.conversations.DeleteConversation(r.Ctx, r.ChatID, r.From.ID); err != nil {
			return nil, err
		}
		if ok && w.Picker {
			return nil, nil // an old list, not a form: nothing to tell
		}
		_, err := r.Reply(r.T("wizard.timeout", nil), nil)
		return nil, errors.Join(err, errHandled)
	}
	return &Conv{conv}, nil
}

// afterForm has a form's last answer show what comes next once the form
// is closed: a message whose buttons take a typed answer (offerButtons)
// can only be remembered when no form is open. Outside a form it runs at
// once.
func (b *Bot) afterForm(r *Request, show func() error) error {
	if b.openForm(r) == nil {
		return show()
	}
	r.afterForm = show
	return nil
}

// errHandled stops routing after something was already told to the user.
var errHandled = errors.New("handled")

// answerWizard feeds an answer to the current question.
func (b *Bot) answerWizard(r *Request, c *Conv, in Input) error {
	w := b.wizards[c.Wizard]
	st := w.States[c.State]
	switch in.Value {
	case navCancel:
		return b.cancelWizard(r)
	case navBack:
		if n := len(c.History); n > 0 {
			c.State, c.History = c.History[n-1], c.History[:n-1]
			if err := b.conversations.SaveConversation(r.Ctx, c.Conversation); err != nil {
				return err
			}
		}
		return b.ask(r, *c)
	case navSkip:
		if !st.Skippable {
			return staleButton(r)
		}
		in = Input{Skip: true}
	}
	next, err := st.Answer(r, c, in)
	if err != nil {
		if isValidation(err) {
			if _, serr := r.Reply(withReadBack(r, "⚠️ "+b.errorText(r, err)), nil); serr != nil {
				return serr
			}
			return b.ask(r, *c)
		}
		return err
	}
	if next == Finish {
		if err := b.conversations.DeleteConversation(r.Ctx, r.ChatID, r.From.ID); err != nil {
			return err
		}
		if then := r.afterForm; then != nil {
			r.afterForm = nil
			return then()
		}
		return nil
	}
	if next == Handoff {
		return nil
	}
	stayed := next == c.State
	if !stayed {
		c.History = append(c.History, c.State)
		c.State = next
	}
	if !stayed {
		c.Del(quietAck)
	}
	if w.States[c.State].Quiet && len(in.Files) > 0 {
		return b.acknowledgeFiles(r, c, stayed)
	}
	if err := b.conversations.SaveConversation(r.Ctx, c.Conversation); err != nil {
		return err
	}
	if stayed && r.Callback != nil && r.Callback.Message != nil {
		// A pressed choice that keeps the question open (a toggle) redraws
		// the question in place instead of sending it again.
		return b.askIn(r, *c, r.Callback.Message.MessageID)
	}
	return b.ask(r, *c)
}

func isValidation(err error) bool {
	var pe *locales.ParseError
	return errors.As(err, &pe) || quickwin.ErrorCode(err) == quickwin.EINVALID
}

// cancelWizard closes the sender's wizard without storing anything.
func (b *Bot) cancelWizard(r *Request) error {
	conv, err := b.conversations.Conversation(r.Ctx, r.ChatID, r.From.ID)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		_, err := r.Reply(r.T("wizard.nothing_to_cancel", nil), nil)
		return err
	}
	if err != nil {
		return err
	}
	if err := b.conversations.DeleteConversation(r.Ctx, conv.ChatID, conv.UserID); err != nil {
		return err
	}
	_, err = r.Reply(r.T("wizard.left", nil), nil)
	return err
}

// wizardButton handles "w:<state>:<value>" presses.
func (b *Bot) wizardButton(r *Request) error {
	args := r.Action.Args
	if len(args) < 2 {
		return staleButton(r)
	}
	conv, err := b.activeConversation(r)
	if err != nil || conv == nil {
		if errors.Is(err, errHandled) {
			return nil
		}
		if err != nil {
			return err
		}
		return staleButton(r)
	}
	if conv.State != args[0] {
		return staleButton(r)
	}
	r.Answer("")
	// The question is answered: take its buttons away so they cannot be
	// pressed again by mistake.
	if r.Callback.Message != nil {
		b.removeButtons(r.Ctx, r.ChatID, r.Callback.Message.MessageID)
	}
	return b.answerWizard(r, conv, Input{Value: strings.Join(args[1:], ":")})
}

func (b *Bot) removeButtons(ctx context.Context, chatID int64, messageID int) {
	if err := b.Client.RemoveButtons(ctx, chatID, messageID); err != nil {
		b.Log.DebugContext(ctx, "remove buttons", "err", err)
	}
}

// SweepIdle closes wizards idle for longer than quickwin.ConversationIdle
// and tells their owners. The bot runs it periodically.
func (b *Bot) SweepIdle(ctx context.Context) error {
	idle, err := b.conversations.IdleConversations(ctx, b.Now().Add(-quickwin.ConversationIdle), 100)
	if err != nil {
		return err
	}
	for _, c := range idle {
		if err := b.conversations.DeleteConversation(ctx, c.ChatID, c.UserID); err != nil {
			return err
		}
		if w := b.wizards[c.Wizard]; w != nil && w.Picker {
			continue
		}
		lang := locales.Default
		if m, err := b.directory.MemberByTelegramID(ctx, c.UserID); err == nil {
			lang = locales.ParseLang(m.Lang)
		}
		if _, err := b.sendText(ctx, c.ChatID, locales.T(lang, "wizard.timeout", nil), nil); err != nil {
			b.Log.InfoContext(ctx, "could not tell about a timed-out wizard", "chat", c.ChatID, "err", err)
		}
	}
	return nil
}
