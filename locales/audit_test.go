package locales

import (
	"strings"
	"testing"
)

// A history entry reads in words in both languages, an import's too (it
// has no words of the chat's own), and an action nobody named yet reads as
// "other change": never the stored code.
func TestAuditActionInWords(t *testing.T) {
	for _, l := range Supported() {
		for _, action := range []string{"commitment.create", "commitment.import_create", "commitment.import_update", "something.new"} {
			if got := AuditAction(l, action); got == "" || strings.Contains(got, action) {
				t.Errorf("%s: %s reads %q", l, action, got)
			}
		}
		if got, want := AuditAction(l, "commitment.create"), T(l, "qw.audit.commitment.create", nil); got != want {
			t.Errorf("%s: a creation reads %q, want the chat's %q", l, got, want)
		}
	}
}
