package bot

import (
	"slices"
	"strconv"

	"quickwin"
)

// /verifikasi (/verify): an admin goes through the pending reports one at a
// time, oldest first, each with its evidence shown again, and verifies it
// or returns it with a reason. The reporter and the OPD's head are told;
// a returned report comes with a "Perbaiki" button (fx:<report>).

const returnWizard = "qw_return"

func (b *Bot) cmdVerify(r *Request) error { return b.showPending(r, "", false) }

// showPending shows the pending report with id (with next: the one after
// it), or the oldest when there is no such pending report.
func (b *Bot) showPending(r *Request, id string, next bool) error {
	reps, err := b.progress.Reports(r.Ctx, r.Tenant.ID, quickwin.ReportFilter{State: quickwin.VerifyPending})
	if err != nil {
		return err
	}
	if len(reps) == 0 {
		_, err := r.Reply(r.T("qw.verify.none", nil), nil)
		return err
	}
	slices.Reverse(reps) // oldest first: whoever waited longest goes first
	i := 0
	for j := range reps {
		if reps[j].ID == id {
			i = j
			if next {
				i++
			}
		}
	}
	if i == len(reps) {
		i = 0 // skipped past the newest: start again from the oldest
	}
	return b.showReport(r, &reps[i], i+1, len(reps))
}

// showReport sends a pending report's evidence and then its card with the
// verification buttons, so the buttons sit under what they are about.
func (b *Bot) showReport(r *Request, rep *quickwin.Report, n, total int) error {
	c, err := b.progress.QuickWin(r.Ctx, r.Tenant.ID, rep.QuickWinID)
	if err != nil {
		return err
	}
	text := b.reportCard(r, c, rep) + "\n" + r.T("qw.verify.position", map[string]any{"N": n, "Total": total})
	if len(rep.Evidence) > 0 && !b.sendEvidence(r, rep.Evidence, r.T("qw.verify.evidence_caption", map[string]any{"Code": esc(c.Code)})) {
		text += "\n⚠️ " + r.T("qw.verify.evidence_failed", nil)
	}
	rows := [][]quickwin.Button{{
		pressButton("✅ "+r.T("qw.verify.verify", nil), press{prefix: pVerify, act: 'v', id: rep.ID}),
		pressButton("↩️ "+r.T("qw.verify.return", nil), press{prefix: pVerify, act: 'r', id: rep.ID}),
	}}
	if total > 1 {
		rows = append(rows, []quickwin.Button{pressButton("⏭ "+r.T("qw.verify.skip", nil), press{prefix: pVerify, act: 'n', id: rep.ID})})
	}
	// Below the evidence; "verifikasi" or "lewati" typed works too.
	return b.offerButtonsBelow(r, text, rows)
}

// reportCard describes a report for the verifier: OPD, reporter, date,
// what it says and the capaian it gives.
func (b *Bot) reportCard(r *Request, c *quickwin.QuickWin, rep *quickwin.Report) string {
	v := b.viewOf(r)
	opd := b.opdName(r, c.OPDCode) + " (" + c.OPDCode + ")"
	return "<b>" + r.T("qw.verify.title", nil) + "</b>\n" + r.T("qw.verify.by", map[string]any{
		"OPD": esc(opd), "Name": esc(b.nameOf(r)(rep.ReporterID)), "Date": v.date(rep.CreatedAt),
	}) + "\n" + v.reportLines(c, rep)
}

