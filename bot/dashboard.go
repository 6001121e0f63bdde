package bot

import (
	"net/url"

	"quickwin"
)

// The dashboard (Mini App) is offered under /ringkasan and /daftar when
// Config.DashboardURL is set (QW_PUBLIC_URL); otherwise nothing changes.
// Telegram allows web_app buttons in private chats only.

// dashboardButtons is a row with one Mini App button opening page (a path
// under the dashboard, e.g. "month?m=2027-03"), or nil when there is no
// dashboard or the chat is a group.
func (b *Bot) dashboardButtons(r *Request, page string) [][]quickwin.Button {
	if b.DashboardURL == "" || !r.Private() {
		return nil
	}
	return [][]quickwin.Button{{{Text: r.T("dash.button.open", nil), WebApp: b.DashboardURL + page}}}
}

// dashboardMonthPage is the dashboard page of a month for the member: the
// tenant's month for those who see every OPD, their OPD's otherwise.
func dashboardMonthPage(r *Request, monthKey string) string {
	q := "?m=" + url.QueryEscape(monthKey)
	if quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActViewAll, "") == nil {
		return "month" + q
	}
	return "opd/" + url.PathEscape(r.Member.OPDCode) + q
}

// webAppMarkup is an inline keyboard as Telegram's JSON, for keyboards
// with a web_app button: tgbotapi v5.5.1's InlineKeyboardButton has no
// web_app field. Only messages sent new carry it (sendText); an edit keeps
// tgbotapi's keyboard, which leaves Mini App buttons out.
type webAppMarkup struct {
	InlineKeyboard [][]webAppButton `json:"inline_keyboard"`
}

type webAppButton struct {
	Text         string      `json:"text"`
	CallbackData string      `json:"callback_data,omitempty"`
	URL          string      `json:"url,omitempty"`
	WebApp       *webAppInfo `json:"web_app,omitempty"`
}

type webAppInfo struct {
	URL string `json:"url"`
}

// webAppKeyboard returns the keyboard with its web_app buttons, or nil
// when it has none (tgbotapi's keyboard() then serves).
func webAppKeyboard(rows [][]quickwin.Button) *webAppMarkup {
	has := false
	out := &webAppMarkup{}
	for _, row := range rows {
		var r []webAppButton
		for _, btn := range row {
			switch {
			case btn.WebApp != "":
				has = true
				r = append(r, webAppButton{Text: btn.Text, WebApp: &webAppInfo{URL: btn.WebApp}})
			case btn.URL != "":
				r = append(r, webAppButton{Text: btn.Text, URL: btn.URL})
			default:
				r = append(r, webAppButton{Text: btn.Text, CallbackData: btn.Data})
			}
		}
		if len(r) > 0 {
			out.InlineKeyboard = append(out.InlineKeyboard, r)
		}
	}
	if !has {
		return nil
	}
	return out
}
