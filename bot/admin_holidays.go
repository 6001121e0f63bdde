package bot

import (
	"context"
	"errors"
	"quickwin"
	"quickwin/telegram"
)

// holidayWizard takes the yearly holiday file (national holidays and cuti
// bersama) that an admin uploads: a CSV with a date column or one date per
// line. The scheduler moves what falls on those days to the working day
// before.
const holidaysWizard = "holidays"

func (b *Bot) holidayWizard() *Wizard {
	return &Wizard{Name: holidaysWizard, First: "file", States: map[string]*State{
		"file": {
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				return r.T("holidays.ask", nil), nil, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				if len(in.Files) == 0 || in.Files[0].Kind != "document" {
					return "", quickwin.Errorf(quickwin.EINVALID, "no file").WithKey("holidays.need_file", nil)
				}
				data, err := b.download(r.Ctx, in.Files[0].FileID)
				if err != nil {
					return "", err
				}
				if b.ParseHolidays == nil {
					return "", quickwin.Errorf(quickwin.EINTERNAL, "no holiday parser configured")
				}
				days, err := b.ParseHolidays(data)
				if err != nil {
					// The parser says what is wrong with a locale key; its
					// English text never reaches the admin.
					var qe *quickwin.Error
					if errors.As(err, &qe) && qe.Key != "" {
						return "", qe
					}
					return "", quickwin.Errorf(quickwin.EINVALID, "%v", err).WithKey("holidays.error.unreadable", nil)
				}
				if err := b.admin.SetHolidays(r.Ctx, r.Member, r.Tenant.ID, days); err != nil {
					return "", err
				}
				b.forgetTenant(r.Tenant.ID)
				_, err = r.Reply(r.T("holidays.saved", map[string]any{"N": len(days)}), nil)
				return Finish, err
			},
		},
	}}
}

// maxDownload bounds an uploaded file the bot reads (holiday lists are tiny).
const maxDownload = 1 << 20

// download fetches a file people sent, through the configured file endpoint.
func (b *Bot) download(ctx context.Context, fileID string) ([]byte, error) {
	data, err := b.Client.Download(ctx, fileID, maxDownload)
	if errors.Is(err, telegram.ErrTooLarge) {
		return nil, quickwin.Errorf(quickwin.EINVALID, "file too large").WithKey("holidays.too_large", nil)
	}
	return data, err
}
