package locales

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// embedded holds every file of messages/ (go:embed leaves out names that
// start with '.' or '_'; a test checks there are none).
//
//go:embed messages
var embedded embed.FS

// MessagesDir is the directory, relative to this package, that holds the
// message files. Each is named <area>.<lang>.json: area is lower-case
// letters, digits, '_' or '-' (core, bot, scheduler, report, ...) and lang is
// one of [Supported]. A file holds one JSON object whose keys are message
// ids ("error.internal") and whose values are either a string (a
// text/template) or, for plural-aware messages, an object with "one" and
// "other" (English) or only "other" (Indonesian has no plural forms).
const MessagesDir = "messages"

var areaPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// Catalog holds the messages of every supported language. It is immutable
// once loaded and safe for concurrent use.
type Catalog struct {
	loc  map[Lang]*i18n.Localizer
	msgs map[Lang]map[string]*i18n.Message
	area map[Lang]map[string]string // key -> area of the file that defines it
	keys map[Lang][]string          // sorted
}

// NewCatalog loads every file in the root of fsys; see [MessagesDir] for
// how they must be named and written. It fails on a file with another name,
// a sub-directory, invalid JSON, a key defined twice in one language (in
// one file or across files), or a file that go-i18n rejects.
func NewCatalog(fsys fs.FS) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("locales: read message dir: %w", err)
	}
	bundle := i18n.NewBundle(langTag(Default))
	c := &Catalog{
		loc:  map[Lang]*i18n.Localizer{},
		msgs: map[Lang]map[string]*i18n.Message{},
		area: map[Lang]map[string]string{},
		keys: map[Lang][]string{},
	}
	for _, l := range Supported() {
		c.msgs[l] = map[string]*i18n.Message{}
		c.area[l] = map[string]string{}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			return nil, fmt.Errorf("locales: %s: sub-directories are not allowed", name)
		}
		area, lang, ok := splitFileName(name)
		if !ok {
			return nil, fmt.Errorf("locales: %s: file name must be <area>.<lang>.json with lang one of %v", name, Supported())
		}
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
		if err := checkJSONObject(buf); err != nil {
			return nil, fmt.Errorf("locales: %s: %w", name, err)
		}
		msgs, err := i18n.ParseMessageBytes(buf, json.Unmarshal)
		if err != nil {
			return nil, fmt.Errorf("locales: %s: %w", name, err)
		}
		for _, m := range msgs {
			if prev, dup := c.area[lang][m.ID]; dup {
				return nil, fmt.Errorf("locales: %s: key %q already defined in %s.%s.json", name, m.ID, prev, lang)
			}
			c.area[lang][m.ID] = area
			c.msgs[lang][m.ID] = m
		}
		if err := bundle.AddMessages(langTag(lang), msgs...); err != nil {
			return nil, fmt.Errorf("locales: %s: %w", name, err)
		}
	}
	for _, l := range Supported() {
		c.loc[l] = i18n.NewLocalizer(bundle, string(l))
		c.keys[l] = slices.Sorted(maps.Keys(c.msgs[l]))
	}
	return c, nil
}

// splitFileName splits "core.id.json" into ("core", ID).
func splitFileName(name string) (area string, lang Lang, ok bool) {
	base, isJSON := strings.CutSuffix(name, ".json")
	if !isJSON {
		return "", "", false
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return "", "", false
	}
	area, lang = base[:i], Lang(base[i+1:])
	if !areaPattern.MatchString(area) || !slices.Contains(Supported(), lang) {
		return "", "", false
	}
	return area, lang, true
}

func langTag(l Lang) language.Tag {
	if l == EN {
		return language.English
	}
	return language.Indonesian
}

