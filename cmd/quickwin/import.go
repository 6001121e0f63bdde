package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"quickwin"
	"quickwin/locales"
	"quickwin/workbook"
)

// registerImportFlags adds the flags of `quickwin import`.
func registerImportFlags(fs *flag.FlagSet) {
	fs.Bool("dry-run", false, "check the file and show what would change; store nothing")
	fs.String("out", "", "import template: the XLSX file to write")
	fs.String("tenant", "", "tenant id (default: the first tenant)")
	fs.String("language", "", "language of messages and of the template: id or en (default: the tenant's)")
}

// importCmd runs `quickwin import FILE.xlsx [--dry-run]` (quick wins and
// action steps from a workbook, all rows or none) and `quickwin import
// template --out FILE.xlsx`.
func (m *Main) importCmd(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	usage := usageError{errors.New("usage: quickwin import FILE.xlsx [--dry-run] | quickwin import template --out FILE.xlsx")}
	if len(args) != 1 {
		return usage
	}
	out := fs.Lookup("out").Value.String()
	template := args[0] == "template"
	if template && out == "" {
		return usage
	}
	var data []byte
	if !template {
		st, err := os.Stat(args[0])
		if err != nil {
			return err
		}
		if st.Size() > quickwin.MaxImportFile {
			return fmt.Errorf("%s is %d MB; an import reads at most %d MB", args[0], st.Size()>>20, quickwin.MaxImportFile>>20)
		}
		if data, err = os.ReadFile(args[0]); err != nil {
			return err
		}
	}
	s, t, lang, err := m.openTenant(ctx, cfg, fs)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	l := locales.ParseLang(lang)
	im := workbook.New(s, m.Clock)
	if template {
		file, err := im.Template(ctx, t.ID, lang)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(out, file); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wrote %s: fill in the sheets, then run quickwin import %s --dry-run\n", out, filepath.Base(out))
		return nil
	}
	plan, err := im.Plan(ctx, t.ID, lang, data)
	if err != nil {
		var qe *quickwin.Error
		if errors.As(err, &qe) && qe.Key != "" {
			return errors.New(locales.T(l, qe.Key, qe.Data))
		}
		return err
	}
	fmt.Fprintln(m.Stdout, workbook.Summary(l, plan.Summary))
	if codes := plan.Summary.ChangedCodes; len(codes) > 0 {
		fmt.Fprintf(m.Stdout, "changed: %s", strings.Join(codes, ", "))
		if more := plan.Summary.Changed - len(codes); more > 0 {
			fmt.Fprintf(m.Stdout, " and %d more", more)
		}
		fmt.Fprintln(m.Stdout)
	}
	if len(plan.Problems) > 0 {
		for _, p := range plan.Problems {
			fmt.Fprintln(m.Stderr, workbook.Render(l, p))
		}
		if more := plan.Summary.Problems - len(plan.Problems); more > 0 {
			fmt.Fprintf(m.Stderr, "… and %d more\n", more)
		}
		return fmt.Errorf("%s: %d problem(s); nothing imported", args[0], plan.Summary.Problems)
	}
	if fs.Lookup("dry-run").Value.String() == "true" {
		fmt.Fprintln(m.Stdout, "dry run: nothing stored")
		return nil
	}
	if len(plan.Changes) == 0 {
		fmt.Fprintln(m.Stdout, "nothing to change")
		return nil
	}
	id, err := s.StageQuickWinImport(ctx, nil, t.ID, plan.Changes, plan.Summary, workbook.PreviewTTL)
	if err != nil {
		return explain(l, err)
	}
	if _, err := s.SaveQuickWinImport(ctx, nil, t.ID, id); err != nil {
		return explain(l, err)
	}
	fmt.Fprintf(m.Stdout, "imported: %d new, %d changed (import %s)\n", plan.Summary.New, plan.Summary.Changed, id)
	return nil
}

// explain turns a domain error with a message key into its text.
func explain(l locales.Lang, err error) error {
	var qe *quickwin.Error
	if errors.As(err, &qe) && qe.Key != "" {
		return fmt.Errorf("%s (%w)", strings.TrimSpace(locales.T(l, qe.Key, qe.Data)), err)
	}
	return err
}
