package locales

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

func TestParseLang(t *testing.T) {
	tests := map[string]Lang{
		"id": ID, "ID": ID, "in": ID, "id-ID": ID, "ind": ID,
		"en": EN, "en-US": EN, "en_GB": EN, " EN ": EN, "eng": EN,
		"": Default, "fr": Default, "jv": Default, "zh-hans": Default, "-": Default,
	}
	for code, want := range tests {
		if got := ParseLang(code); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", code, got, want)
		}
	}
	if got := Supported(); !slices.Equal(got, []Lang{ID, EN}) || got[0] != Default {
		t.Errorf("Supported() = %v", got)
	}
}

// TestMessageFilesOnDisk makes sure every file in messages/ is embedded
// (go:embed skips names starting with '.' or '_') and well named.
func TestMessageFilesOnDisk(t *testing.T) {
	entries, err := os.ReadDir(MessagesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no message files")
	}
	for _, e := range entries {
		if _, _, ok := splitFileName(e.Name()); !ok || e.IsDir() {
			t.Errorf("%s/%s: not an <area>.<lang>.json file", MessagesDir, e.Name())
		}
		if _, err := embedded.ReadFile(MessagesDir + "/" + e.Name()); err != nil {
			t.Errorf("%s/%s: not embedded: %v", MessagesDir, e.Name(), err)
		}
	}
}

// TestKeysInEveryLanguage fails when a key exists in one language and not
// in another, or sits in a different area's file. It covers every file.
func TestKeysInEveryLanguage(t *testing.T) {
	c := DefaultCatalog()
	all := map[string]bool{}
	for _, l := range Supported() {
		for _, k := range c.Keys(l) {
			all[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(all)) {
		var where []string
		for _, l := range Supported() {
			if a, ok := c.area[l][k]; ok {
				where = append(where, fmt.Sprintf("%s.%s.json", a, l))
			}
		}
		for _, l := range Supported() {
			if !c.Has(l, k) {
				t.Errorf("key %q is in %v but missing in language %q", k, where, l)
			}
		}
		for _, l := range Supported()[1:] {
			a0, ok0 := c.area[Default][k]
			a, ok := c.area[l][k]
			if ok0 && ok && a != a0 {
				t.Errorf("key %q is in area %q for %s but %q for %s", k, a0, Default, a, l)
			}
		}
	}
}

func forms(m *i18n.Message) map[string]string {
	out := map[string]string{}
	for name, src := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if src != "" {
			out[name] = src
		}
	}
	return out
}

// TestTemplatesRender parses and executes every form of every message, in
// every file, with empty data: a missing field renders as "<no value>", but
// a template that does not parse or fails to execute is an error.
func TestTemplatesRender(t *testing.T) {
	c := DefaultCatalog()
	parser := &template.TextParser{}
	for _, l := range Supported() {
		for _, k := range c.Keys(l) {
			m := c.msgs[l][k]
			if strings.TrimSpace(m.Other) == "" {
				t.Errorf("%s %q: the \"other\" form is missing or empty", l, k)
			}
			for form, src := range forms(m) {
				pt, err := parser.Parse(src, m.LeftDelim, m.RightDelim)
				if err != nil {
					t.Errorf("%s %q (%s): parse: %v", l, k, form, err)
					continue
				}
				for _, data := range []any{map[string]any{}, nil} {
					if _, err := pt.Execute(data); err != nil {
						t.Errorf("%s %q (%s): render with %#v: %v", l, k, form, data, err)
					}
				}
			}
			if got := c.T(l, k, nil); got == "" || got == k {
				t.Errorf("T(%s, %q, nil) = %q", l, k, got)
			}
			if got := c.TPlural(l, k, 2, nil); got == "" || got == k {
				t.Errorf("TPlural(%s, %q, 2, nil) = %q", l, k, got)
			}
		}
	}
}

var fieldRe = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)

