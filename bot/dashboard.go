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
