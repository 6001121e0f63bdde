package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Some messages offer buttons that people often answer by typing instead:
// /bahasa ("English"), the plan's step numbers ("2"), the verifier's card
// ("verifikasi", "kembalikan", "lewati"). offerButtons remembers such a
// keyboard as a small picker (Wizard.Picker), so that the next typed
// message is read as a press of the button it names: the button's words
// without emoji, a word of at least three letters in them, or its number.
// Text that names no button is not an answer to them: the offer is closed
// and the text goes on as if nothing were open (a quick-win code, a
// workbook, or the hint). A form that is open keeps priority.

const offerWizardName = "offer"

// offerMinTyped is how many letters a partial answer needs ("tam" for
// "➕ Tambah langkah"); a whole button's words always do ("1", "English").
const offerMinTyped = 3

// offerWizard reads a typed answer against the offered buttons; it never
// asks anything itself (the offer is the question).
func (b *Bot) offerWizard() *Wizard {
	return &Wizard{Name: offerWizardName, First: "b", Picker: true, States: map[string]*State{"b": {
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			var rows [][]quickwin.Button
			getJSON(c, "rows", &rows)
			return r.T("offer.choose", nil), rows, nil
		},
		Answer: b.answerOffer,
	}}}
}

// offerButtons shows text with its buttons in place of a pressed message
// (or anew) and remembers them for a typed answer.
func (b *Bot) offerButtons(r *Request, text string, rows [][]quickwin.Button) error {
	if err := b.rememberOffer(r, rows); err != nil {
		return err
	}
	return r.EditOrReply(text, rows)
}

// offerButtonsBelow is offerButtons with a new message, below what was
// just sent (the evidence of a report to verify).
func (b *Bot) offerButtonsBelow(r *Request, text string, rows [][]quickwin.Button) error {
	if err := b.rememberOffer(r, rows); err != nil {
		return err
	}
	_, err := r.Reply(text, rows)
	return err
}

func (b *Bot) rememberOffer(r *Request, rows [][]quickwin.Button) error {
	if !r.Private() || r.Member == nil || b.openForm(r) != nil {
		return nil
	}
	conv := &quickwin.Conversation{ChatID: r.ChatID, UserID: r.From.ID, Wizard: offerWizardName, State: "b"}
	setJSON(&Conv{conv}, "rows", rows)
	return b.conversations.SaveConversation(r.Ctx, conv)
}

// answerOffer presses the button the typed text names, or hands the text
// on to what typed text means without an offer.
func (b *Bot) answerOffer(r *Request, c *Conv, in Input) (string, error) {
	var rows [][]quickwin.Button
	getJSON(c, "rows", &rows)
	if data, ok := typedButton(rows, in.Text); ok && len(in.Files) == 0 {
		return b.handOff(r, func() error { return b.pressTyped(r, data) })
	}
	return b.handOff(r, func() error { return b.routeUnanswered(r) })
}

// typedButton finds the one button typed text names.
func typedButton(rows [][]quickwin.Button, typed string) (string, bool) {
	words := quickwin.Keyword(typed)
	if words == "" {
		return "", false
	}
	var partial []string
	for _, row := range rows {
		for _, btn := range row {
			label := quickwin.Keyword(btn.Text)
			switch {
			case label == words:
				return btn.Data, true
			case utf8.RuneCountInString(words) >= offerMinTyped && containsWord(label, words):
				partial = append(partial, btn.Data)
			}
		}
	}
	if len(partial) == 1 {
		return partial[0], true
	}
	return "", false
}

// containsWord: label holds words, and words is not a number (a typed "1"
// is step 1, never part of "12" or of a code like DINKES-01).
func containsWord(label, words string) bool {
	if _, err := strconv.Atoi(words); err == nil {
		return false
	}
	return strings.Contains(label, words)
}

// pressTyped handles data as if its button had been pressed: there is no
// callback to answer, and what it shows is sent anew.
func (b *Bot) pressTyped(r *Request, data string) error {
	action, err := b.buttons.Decode(data)
	if err != nil {
		return err
	}
	r.Callback = &tgbotapi.CallbackQuery{From: r.From, Data: data}
	r.answered = true
	r.Action = action
	return b.callbacks[action.Kind](r)
}