// templateFields lists the {{.Field}} names a message uses in any form.
func templateFields(m *i18n.Message) []string {
	set := map[string]bool{}
	left, right := m.LeftDelim, m.RightDelim
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	for _, src := range forms(m) {
		for {
			i := strings.Index(src, left)
			if i < 0 {
				break
			}
			src = src[i+len(left):]
			j := strings.Index(src, right)
			if j < 0 {
				break
			}
			for _, f := range fieldRe.FindAllStringSubmatch(src[:j], -1) {
				set[f[1]] = true
			}
			src = src[j+len(right):]
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// TestSameFields checks that translations use the same template fields.
func TestSameFields(t *testing.T) {
	c := DefaultCatalog()
	for _, k := range c.Keys(Default) {
		want := templateFields(c.msgs[Default][k])
		for _, l := range Supported()[1:] {
			m, ok := c.msgs[l][k]
			if !ok {
				continue // reported by TestKeysInEveryLanguage
			}
			if got := templateFields(m); !slices.Equal(got, want) {
				t.Errorf("key %q: %s uses fields %v but %s uses %v", k, Default, want, l, got)
			}
		}
	}
}

var keyRe = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

func TestKeyNaming(t *testing.T) {
	c := DefaultCatalog()
	for _, l := range Supported() {
		for _, k := range c.Keys(l) {
			if !keyRe.MatchString(k) {
				t.Errorf("key %q (%s): want dotted lower_snake ids like start.stranger", k, l)
			}
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		data map[string]any
		want string
	}{
		{ID, "wizard.step", map[string]any{"N": 1, "Total": 3}, "Langkah 1 dari 3"},
		{EN, "wizard.step", map[string]any{"N": 1, "Total": 3}, "Step 1 of 3"},
		{ID, "wizard.step", nil, "Langkah <no value> dari <no value>"},
		{ID, "category.very_high", nil, "Sangat tinggi"},
		{EN, "category.very_low", nil, "Very low"},
		{ID, "status.on_track", nil, "Sesuai jadwal"},
		{EN, "status.at_risk", nil, "At risk"},
		{ID, "role.head", nil, "Kepala OPD"},
		{ID, "role.staff", nil, "Operator OPD"},
		{ID, "role.leader", nil, "Pimpinan"},
		{ID, "error.forbidden", map[string]any{"Reason": "hanya Sekda"}, "Maaf, Anda tidak berwenang melakukan ini: hanya Sekda"},
		{ID, "parse.date.invalid", map[string]any{"Input": "31/02/2027"}, "Tanggal 31/02/2027 tidak ada di kalender."},
		{ID, "no.such.key", nil, "no.such.key"},
		{EN, "no.such.key", nil, "no.such.key"},
		{Lang("fr"), "common.yes", nil, "Ya"},
		{Lang("en-US"), "common.yes", nil, "Yes"},
		{Lang(""), "common.no", nil, "Tidak"},
	}
	for _, tt := range tests {
		if got := T(tt.lang, tt.key, tt.data); got != tt.want {
			t.Errorf("T(%q, %q, %v) = %q, want %q", tt.lang, tt.key, tt.data, got, tt.want)
		}
	}
	if !Has(ID, "error.internal") || !Has(EN, "error.internal") || Has(ID, "no.such.key") {
		t.Error("Has is wrong")
	}
	keys := Keys(EN)
	if !slices.IsSorted(keys) || !slices.Contains(keys, "common.yes") {
		t.Errorf("Keys(EN) = %v", keys)
	}
	keys[0] = "mutated"
	if Keys(EN)[0] == "mutated" {
		t.Error("Keys returns the catalog's own slice")
	}
}

func TestTPlural(t *testing.T) {
	tests := []struct {
		lang  Lang
		count int
		data  map[string]any
		want  string
	}{
		{EN, 1, nil, "1 day"},
		{EN, 0, nil, "0 days"},
		{EN, 2, nil, "2 days"},
		{ID, 1, nil, "1 hari"},
		{ID, 5, nil, "5 hari"},
		{EN, 1, map[string]any{"Count": "one"}, "one day"},
	}
	for _, tt := range tests {
		if got := TPlural(tt.lang, "common.days", tt.count, tt.data); got != tt.want {
			t.Errorf("TPlural(%q, common.days, %d) = %q, want %q", tt.lang, tt.count, got, tt.want)
		}
	}
	// A plain message works with TPlural too.
	if got := TPlural(EN, "common.yes", 3, nil); got != "Yes" {
		t.Errorf("TPlural on plain message = %q", got)
	}
}

func TestCatalogFallbackToDefault(t *testing.T) {
	c, err := NewCatalog(fstest.MapFS{
		"a.id.json": {Data: []byte(`{"x.only_id": "hanya id", "x.both": "dua"}`)},
		"a.en.json": {Data: []byte(`{"x.both": "two", "x.only_en": "only en"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang      Lang
		key, want string
	}{
		{EN, "x.both", "two"},
		{ID, "x.both", "dua"},
		{EN, "x.only_id", "hanya id"},  // falls back to the default language
		{ID, "x.only_en", "x.only_en"}, // never to another one
		{EN, "x.only_en", "only en"},
	} {
		if got := c.T(tt.lang, tt.key, nil); got != tt.want {
			t.Errorf("T(%s, %s) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestNewCatalogRejects(t *testing.T) {
	tests := map[string]fstest.MapFS{
		"bad lang":            {"a.fr.json": {Data: []byte(`{}`)}},
		"no lang":             {"a.json": {Data: []byte(`{}`)}},
		"other format":        {"a.id.toml": {Data: []byte(``)}},
		"upper area":          {"Core.id.json": {Data: []byte(`{}`)}},
		"sub-directory":       {"sub/a.id.json": {Data: []byte(`{}`)}},
		"invalid JSON":        {"a.id.json": {Data: []byte(`{"a.b": "x",}`)}},
		"not an object":       {"a.id.json": {Data: []byte(`["x"]`)}},
		"trailing data":       {"a.id.json": {Data: []byte(`{"a.b": "x"} {}`)}},
		"duplicate in file":   {"a.id.json": {Data: []byte(`{"a.b": "x", "a.b": "y"}`)}},
		"duplicate in nested": {"a.id.json": {Data: []byte(`{"a": {"b": "x", "b": "y"}}`)}},
		"duplicate across files": {
			"a.id.json": {Data: []byte(`{"k.x": "x"}`)},
			"b.id.json": {Data: []byte(`{"k.x": "y"}`)},
		},
		"duplicate via nesting": {
			"a.id.json": {Data: []byte(`{"k.x": "x"}`)},
			"b.id.json": {Data: []byte(`{"k": {"x": "y"}}`)},
		},
	}
	for name, fsys := range tests {
		if _, err := NewCatalog(fsys); err == nil {
			t.Errorf("%s: NewCatalog succeeded", name)
		}
	}
	// The same key in two languages, or nested keys, are fine.
	c, err := NewCatalog(fstest.MapFS{
		"a.id.json":      {Data: []byte(`{"k": {"x": "x"}}`)},
		"a.en.json":      {Data: []byte(`{"k.x": "x"}`)},
		"a-b_2.id.json":  {Data: []byte(`{}`)},
		"report.en.json": {Data: []byte(`{"r.n": {"one": "{{.Count}} item", "other": "{{.Count}} items"}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Has(ID, "k.x") || !c.Has(EN, "k.x") || c.TPlural(EN, "r.n", 1, nil) != "1 item" {
		t.Error("catalog content is wrong")
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := ParseDate("31/02/2027", ID, testNow)
	for _, tt := range []struct {
		lang Lang
		want string
	}{
		{ID, "Tanggal 31/02/2027 tidak ada di kalender."},
		{EN, "The date 31/02/2027 does not exist in the calendar."},
	} {
		got, ok := Message(tt.lang, err)
		if !ok || got != tt.want {
			t.Errorf("Message(%s) = %q, %v; want %q", tt.lang, got, ok, tt.want)
		}
		wrapped := fmt.Errorf("deadline: %w", err)
		if got, ok := Message(tt.lang, wrapped); !ok || got != tt.want {
			t.Errorf("Message(%s, wrapped) = %q, %v", tt.lang, got, ok)
		}
	}
	if !errors.Is(err, &ParseError{Key: KeyDateInvalid}) || errors.Is(err, &ParseError{Key: KeyDateFormat}) {
		t.Error("errors.Is on ParseError keys is wrong")
	}
	if want := `locales: parse.date.invalid: Input="31/02/2027"`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if _, ok := Message(ID, errors.New("other")); ok {
		t.Error("Message accepted a non-ParseError")
	}
	if _, ok := Message(ID, nil); ok {
		t.Error("Message accepted nil")
	}
	_, err = ParseNumber("", ID)
	if got, _ := Message(ID, err); got != "Angka belum diisi. Contoh: 1.250,5 atau 60%" {
		t.Errorf("empty number message = %q", got)
	}
	_, err = ParseNumber("abc", EN)
	if got, _ := Message(EN, err); got != "Number not recognised. Example: 1,250.5 or 60%" {
		t.Errorf("bad number message = %q", got)
	}
	_, err = ParseDate("kapan-kapan", ID, testNow)
	if got, _ := Message(ID, err); got != "Tanggal tidak dikenali. Contoh: 31/03/2027, 31 Maret 2027, besok, akhir bulan, TW2" {
		t.Errorf("bad date message = %q", got)
	}
	_, err = ParseDate("1/1/1800", ID, testNow)
	if got, _ := Message(EN, err); got != "Year 1800 is outside the accepted range (1900–2199)." {
		t.Errorf("year message = %q", got)
	}
}

func TestParseErrorKeysExist(t *testing.T) {
	for _, k := range []string{KeyDateEmpty, KeyDateFormat, KeyDateInvalid, KeyDateYear,
		KeyNumberEmpty, KeyNumberFormat, KeyNumberSign, KeyNumberTooBig} {
		for _, l := range Supported() {
			if !Has(l, k) {
				t.Errorf("key %q missing in %s", k, l)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := Supported()[i%2]
			for j := range 100 {
				_ = T(l, "wizard.step", map[string]any{"N": j, "Total": 100})
				_ = TPlural(l, "common.days", j, nil)
				_ = Keys(l)
			}
		}()
	}
	wg.Wait()
}