// checkJSONObject checks that buf is one JSON object without duplicate keys
// in any object (encoding/json would silently keep the last one).
func checkJSONObject(buf []byte) error {
	dec := json.NewDecoder(bytes.NewReader(buf))
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return errors.New("must hold one JSON object")
	}
	if err := checkObject(dec, ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

// checkObject reads the rest of an object whose '{' has been read.
func checkObject(dec *json.Decoder, path string) error {
	seen := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("invalid JSON: %w", err)
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			return nil
		}
		key, _ := tok.(string)
		full := key
		if path != "" {
			full = path + "." + key
		}
		if seen[key] {
			return fmt.Errorf("duplicate key %q", full)
		}
		seen[key] = true
		if err := checkValue(dec, full); err != nil {
			return err
		}
	}
}

func checkValue(dec *json.Decoder, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	switch d {
	case '{':
		return checkObject(dec, path)
	case '[':
		for dec.More() {
			if err := checkValue(dec, path); err != nil {
				return err
			}
		}
		_, err := dec.Token() // ']'
		return err
	}
	return nil
}

var loadDefault = sync.OnceValues(func() (*Catalog, error) {
	sub, err := fs.Sub(embedded, MessagesDir)
	if err != nil {
		return nil, err
	}
	return NewCatalog(sub)
})

// DefaultCatalog returns the catalog of the embedded message files, loaded
// on first use. It panics if they are broken, which the package tests catch.
func DefaultCatalog() *Catalog {
	c, err := loadDefault()
	if err != nil {
		panic(err)
	}
	return c
}

// T renders message key in lang with data (may be nil) using the default
// catalog. See [Catalog.T].
func T(lang Lang, key string, data map[string]any) string {
	return DefaultCatalog().T(lang, key, data)
}

// TPlural renders a plural-aware message with the default catalog. See
// [Catalog.TPlural].
func TPlural(lang Lang, key string, count int, data map[string]any) string {
	return DefaultCatalog().TPlural(lang, key, count, data)
}

// Keys returns the sorted message keys of lang in the default catalog.
func Keys(lang Lang) []string { return DefaultCatalog().Keys(lang) }

// Has reports whether the default catalog has key in lang.
func Has(lang Lang, key string) bool { return DefaultCatalog().Has(lang, key) }

// T renders message key in lang. data fills the template's fields
// ({{.Reason}}); a field missing from data renders as "<no value>". An
// unsupported lang is treated as [ParseLang] would. A key missing in lang
// falls back to [Default]; a key missing everywhere (or a template that
// fails) renders as the key itself, and nothing is logged: the tests make
// sure every key exists in every language.
func (c *Catalog) T(lang Lang, key string, data map[string]any) string {
	return c.render(lang, key, data, nil)
}

// TPlural is T for plural-aware messages: count chooses the plural form
// (English: one/other; Indonesian: always other) and is available to the
// template as {{.Count}} unless data already has a "Count".
func (c *Catalog) TPlural(lang Lang, key string, count int, data map[string]any) string {
	d := make(map[string]any, len(data)+1)
	maps.Copy(d, data)
	if _, ok := d["Count"]; !ok {
		d["Count"] = count
	}
	return c.render(lang, key, d, count)
}

func (c *Catalog) render(lang Lang, key string, data map[string]any, count any) string {
	lang = lang.norm()
	if !c.Has(lang, key) {
		if lang == Default || !c.Has(Default, key) {
			return key
		}
		lang = Default
	}
	if data == nil {
		data = map[string]any{}
	}
	out, err := c.loc[lang].Localize(&i18n.LocalizeConfig{
		MessageID:    key,
		TemplateData: data,
		PluralCount:  count,
	})
	if err != nil && out == "" {
		return key
	}
	return out
}

// Keys returns the sorted message keys of lang.
func (c *Catalog) Keys(lang Lang) []string { return slices.Clone(c.keys[lang.norm()]) }

// Has reports whether key exists in lang.
func (c *Catalog) Has(lang Lang, key string) bool {
	_, ok := c.msgs[lang.norm()][key]
	return ok
}
