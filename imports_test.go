package quickwin_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowedImports is the dependency direction each package's doc comment
// promises, as the project packages it may import: the domain imports
// nothing of the project, adapters depend on the domain and never on each
// other, and only cmd/quickwin wires them together.
var allowedImports = map[string][]string{
	".":               {},
	"locales":         {},
	"fonts":           {},
	"telegramtest":    {},
	"telegram":        {"quickwin"},
	"evidence":        {"quickwin"},
	"store":           {"quickwin"},
	"store/storetest": {"quickwin/store"},
	"bot":             {"quickwin", "quickwin/locales", "quickwin/telegram"},
	"scheduler":       {"quickwin", "quickwin/locales", "quickwin/telegram"},
	"workbook":        {"quickwin", "quickwin/locales"},
	"invitecard":      {"quickwin", "quickwin/locales", "quickwin/fonts"},
	"digest":          {"quickwin", "quickwin/locales", "quickwin/fonts", "quickwin/telegram"},
	"dashboard":       {"quickwin", "quickwin/locales", "quickwin/digest"},
	"cmd/quickwin":    nil, // wires everything
}

func TestPackagesImportOnlyWhatTheirDocAllows(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "docs") {
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.go"))
		var sources []string
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				sources = append(sources, f)
			}
		}
		if len(sources) == 0 {
			return nil
		}
		allowed, known := allowedImports[filepath.ToSlash(path)]
		if !known {
			t.Errorf("package %s has no entry in allowedImports: say what it may import", path)
			return nil
		}
		seen[filepath.ToSlash(path)] = true
		if allowed == nil {
			return nil
		}
		fset := token.NewFileSet()
		for _, f := range sources {
			ast, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range ast.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if (p == "quickwin" || strings.HasPrefix(p, "quickwin/")) && !slices.Contains(allowed, p) {
					t.Errorf("%s imports %s; its package may import only %v of the project", f, p, allowed)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range allowedImports {
		if !seen[pkg] {
			t.Errorf("allowedImports names %s, which has no source files", pkg)
		}
	}
}
