package bot

import (
	"strings"

	"quickwin"
)

// cmdOPD lists OPDs, or changes one: /opd tambah KODE Nama, /opd ubah KODE
// Nama, /opd nonaktif KODE, /opd aktif KODE (and the English words).
func (b *Bot) cmdOPD(r *Request) error {
	f := strings.Fields(r.Args)
	if len(f) == 0 {
		return b.listOPDs(r)
	}
	verb := quickwin.Keyword(f[0])
	code := ""
	if len(f) > 1 {
		code = strings.ToUpper(f[1])
	}
	name := ""
	if len(f) > 2 {
		name = strings.Join(f[2:], " ")
	}
	var err error
	switch {
	case (verb == "tambah" || verb == "add") && name != "":
		_, err = b.admin.CreateOPD(r.Ctx, r.Member, quickwin.OPD{TenantID: r.Tenant.ID, Code: code, Name: name})
	case (verb == "ubah" || verb == "rename") && name != "":
		err = b.admin.RenameOPD(r.Ctx, r.Member, r.Tenant.ID, code, name)
	case (verb == "nonaktif" || verb == "deactivate") && code != "":
		err = b.admin.SetOPDActive(r.Ctx, r.Member, r.Tenant.ID, code, false)
	case (verb == "aktif" || verb == "activate") && code != "":
		err = b.admin.SetOPDActive(r.Ctx, r.Member, r.Tenant.ID, code, true)
	default:
		_, err = r.Reply(r.T("opd.usage", nil), nil)
		return err
	}
	if err != nil {
		return err
	}
	_, err = r.Reply(r.T("opd.saved", map[string]any{"Code": esc(code)}), nil)
	return err
}

func (b *Bot) listOPDs(r *Request) error {
	opds, err := b.directory.OPDs(r.Ctx, r.Tenant.ID, false)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("<b>" + r.T("opd.title", map[string]any{"N": len(opds)}) + "</b>")
	for _, o := range opds {
		line := "\n<code>" + esc(o.Code) + "</code> " + esc(o.Name)
		if !o.Active {
			line += " <i>(" + r.T("opd.inactive_mark", nil) + ")</i>"
		}
		sb.WriteString(line)
	}
	sb.WriteString("\n\n" + r.T("opd.usage", nil))
	_, err = r.Reply(sb.String(), nil)
	return err
}
