package bot

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var positionLine = regexp.MustCompile(`(?:Langkah|Step) (\d+) (?:dari|of) (\d+)`)

// TestFormPositionMovesWithEveryQuestion: "Langkah N dari M" is the form's
// position only: N moves by one with every question, M is what the
// answers so far leave ahead (fewer for a milestone, more with each added
// action step), and the action-step question does not call itself a
// "Langkah" under it.
func TestFormPositionMovesWithEveryQuestion(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newQW(t, lang)
			answers := []string{map[string]string{"id": "/quickwin_baru", "en": "/new_quickwin"}[lang], "Perbup SPM kesehatan terbit", "-", "-", "bertahap", "1/3/2027", "TW2", "-", "-",
				"Draf perbup", "-", "30/4/2027", "tambah", "Pengesahan", "-", "30/5/2027", "selesai"}
			var ns, ms []int
			for _, a := range answers {
				w.head.Send(a)
				q := w.message(w.head)
				m := positionLine.FindStringSubmatch(q.Text)
				if m == nil {
					t.Fatalf("after %q no position in %q", a, q.Text)
				}
				n, _ := strconv.Atoi(m[1])
				total, _ := strconv.Atoi(m[2])
				ns, ms = append(ns, n), append(ms, total)
				if strings.Contains(stripTags(q.Text), "Langkah aksi ke") || strings.Contains(stripTags(q.Text), "Action step 1") {
					t.Errorf("the form's position stands above a step called the same: %q", q.Text)
				}
			}
			for i, n := range ns {
				if n != i+1 {
					t.Fatalf("positions %v: question %d shows %d", ns, i+1, n)
				}
				if ms[i] < n {
					t.Fatalf("position %d of %d", n, ms[i])
				}
			}
			// 18 on the numeric path; 13 once "milestone" is chosen; 4 more
			// questions with a second action step; the last is the summary.
			if ms[0] != 18 || ms[4] != 13 || ms[len(ms)-1] != ns[len(ns)-1] || ms[len(ms)-1] != 17 {
				t.Errorf("totals %v (positions %v)", ms, ns)
			}
		})
	}
}
