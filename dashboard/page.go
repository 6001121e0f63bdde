package dashboard

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// page is what every template gets: the visitor, their language and the
// page's own data. Templates call its methods to translate and format.
type page struct {
	Lang   locales.Lang
	Title  string
	Tenant string
	Nav    []navItem
	// SignIn makes static/app.js sign in with Telegram's initData.
	SignIn bool
	// Projector is the Rakor view: large type, arrow keys move.
	Projector bool
	Data      any
	// Archive says evidence can be opened (an EvidenceFiles is plugged in).
	Archive bool
	prefix  string
	loc     *time.Location
}

type navItem struct {
	Label, URL string
	Current    bool
}

// pageTemplate is one page's template set: the layout and its content.
type pageTemplate = template.Template

var pageNames = []string{"signin", "error", "month", "opd", "quickwin", "history", "leaderboard", "rakor"}

func parsePages() map[string]*pageTemplate {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/parts.html"))
	out := map[string]*pageTemplate{}
	for _, name := range pageNames {
		t := template.Must(template.Must(base.Clone()).ParseFS(assets, "templates/"+name+".html"))
		out[name] = t
	}
	return out
}

// funcs are the few template functions that are not about the page.
var funcs = template.FuncMap{
	"add":   func(a, b int) int { return a + b },
	"deref": func(v *float64) float64 { return *v },
}

// newPage starts a page for v (nil before sign-in) titled by key.
func (h *Handler) newPage(r *http.Request, v *viewer, titleKey string) *page {
	p := &page{Lang: requestLang(r), prefix: h.cfg.Prefix, loc: time.UTC, Archive: h.cfg.Evidence != nil}
	if v != nil {
		p.Lang = v.lang
		if v.tenant != nil {
			p.Tenant, p.loc = v.tenant.Name, v.tenant.Location()
		}
		if v.member != nil {
			p.Nav = h.nav(v, r.URL.Path)
		}
	}
	p.Title = p.T(titleKey)
	return p
}

// nav lists the pages the member may open.
func (h *Handler) nav(v *viewer, current string) []navItem {
	var out []navItem
	add := func(key, u string) {
		out = append(out, navItem{Label: locales.T(v.lang, key, nil), URL: u, Current: current == u})
	}
	if v.may(quickwin.ActViewAll, "") {
		add("dash.nav.month", h.cfg.Prefix+"month")
	} else if v.member.OPDCode != "" {
		add("dash.nav.own_opd", h.cfg.Prefix+"opd/"+v.member.OPDCode)
	}
	add("dash.nav.leaderboard", h.cfg.Prefix+"leaderboard")
	if v.may(quickwin.ActViewAll, "") {
		add("dash.nav.rakor", h.cfg.Prefix+"rakor")
	}
	return out
}

// render writes a page; a template error is a bug, logged, and the
// visitor gets the plain error page instead of half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, p *page) {
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		h.cfg.Log.Error("dashboard template", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// static serves app.css and app.js.
func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	data, err := fs.ReadFile(assets, "static/"+path.Base(name))
	if err != nil || strings.HasPrefix(name, ".") {
		h.fail(w, r, nil, http.StatusNotFound, "dash.error.not_found")
		return
	}
	switch path.Ext(name) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(data)
}

// T translates key with pairs of name and value: .T "key" "Name" value.
func (p *page) T(key string, kv ...any) string {
	var data map[string]any
	if len(kv) > 1 {
		data = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				data[k] = kv[i+1]
			}
		}
	}
	return locales.T(p.Lang, key, data)
}

// Pct formats a percentage ("87,5%").
func (p *page) Pct(v float64) string { return locales.FormatPercent(p.Lang, v) }

// Num formats a number in the page's language.
func (p *page) Num(v float64) string { return locales.FormatNumber(p.Lang, v) }

// Date formats a date in the tenant's zone ("31 Maret 2027").
func (p *page) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return locales.FormatDate(p.Lang, t.In(p.loc))
}

// DateTime formats a moment in the tenant's zone.
func (p *page) DateTime(t time.Time) string { return locales.FormatDateTime(p.Lang, t.In(p.loc)) }

// Month names a month ("Maret 2027").
func (p *page) Month(t time.Time) string { return locales.FormatMonth(p.Lang, t.In(p.loc)) }

// Category names a category in words.
func (p *page) Category(c quickwin.Category) string { return p.T("category." + string(c)) }

// Status names a schedule status.
func (p *page) Status(s quickwin.ScheduleStatus) string { return p.T("status." + string(s)) }

// URL makes an address of the dashboard: .URL "opd/DINKES" "m" "2027-03".
func (p *page) URL(rel string, kv ...string) string {
	u := p.prefix + rel
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Static is the address of a static file.
func (p *page) Static(name string) string { return p.prefix + "static/" + name }

// Categories lists the bands, best first, for the legend.
func (p *page) Categories() []quickwin.Category { return quickwin.Categories }

// rowsOf carries quick-win rows into the "qwrows" template with the page.
type rowsOf struct {
	P    *page
	Rows []qwRow
}

// With hands rows to the "qwrows" template.
func (p *page) With(rows []qwRow) rowsOf { return rowsOf{P: p, Rows: rows} }

// evidenceOf carries evidence into the "evidence" template.
type evidenceOf struct {
	P       *page
	Items   []evidenceRow
	Archive bool
}

// WithEvidence hands evidence to the "evidence" template.
func (p *page) WithEvidence(items []evidenceRow) evidenceOf {
	return evidenceOf{P: p, Items: items, Archive: p.Archive}
}

// sortLink is a sortable column heading of the month table.
type sortLink struct {
	Label, URL    string
	Current, Desc bool
}

// SortLink makes the heading of column col: a link that sorts by it,
// descending when it is already sorted ascending.
func (p *page) SortLink(col, labelKey string) sortLink {
	v, _ := p.Data.(*monthView)
	if v == nil {
		return sortLink{Label: p.T(labelKey)}
	}
	cur := v.Sort == col
	dir := "asc"
	if cur && !v.Desc || !cur && col != "name" {
		dir = "desc" // numbers read best largest first
	}
	if cur && v.Desc {
		dir = "asc"
	}
	return sortLink{Label: p.T(labelKey), URL: p.URL("month", "m", v.Month, "sort", col, "dir", dir), Current: cur, Desc: cur && v.Desc}
}
