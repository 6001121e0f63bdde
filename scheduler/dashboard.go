package scheduler

import "quickwin"

// The monthly digest carries a Mini App button to the month's dashboard
// page when Config.DashboardURL is set (QW_PUBLIC_URL); otherwise nothing
// changes. Digests go to private chats, where Telegram allows web_app.

// dashboardRow is the digest's button to page, or nil without a dashboard.
func (j *Jobs) dashboardRow(text, page string) [][]quickwin.Button {
	if j.DashboardURL == "" {
		return nil
	}
	return [][]quickwin.Button{{{Text: text, WebApp: j.DashboardURL + page}}}
}

// withButtonsOnLastText puts buttons on the last text part of a document's
// messages (before the chart and the file).
func withButtonsOnLastText(msgs []quickwin.OutboxMessage, buttons [][]quickwin.Button) []quickwin.OutboxMessage {
	last := -1
	for i, m := range msgs {
		if len(m.Photo) == 0 && len(m.File) == 0 {
			last = i
		}
	}
	if last >= 0 && buttons != nil {
		msgs[last].Buttons = buttons
	}
	return msgs
}

// webAppMarkup is an inline keyboard as Telegram's JSON, for keyboards
// with a web_app button, which tgbotapi v5.5.1's InlineKeyboardButton
// lacks; nil when rows have none (tgbotapi's keyboard then serves).
func webAppMarkup(rows [][]quickwin.Button) any {
	type webApp struct {
		URL string `json:"url"`
	}
	type button struct {
		Text         string  `json:"text"`
		CallbackData string  `json:"callback_data,omitempty"`
		URL          string  `json:"url,omitempty"`
		WebApp       *webApp `json:"web_app,omitempty"`
	}
	has := false
	var kb [][]button
	for _, row := range rows {
		var r []button
		for _, b := range row {
			switch {
			case b.WebApp != "":
				has = true
				r = append(r, button{Text: b.Text, WebApp: &webApp{URL: b.WebApp}})
			case b.URL != "":
				r = append(r, button{Text: b.Text, URL: b.URL})
			default:
				r = append(r, button{Text: b.Text, CallbackData: b.Data})
			}
		}
		kb = append(kb, r)
	}
	if !has {
		return nil
	}
	return map[string]any{"inline_keyboard": kb}
}
