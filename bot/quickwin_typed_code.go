package bot

import (
	"strings"

	"quickwin"
)

// A quick win's code typed on its own, outside any form or list
// ("DINKES-01"), opens the quick win as /daftar DINKES-01 would, with the
// buttons of what the sender may do there, instead of "Saya belum mengerti
// pesan itu".

// typedCode shows the quick win whose code is the whole text; false when
// the text is not such a code (or names nothing the sender may see).
func (b *Bot) typedCode(r *Request) (bool, error) {
	code := strings.ToUpper(strings.TrimSpace(r.Text))
	if r.Member == nil || !strings.Contains(code, "-") || strings.ContainsAny(code, " \n") || len(code) > 40 {
		return false, nil
	}
	c, err := b.quickwins.QuickWinByCode(r.Ctx, r.Tenant.ID, code)
	if err != nil {
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			return false, nil
		}
		return false, err
	}
	if quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActViewOPD, c.OPDCode) != nil {
		return false, nil
	}
	return true, b.showDetail(r, c, c.OPDCode, 0)
}
