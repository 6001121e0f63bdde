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
