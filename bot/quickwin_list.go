package bot

import (
	"slices"
	"strings"

	"quickwin"
	"quickwin/locales"
)

// /daftar (/list): an OPD's quick wins, what needs attention first, a page
// at a time; a button opens one quick win with its steps, recent reports,
// questions and history, and the actions the reader may take. Paging and
// opening edit the message in place.

// listPageSize is how many quick wins one page shows.
const listPageSize = 6

func (b *Bot) cmdList(r *Request) error {
	arg := strings.ToUpper(strings.TrimSpace(r.Args))
	switch {
	case strings.Contains(arg, "-"):
		c, err := b.typedQuickWin(r, arg, quickwin.ActViewOPD)
		if err != nil {
			return err
		}
		return b.showDetail(r, c, c.OPDCode, 0)
	case quickwin.Keyword(arg) == "semua" || quickwin.Keyword(arg) == "all":
		return b.showList(r, allOPDs, 0)
	case quickwin.ValidOPDCode(arg):
		return b.showList(r, arg, 0)
	case r.Member.OPDCode != "":
		return b.showList(r, r.Member.OPDCode, 0)
	}
	return b.pickOPD(r, purposeList)
}

// sortByAttention orders quick wins: late, at risk, on track, done, then
// not started and drafts; then by capaian, lowest first; then by code.
func sortByAttention(cs []quickwin.QuickWin, v qwView) {
	rank := func(c *quickwin.QuickWin) int {
		if c.Status == quickwin.StatusDraft {
			return 4
		}
		return c.StatusAt(v.now).Urgency()
	}
	slices.SortStableFunc(cs, func(a, b quickwin.QuickWin) int {
		if ra, rb := rank(&a), rank(&b); ra != rb {
			return ra - rb
		}
		if ca, cb := a.Capaian(), b.Capaian(); ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// showList shows a page of an OPD's quick wins (allOPDs: every OPD's).
func (b *Bot) showList(r *Request, opd string, page int) error {
	act, filter := quickwin.ActViewOPD, opd
	if opd == allOPDs {
		act, filter = quickwin.ActViewAll, ""
	}
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, act, filter); err != nil {
		return err
	}
	cs, err := b.quickwins.QuickWins(r.Ctx, r.Tenant.ID, quickwin.QuickWinFilter{OPDCode: filter,
		Statuses: []quickwin.Status{quickwin.StatusDraft, quickwin.StatusActive, quickwin.StatusDone}})
	if err != nil {
		return err
	}
	v := b.viewOf(r)
	sortByAttention(cs, v)
	name := r.T("qw.pick.all_opds", nil)
	if opd != allOPDs {
		name = b.opdName(r, opd) + " (" + opd + ")"
	}
	if len(cs) == 0 {
		return r.EditOrReply(r.T("qw.list.empty", map[string]any{"OPD": esc(name)}), nil)
	}
	pages := (len(cs) + listPageSize - 1) / listPageSize
	page = min(max(page, 0), pages-1)
	late, risk := 0, 0
	for i := range cs {
		switch cs[i].StatusAt(v.now) {
		case quickwin.Late:
			late++
		case quickwin.AtRisk:
			risk++
		}
	}
	lines := []string{"<b>" + r.T("qw.list.title", map[string]any{"OPD": esc(name), "N": len(cs)}) + "</b>"}
	if late+risk > 0 {
		lines = append(lines, r.T("qw.list.attention", map[string]any{"Late": late, "AtRisk": risk}))
	}
	var buttons []quickwin.Button
	for i := page * listPageSize; i < min(len(cs), (page+1)*listPageSize); i++ {
		c := &cs[i]
		lines = append(lines, "", v.listItem(c))
		buttons = append(buttons, pressButton(c.Code, press{prefix: pDetail, id: c.ID, opd: opd, page: page}))
	}
	rows := grid(buttons, 3)
	if pages > 1 {
		lines = append(lines, "", "<i>"+r.T("qw.list.page", map[string]any{"N": page + 1, "Total": pages})+"</i>")
		var nav []quickwin.Button
		if page > 0 {
			nav = append(nav, pressButton("« "+r.T("qw.list.prev", nil), press{prefix: pList, opd: opd, page: page - 1}))
		}
		if page < pages-1 {
			nav = append(nav, pressButton(r.T("qw.list.next", nil)+" »", press{prefix: pList, opd: opd, page: page + 1}))
		}
		rows = append(rows, nav)
	}
	dash := "opd/" + opd
	if opd == allOPDs {
		dash = "month"
	}
	rows = append(rows, b.dashboardButtons(r, dash)...)
	return r.EditOrReply(strings.Join(lines, "\n"), rows)
}

// listItem is a quick win's two lines in the list.
func (v qwView) listItem(c *quickwin.QuickWin) string {
	if c.Status == quickwin.StatusDraft {
		return "📝 <b>" + esc(c.Code) + "</b> " + esc(truncate(c.Title, 60)) + "\n    " + v.T("qw.status.draft", nil)
	}
	if c.StatusAt(v.now) == quickwin.NotStarted {
		return "⏳ <b>" + esc(c.Code) + "</b> " + esc(truncate(c.Title, 60)) + "\n    " + v.notStarted(c)
	}
	pct := c.Capaian()
	mark := quickwin.CategoryOf(pct).Emoji()
	if c.StatusAt(v.now) == quickwin.Done {
		mark = "✅"
	}
	// The colour leads the line; its word follows the bar (SPEC §5).
	return mark + " <b>" + esc(c.Code) + "</b> " + esc(truncate(c.Title, 60)) + "\n    " + v.bar(pct) + " · " +
		v.T("category."+string(quickwin.CategoryOf(pct)), nil) + " · " + v.T("status."+string(c.StatusAt(v.now)), nil)
}

// listButton handles ls:<opd|*>:<page>.
func (b *Bot) listButton(r *Request, p press) error { return b.showList(r, p.opd, p.page) }

// detailButton handles qw:<commitment>:<opd|*>:<page>.
func (b *Bot) detailButton(r *Request, p press) error {
	c, err := b.loadQuickWin(r, p.id, quickwin.ActViewOPD)
	if err != nil {
		return err
	}
	return b.showDetail(r, c, p.opd, p.page)
}

// Bounds of the detail view, which must fit one message.
const (
	detailSteps     = 15
	detailReports   = 3
	detailQuestions = 3
	detailHistory   = 6
)

// showDetail shows one quick win; "back" returns to the list page it came from.
func (b *Bot) showDetail(r *Request, c *quickwin.QuickWin, backOPD string, backPage int) error {
	v := b.viewOf(r)
	opdName := b.opdName(r, c.OPDCode)
	// The quick win's own copies of its reports and history, read by its
	// id: on the embedded database a filtered read scans every report and
	// the whole audit log (the dashboard reads the same copies).
	reps, err := b.quickwins.QuickWinReports(r.Ctx, c)
	if err != nil {
		return err
	}
	reps = reps[:min(detailReports, len(reps))]
	qs, err := b.quickwins.Questions(r.Ctx, r.Tenant.ID, c.ID)
	if err != nil {
		return err
	}
	audit, err := b.quickwins.QuickWinHistory(r.Ctx, r.Tenant.ID, c.ID)
	if err != nil {
		return err
	}
	name := b.nameOf(r)
	text := fitSections(v, []string{
		v.card(c, opdName) + v.description(c),
		v.steps(c, detailSteps),
		v.reportsSection(c, reps, name),
		v.questionsSection(qs, name),
		v.historySection(audit, name),
	})
	return r.EditOrReply(text, b.detailButtons(r, c, qs, backOPD, backPage))
}

// detailButtons are the actions the reader may take on the quick win.
func (b *Bot) detailButtons(r *Request, c *quickwin.QuickWin, qs []quickwin.Question, backOPD string, backPage int) [][]quickwin.Button {
	may := func(act quickwin.Action) bool {
		return quickwin.Authorize(r.Member, r.Tenant.ID, act, c.OPDCode) == nil
	}
	var rows [][]quickwin.Button
	var work []quickwin.Button
	if c.Status == quickwin.StatusActive && may(quickwin.ActReport) {
		work = append(work, pressButton("📝 "+r.T("qw.detail.report", nil), press{prefix: pReport, id: c.ID}))
	}
	if planEditable(c) && may(quickwin.ActEditSteps) {
		work = append(work, pressButton("🗂 "+r.T("qw.plan.title", nil), press{prefix: pPlan, act: 'v', id: c.ID}))
	}
	if len(work) > 0 {
		rows = append(rows, work)
	}
	if planEditable(c) && may(quickwin.ActEditQuickWin) {
		var edit []quickwin.Button
		if c.Kind == quickwin.KindNumeric {
			edit = append(edit, pressButton("🎯 "+r.T("qw.change.target", nil), press{prefix: pChange, act: 't', id: c.ID}))
		}
		edit = append(edit, pressButton("📅 "+r.T("qw.change.deadline", nil), press{prefix: pChange, act: 'd', id: c.ID}))
		rows = append(rows, edit, textEditButtons(r, c))
		last := []quickwin.Button{pressButton("✖ "+r.T("qw.change.cancel", nil), press{prefix: pChange, act: 'x', id: c.ID})}
		if c.Status == quickwin.StatusDraft {
			last = append([]quickwin.Button{pressButton("▶️ "+r.T("qw.change.activate", nil), press{prefix: pChange, act: 'a', id: c.ID})}, last...)
		}
		rows = append(rows, last)
	}
	if c.Status != quickwin.StatusCancelled && may(quickwin.ActAsk) {
		rows = append(rows, []quickwin.Button{pressButton("❓ "+r.T("qw.question.ask_button", nil), press{prefix: pAsk, id: c.ID})})
	}
	if may(quickwin.ActAnswer) {
		for _, q := range qs {
			if q.AnsweredBy == "" {
				rows = append(rows, []quickwin.Button{pressButton("💬 "+r.T("qw.question.answer_button", nil), press{prefix: pAnswer, id: q.ID})})
				break
			}
		}
	}
	if backOPD == "" {
		backOPD = c.OPDCode
	}
	return append(rows, []quickwin.Button{pressButton("« "+r.T("qw.detail.back", nil), press{prefix: pList, opd: backOPD, page: backPage})})
}

// reportsSection lists the latest reports with their verification state.
func (v qwView) reportsSection(c *quickwin.QuickWin, reps []quickwin.Report, name func(string) string) string {
	if len(reps) == 0 {
		return ""
	}
	lines := []string{"<b>" + v.T("qw.detail.reports", nil) + "</b>"}
	for i := range reps {
		rep := &reps[i]
		line := "• " + v.dateShort(rep.CreatedAt) + " · " + v.reportValue(c, rep) + " · " + stateIcon[rep.State] + " " + v.T("qw.state."+string(rep.State), nil)
		if n := name(rep.ReporterID); n != "" {
			line += " · " + esc(n)
		}
		if rep.State == quickwin.VerifyReturned && rep.Reason != "" {
			line += "\n   " + v.T("qw.detail.reason", map[string]any{"Reason": esc(truncate(rep.Reason, 150))})
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

var stateIcon = map[quickwin.VerifyState]string{quickwin.VerifyPending: "⏳", quickwin.VerifyVerified: "✅", quickwin.VerifyReturned: "↩️"}

// questionsSection lists the latest questions and their answers.
func (v qwView) questionsSection(qs []quickwin.Question, name func(string) string) string {
	if len(qs) == 0 {
		return ""
	}
	lines := []string{"<b>" + v.T("qw.detail.questions", nil) + "</b>"}
	for _, q := range qs[max(0, len(qs)-detailQuestions):] {
		lines = append(lines, "❓ <b>"+esc(name(q.AskedBy))+"</b> ("+v.dateShort(q.AskedAt)+"): "+esc(truncate(q.Text, 150)))
		if q.AnsweredBy == "" {
			lines = append(lines, "   ⏳ "+v.T("qw.detail.unanswered", nil))
		} else {
			lines = append(lines, "   💬 <b>"+esc(name(q.AnsweredBy))+"</b>: "+esc(truncate(q.Answer, 150)))
		}
	}
	return strings.Join(lines, "\n")
}

// historySection lists the latest changes, newest first, with who made
// them and why.
func (v qwView) historySection(audit []quickwin.AuditEntry, name func(string) string) string {
	if len(audit) == 0 {
		return ""
	}
	lines := []string{"<b>" + v.T("qw.detail.history", nil) + "</b>"}
	for i := len(audit) - 1; i >= 0 && i >= len(audit)-detailHistory; i-- {
		e := audit[i]
		line := "• " + v.dateShort(e.At) + " · " + esc(locales.AuditAction(v.lang, e.Action))
		if n := name(e.ActorID); n != "" {
			line += " · " + esc(n)
		}
		if e.Reason != "" {
			line += "\n   " + v.T("qw.detail.reason", map[string]any{"Reason": esc(truncate(e.Reason, 150))})
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
