package scheduler

import (
	"strconv"
	"unicode/utf8"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// priorityScheduled is the outbox priority of everything the scheduler
// queues: after interactive notices (0), which a person is waiting for.
const priorityScheduled = 10

// langOf is the language to address a member in.
func langOf(m *quickwin.Member, t *quickwin.Tenant) locales.Lang {
	if m != nil && m.Lang != "" {
		return locales.ParseLang(m.Lang)
	}
	return locales.ParseLang(t.Lang)
}

// esc escapes dynamic text for Telegram's HTML parse mode.
func esc(s string) string { return telegram.Escape(s) }

// toMember addresses a message to a member's private chat.
func toMember(t *quickwin.Tenant, m *quickwin.Member, key, text string, buttons [][]quickwin.Button) quickwin.OutboxMessage {
	return quickwin.OutboxMessage{
		Key: key, TenantID: t.ID, ChatID: m.TelegramID, MemberID: m.ID,
		Text: text, Buttons: buttons, Priority: priorityScheduled,
	}
}

// button makes a callback button with the one button codec, or reports
// false when the data would not fit (the message then goes without it).
func button(text, kind string, args ...string) (quickwin.Button, bool) {
	data, err := telegram.Encode(kind, args...)
	if err != nil {
		return quickwin.Button{}, false
	}
	return quickwin.Button{Text: text, Data: data}, true
}

// reportButton opens the report wizard for a quick win (the bot handles it).
func reportButton(lang locales.Lang, commitmentID string) [][]quickwin.Button {
	if b, ok := button(locales.T(lang, "scheduler.button.report", nil), telegram.KindReport, commitmentID); ok {
		return [][]quickwin.Button{{b}}
	}
	return nil
}

// stepDoneButton marks a step done (the bot handles it).
func stepDoneButton(lang locales.Lang, commitmentID, stepID string) [][]quickwin.Button {
	if b, ok := button(locales.T(lang, "scheduler.button.step_done", nil), telegram.KindStepDone, commitmentID, stepID); ok {
		return [][]quickwin.Button{{b}}
	}
	return nil
}

// commitmentButtonText labels a button for a quick win: its code and the
// start of its title, short enough for a phone screen.
func commitmentButtonText(c *quickwin.QuickWin) string {
	const max = 40
	s := c.Code + " · " + c.Title
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// documentMessages turns a rendered Document into messages for one chat:
// each text part, then the chart as a photo, then the file, keyed
// key/p<i>, key/chart and key/file, in that order.
func documentMessages(base quickwin.OutboxMessage, doc *quickwin.Document, chartCaption, fileCaption string) []quickwin.OutboxMessage {
	var out []quickwin.OutboxMessage
	key := base.Key
	for i, p := range doc.Parts {
		m := base
		m.Key, m.Text = key+"/p"+strconv.Itoa(i+1), p
		out = append(out, m)
	}
	if len(doc.Chart) > 0 {
		m := base
		m.Key, m.Text, m.Photo = key+"/chart", chartCaption, doc.Chart
		out = append(out, telegram.SplitLongCaption(m)...)
	}
	if len(doc.File) > 0 {
		m := base
		m.Key, m.Text, m.File, m.FileName = key+"/file", fileCaption, doc.File, doc.FileName
		out = append(out, telegram.SplitLongCaption(m)...)
	}
	return out
}
