package bot

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"quickwin"
	"quickwin/locales"
	"quickwin/telegram"
)

// An administrator loads the Bappeda's workbook of quick wins: /templat
// sends the workbook to fill in; the filled workbook sent as a document
// gets a preview with Save and Cancel; Save makes the whole import visible
// at once (quickwin.Importer stages it). A file with problems comes back
// marked, with the problems listed in the chat.

// registerImport adds /templat and the Save/Cancel buttons.
func (b *Bot) registerImport() {
	b.addCommand(&command{id: "template", names: names("templat", "template"), roles: admins, handle: b.cmdTemplate})
	b.addCallback("imp", b.importButton, quickwin.RoleAdmin)
}

// problemsInChat is how many problems the chat message lists; the marked
// workbook holds all of them.
const problemsInChat = 15

// cmdTemplate sends the workbook to fill in.
func (b *Bot) cmdTemplate(r *Request) error {
	if b.Importer == nil {
		_, err := r.Reply(r.T("import.bot.unavailable", nil), nil)
		return err
	}
	file, err := b.Importer.Template(r.Ctx, r.Tenant.ID, string(r.Lang))
	if err != nil {
		return err
	}
	return b.sendDocument(r, &quickwin.Document{File: file, FileName: r.T("import.bot.template_file", nil)}, r.T("import.bot.template_caption", nil))
}

// importDocument takes a workbook an admin sends outside any conversation.
// It reports false for every other message, which the router then
// answers as before.
func (b *Bot) importDocument(r *Request) (bool, error) {
	m := r.Update.Message
	if m == nil || m.Document == nil || !r.Is(quickwin.RoleAdmin) || b.Importer == nil {
		return false, nil
	}
	ext := strings.ToLower(filepath.Ext(m.Document.FileName))
	isSheet := ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || strings.Contains(m.Document.MimeType, "spreadsheet") || strings.Contains(m.Document.MimeType, "excel")
	if !isSheet {
		return false, nil
	}
	if ext == ".xls" {
		_, err := r.Reply(r.T("import.not_workbook", nil), nil)
		return true, err
	}
	if m.Document.FileSize > quickwin.MaxImportFile {
		_, err := r.Reply(r.T("import.too_large", map[string]any{"MB": quickwin.MaxImportFile >> 20}), nil)
		return true, err
	}
	data, err := b.downloadWorkbook(r.Ctx, m.Document.FileID)
	if err != nil {
		return true, err
	}
	p, err := b.Importer.Preview(r.Ctx, r.Member, r.Tenant.ID, string(r.Lang), data)
	if err != nil {
		return true, err
	}
	name := esc(m.Document.FileName)
	summary := esc(locales.T(r.Lang, "import.summary", summaryData(p.Summary)))
	switch {
	case len(p.Problems) > 0:
		return true, b.replyProblems(r, p, m.Document.FileName)
	case p.ID == "":
		_, err = r.Reply(r.T("import.bot.nothing", map[string]any{"File": name, "Summary": summary}), nil)
		return true, err
	}
	if codes := p.Summary.ChangedCodes; len(codes) > 0 {
		more := ""
		if n := p.Summary.Changed - len(codes); n > 0 {
			more = r.T("import.bot.changed_more", map[string]any{"N": n})
		}
		summary += "\n" + r.T("import.bot.changed", map[string]any{"Codes": esc(strings.Join(codes, ", ")), "More": more})
	}
	_, err = r.Reply(r.T("import.bot.preview", map[string]any{
		"File": name, "Summary": summary, "Until": locales.FormatTime(r.Lang, p.Expires.In(r.Tenant.Location())),
	}), [][]quickwin.Button{{
		{Text: r.T("import.bot.save", nil), Data: cb("imp", "s", p.ID)},
		{Text: r.T("import.bot.cancel", nil), Data: cb("imp", "c", p.ID)},
	}})
	return true, err
}

// replyProblems lists the first problems and sends the marked workbook.
func (b *Bot) replyProblems(r *Request, p *quickwin.ImportPreview, fileName string) error {
	var lines []string
	for i, line := range p.Lines {
		if i == problemsInChat {
			break
		}
		lines = append(lines, "• "+esc(line))
	}
	text := locales.TPlural(r.Lang, "import.bot.problems", p.Summary.Problems, map[string]any{"N": p.Summary.Problems, "File": esc(fileName)}) + "\n" + strings.Join(lines, "\n")
	if more := p.Summary.Problems - len(lines); more > 0 {
		text += "\n" + r.T("import.bot.more_problems", map[string]any{"N": more})
	}
	if _, err := r.Reply(text, nil); err != nil {
		return err
	}
	if len(p.Marked) == 0 {
		return nil
	}
	marked := strings.TrimSuffix(fileName, filepath.Ext(fileName)) + r.T("import.bot.marked_suffix", nil) + ".xlsx"
	return b.sendDocument(r, &quickwin.Document{File: p.Marked, FileName: marked}, r.T("import.bot.marked_caption", nil))
}

// importButton handles imp:s:<import id> (Save) and imp:c:<import id> (Cancel).
func (b *Bot) importButton(r *Request) error {
	args := r.Action.Args
	if len(args) != 2 || b.Importer == nil {
		return staleButton(r)
	}
	switch args[0] {
	case "s":
		r.Answer(r.T("import.bot.saving", nil))
		sum, err := b.Importer.Save(r.Ctx, r.Member, r.Tenant.ID, args[1])
		if err != nil {
			if quickwin.ErrorCode(err) == quickwin.ENOTFOUND || quickwin.ErrorCode(err) == quickwin.ECONFLICT {
				return r.EditOrReply(b.errorText(r, err), nil)
			}
			return err
		}
		return r.EditOrReply(r.T("import.bot.saved", map[string]any{"Summary": esc(locales.T(r.Lang, "import.summary", summaryData(*sum)))}), nil)
	case "c":
		r.Answer("")
		if err := b.Importer.Discard(r.Ctx, r.Member, r.Tenant.ID, args[1]); err != nil {
			return err
		}
		return r.EditOrReply(r.T("import.bot.cancelled", nil), nil)
	}
	return staleButton(r)
}

// summaryData is the template data of import.summary.
func summaryData(s quickwin.ImportSummary) map[string]any {
	return map[string]any{"OPDs": s.OPDs, "New": s.New, "Changed": s.Changed, "Unchanged": s.Unchanged,
		"StepsAdded": s.StepsAdded, "StepsChanged": s.StepsChanged, "StepsDeleted": s.StepsDeleted, "Problems": s.Problems}
}

// downloadWorkbook fetches an uploaded workbook, refusing one over the
// import limit while reading.
func (b *Bot) downloadWorkbook(ctx context.Context, fileID string) ([]byte, error) {
	data, err := b.Client.Download(ctx, fileID, quickwin.MaxImportFile)
	if errors.Is(err, telegram.ErrTooLarge) {
		return nil, quickwin.Errorf(quickwin.EINVALID, "file too large").WithKey("import.too_large", map[string]any{"MB": quickwin.MaxImportFile >> 20})
	}
	return data, err
}
