package bot

import (
	"quickwin"
)

// Summaries with nothing in them and summaries that take a while: an
// empty /ringkasan answers in one line (no empty chart, no table of
// zeros), and while a chart or a workbook is being made the chat shows
// "mengirim foto…" / "mengirim berkas…", so nobody taps the command twice.

// showWork shows a chat action (telegram.ActionUploadPhoto, …) until the
// next message; it is a courtesy, so a failure is only logged.
func (b *Bot) showWork(r *Request, action string) {
	if err := b.Client.ChatAction(r.Ctx, r.ChatID, action); err != nil {
		b.Log.DebugContext(r.Ctx, "chat action", "action", action, "err", err)
	}
}

// nothingToSummarize answers in one line when no quick win is running or
// done in the summary's scope (the whole tenant, or the sender's OPD), and
// reports whether it did.
func (b *Bot) nothingToSummarize(r *Request, opd string) (bool, error) {
	// The OPDs' summaries, which the summary itself reads next: no scan of
	// every quick win just to learn there is something to show.
	cs, err := b.overview.TrackedQuickWinsSummarised(r.Ctx, r.Tenant.ID, opd, quickwin.StatusActive, quickwin.StatusDone)
	if err != nil || len(cs) > 0 {
		return false, err
	}
	key := "overview.empty"
	if r.Is(quickwin.RoleAdmin, quickwin.RoleHead) {
		key = "overview.empty_make" // they can make one
	}
	_, err = r.Reply(r.T(key, map[string]any{"OPD": esc(opd)}), nil)
	return true, err
}
