package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// storeViews are the Bot fields through which the bot reaches its store.
var storeViews = map[string]bool{
	"directory": true, "accounts": true, "admin": true, "quickwins": true, "progress": true,
	"questions": true, "overview": true, "conversations": true, "claims": true,
}

// allowedViews says which views a file may use: its feature group's and
// the directory; the engine's files keep conversations and update claims.
func allowedViews(file string) map[string]bool {
	allowed := map[string]bool{"directory": true}
	for prefix, view := range map[string]string{
		"account_": "accounts", "admin_": "admin", "quickwin_": "quickwins",
		"progress_": "progress", "question": "questions", "overview": "overview",
	} {
		if strings.HasPrefix(file, prefix) {
			allowed[view] = true
			if file == "quickwin_pick_typed.go" {
				allowed["conversations"] = true // a picker is a wizard kept as a conversation
			}
			return allowed
		}
	}
	allowed["conversations"], allowed["claims"] = true, true
	return allowed
}

// TestFeaturesUseTheirOwnStore holds store.go's promise: each feature
// group reaches the store only through its own narrow view, the whole
// Store is read only by New, and handlers are methods of Bot, not free
// functions reaching back through the request (only request.go, which
// sends the replies, holds Request.bot).
func TestFeaturesUseTheirOwnStore(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		allowed := allowedViews(path)
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			where := fset.Position(sel.Pos())
			switch name := sel.Sel.Name; {
			case name == "Store" && path != "bot.go" && (isBotReceiver(sel.X) || isConfig(sel.X)):
				t.Errorf("%s: the whole Store is used; use the feature's view (store.go)", where)
			case name == "bot" && path != "request.go":
				t.Errorf("%s: Request.bot is used outside request.go; make the function a method of Bot", where)
			case storeViews[name] && isBotReceiver(sel.X) && !allowed[name]:
				t.Errorf("%s: b.%s is not this feature's store view; add the method to its own view in store.go", where, name)
			}
			return true
		})
	}
	if checked < 40 {
		t.Fatalf("checked %d files: is the test running in bot/?", checked)
	}
}

func isBotReceiver(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "b"
}

func isConfig(x ast.Expr) bool {
	sel, ok := x.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Config"
}