// verifyButton handles vf:<o|v|r|n>:<report>.
func (b *Bot) verifyButton(r *Request, p press) error {
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActVerify, ""); err != nil {
		return err
	}
	rep, err := b.progress.Report(r.Ctx, r.Tenant.ID, p.id)
	if err != nil {
		return err
	}
	if rep.State != quickwin.VerifyPending && p.act != 'n' {
		return quickwin.Errorf(quickwin.ECONFLICT, "report %s is %s", rep.ID, rep.State).WithKey("qw.verify.not_pending", map[string]any{"State": r.T("qw.state."+string(rep.State), nil)})
	}
	switch p.act {
	case 'o':
		return b.showPending(r, rep.ID, false)
	case 'n':
		if r.Callback.Message != nil {
			b.removeButtons(r.Ctx, r.ChatID, r.Callback.Message.MessageID)
		}
		return b.showPending(r, rep.ID, true)
	case 'r':
		return b.startWizard(r, returnWizard, map[string]string{"rid": rep.ID})
	}
	rep, err = b.progress.VerifyReport(r.Ctx, r.Member, r.Tenant.ID, rep.ID)
	if err != nil {
		return err
	}
	c, err := b.progress.QuickWin(r.Ctx, r.Tenant.ID, rep.QuickWinID)
	if err != nil {
		return err
	}
	if err := r.EditOrReply(b.reportCard(r, c, rep)+"\n\n✅ "+r.T("qw.verify.verified", nil), nil); err != nil {
		return err
	}
	b.tellOfVerification(r, c, rep)
	return b.showPending(r, "", false)
}

func (b *Bot) returnReasonWizard() *Wizard {
	return &Wizard{Name: returnWizard, First: "why", States: map[string]*State{
		"why": {
			Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
				rep, err := b.progress.Report(r.Ctx, r.Tenant.ID, c.Get("rid"))
				if err != nil {
					return "", nil, err
				}
				code := rep.OPDCode
				if qw, err := b.progress.QuickWin(r.Ctx, r.Tenant.ID, rep.QuickWinID); err == nil {
					code = qw.Code
				}
				return r.T("qw.verify.ask.reason", map[string]any{"Code": esc(code)}), nil, nil
			},
			Answer: func(r *Request, c *Conv, in Input) (string, error) {
				rep, err := b.progress.ReturnReport(r.Ctx, r.Member, r.Tenant.ID, c.Get("rid"), in.Text)
				if quickwin.ErrorCode(err) == quickwin.EINVALID {
					return "", err
				}
				if err != nil {
					return b.endWizard(r, err)
				}
				qw, err := b.progress.QuickWin(r.Ctx, r.Tenant.ID, rep.QuickWinID)
				if err != nil {
					return "", err
				}
				if _, err := r.Reply("↩️ "+r.T("qw.verify.returned", map[string]any{"Code": esc(qw.Code)}), nil); err != nil {
					return "", err
				}
				b.tellOfVerification(r, qw, rep)
				return Finish, b.showPending(r, "", false)
			},
		},
	}}
}

// tellOfVerification tells the reporter and the OPD's head how a report
// was judged; a returned report comes with the button that corrects it.
func (b *Bot) tellOfVerification(r *Request, c *quickwin.QuickWin, rep *quickwin.Report) {
	heads, err := b.opdHeads(r, c.OPDCode)
	if err != nil {
		b.Log.WarnContext(r.Ctx, "heads not read: verification not told", "report", rep.ID, "err", err)
	}
	to := b.recipients(r, []string{rep.ReporterID}, heads)
	key := "notify/verified/" + rep.ID
	if rep.State == quickwin.VerifyReturned {
		key = "notify/returned/" + rep.ID + "/" + strconv.FormatInt(rep.VerifiedAt.UnixMilli(), 10)
	}
	b.notifyMembers(r, key, to, func(v qwView) (string, [][]quickwin.Button) {
		data := map[string]any{"Date": v.date(rep.CreatedAt), "Reason": esc(rep.Reason)}
		if rep.State == quickwin.VerifyVerified {
			return v.T("qw.notify.verified", data) + "\n" + v.reportLines(c, rep), nil
		}
		return v.T("qw.notify.returned", data) + "\n" + v.reportLines(c, rep),
			[][]quickwin.Button{{pressButton("🔧 "+v.T("qw.correct.button", nil), press{prefix: pCorrect, id: rep.ID})}}
	})
}
