package digest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// This file tells the audit log in the reader's words: who did what to
// which quick win, report, OPD or member, and each change as
// "Tenggat: 31 Maret 2027 → 30 April 2027". Ids, field names and action
// codes stay out of it, and so does every invite token (an unused invite
// still lets its holder join). What has no words (a field added to the
// store later) is left out rather than dumped: the other sheets show each
// thing's whole current state.

// auditWords holds the lookups an audit row needs beyond export's.
type auditWords struct {
	*export
	reports map[string]*quickwin.Report // report id → report
	opds    map[string]string           // OPD code → name
	tokens  []string                    // invite tokens seen in the log
}

func (x *export) auditWords(entries []quickwin.AuditEntry, reports []quickwin.Report) *auditWords {
	a := &auditWords{export: x, reports: map[string]*quickwin.Report{}, opds: map[string]string{}}
	for i := range reports {
		a.reports[reports[i].ID] = &reports[i]
	}
	for _, o := range x.ev.OPDs {
		a.opds[o.OPD.Code] = o.OPD.Name
	}
	for _, e := range entries {
		if e.Kind == "invite" && e.ObjectID != "" {
			a.tokens = append(a.tokens, e.ObjectID)
		}
	}
	return a
}

// action is what happened, in words.
func (a *auditWords) action(e quickwin.AuditEntry) string {
	if key := "print.audit.action." + e.Action; locales.Has(a.lang, key) {
		return a.t(key)
	}
	return a.t("print.audit.action.other")
}

// object names what the entry is about.
func (a *auditWords) object(e quickwin.AuditEntry) string {
	after, _ := e.After.(map[string]any)
	if after == nil {
		after, _ = e.Before.(map[string]any)
	}
	switch e.Kind {
	case "commitment":
		if c := a.byID[e.ObjectID]; c != nil {
			return c.Code + " " + c.Title
		}
		return str(after, "code")
	case "report":
		r := a.reports[e.ObjectID]
		if r == nil {
			return a.t("print.audit.object.report_unknown")
		}
		return locales.T(a.lang, "print.audit.object.report", map[string]any{"Code": a.code(r.QuickWinID), "Date": locales.FormatDate(a.lang, r.Date.In(a.ev.Loc))})
	case "member":
		name := a.names[e.ObjectID]
		if name == "" {
			name = str(after, "name")
		}
		if role := a.enum("role.", str(after, "role")); role != "" {
			name += " (" + strings.TrimSpace(role+" "+str(after, "opd")) + ")"
		}
		return name
	case "opd":
		if e.ObjectID == "" { // an import of many
			if list, ok := e.After.([]any); ok {
				return locales.T(a.lang, "print.audit.object.opds", map[string]any{"Count": len(list)})
			}
			return ""
		}
		if name := a.opds[e.ObjectID]; name != "" {
			return name + " (" + e.ObjectID + ")"
		}
		if name := str(after, "name"); name != "" {
			return name + " (" + e.ObjectID + ")"
		}
		return e.ObjectID
	case "invite":
		s := a.enum("role.", str(after, "role"))
		if opd := str(after, "opd"); opd != "" {
			s += " " + opd
		}
		return locales.T(a.lang, "print.audit.object.invite", map[string]any{"Role": strings.TrimSpace(s)})
	case "tenant":
		return a.ev.Tenant.Name
	case "group":
		if title := str(after, "title"); title != "" {
			return title
		}
	}
	return ""
}

// reason is the reason given, without what only the system wrote for
// itself ("invite <token>", "telegram: bot was blocked": the action says
// it in words) and with any invite token masked.
func (a *auditWords) reason(e quickwin.AuditEntry) string {
	if e.ActorID == "system" || e.Action == "member.join" || e.Action == "member.blocked" {
		return ""
	}
	s := e.Reason
	for _, tok := range a.tokens {
		s = strings.ReplaceAll(s, tok, maskToken(tok))
	}
	return s
}

// fieldLabels name the fields an audit entry's before and after may hold,
// by the kind of thing; a field without a label is not shown.
var fieldLabels = map[string][]string{
	"commitment": {"title", "description", "indicator", "kind", "direction", "unit", "baseline", "target",
		"start", "deadline", "status", "budget", "source", "mission", "last_value", "last_state",
		"verified_value", "last_report_at", "last_verified_at", "steps"},
	"report":   {"date", "value", "note", "steps_done", "evidence", "state", "verified_by", "verified_at", "reason"},
	"opd":      {"name", "active"},
	"member":   {"name", "role", "opd", "active"},
	"question": {"text", "answer", "answered_by", "answered_at"},
}

// changes lists what an entry changed, one "Label: before → after" per
// line; creations and deletions (no before or no after) list nothing, the
// object column names the thing.
func (a *auditWords) changes(e quickwin.AuditEntry) string {
	if e.Kind == "tenant" {
		return a.tenantChanges(e)
	}
	b, ok1 := e.Before.(map[string]any)
	af, ok2 := e.After.(map[string]any)
	if !ok1 || !ok2 {
		return ""
	}
	kind := e.Kind
	if strings.HasPrefix(e.Action, "question.") {
		kind = "question"
	}
	var out []string
	for _, field := range fieldLabels[kind] {
		if field == "steps" {
			out = append(out, a.stepChanges(list(b["steps"]), list(af["steps"]))...)
			continue
		}
		was, is := a.value(kind, field, b[field], b), a.value(kind, field, af[field], af)
		if was != is {
			out = append(out, a.label(kind, field)+": "+was+" → "+is)
		}
	}
	s := strings.Join(out, "\n")
	if r := []rune(s); len(r) > maxChangeText {
		s = string(r[:maxChangeText-1]) + "…"
	}
	return s
}

func (a *auditWords) label(kind, field string) string {
	return a.t("print.audit.field." + kind + "." + field)
}

// value shows one field's value in words; doc is the document it is in
// (a report's steps are named by its quick win's steps).
func (a *auditWords) value(kind, field string, v any, doc map[string]any) string {
	if empty(v) {
		return "—"
	}
	switch field {
	case "kind":
		return a.enum("report.xlsx.kind.", fmt.Sprint(v))
	case "direction":
		return a.enum("report.xlsx.direction.", fmt.Sprint(v))
	case "status":
		return a.enum("report.xlsx.status.", fmt.Sprint(v))
	case "last_state", "state":
		return a.enum("report.xlsx.verify.", fmt.Sprint(v))
	case "role":
		return a.enum("role.", fmt.Sprint(v))
	case "verified_by", "answered_by", "asked_by":
		return a.who(fmt.Sprint(v))
	case "budget":
		if f, ok := number(v); ok {
			return locales.FormatRupiah(a.lang, f)
		}
	case "evidence":
		return locales.T(a.lang, "print.audit.files", map[string]any{"Count": len(list(v))})
	case "steps_done":
		c := a.byID[str(doc, "commitment")]
		var titles []string
		for _, id := range list(v) {
			title := a.t("print.audit.step_unknown")
			if c != nil {
				if i := c.StepIndex(fmt.Sprint(id)); i >= 0 {
					title = "«" + c.Steps[i].Title + "»"
				}
			}
			titles = append(titles, title)
		}
		return strings.Join(titles, ", ")
	case "date", "start", "deadline":
		if t, ok := v.(time.Time); ok {
			return locales.FormatDate(a.lang, t.In(a.ev.Loc))
		}
	}
	switch y := v.(type) {
	case string:
		if name := a.names[y]; name != "" {
			return name
		}
		return y
	case bool:
		return a.yesNo(y)
	case time.Time:
		t := y.In(a.ev.Loc)
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return locales.FormatDate(a.lang, t)
		}
		return locales.FormatDateTime(a.lang, t)
	}
	if f, ok := number(v); ok {
		return locales.FormatNumber(a.lang, f)
	}
	return "…" // a structure without words: not dumped
}

// stepChanges compares a quick win's action steps by their ids: added,
// deleted, changed (title, person in charge, due day, done, evidence) and
// reordered.
func (a *auditWords) stepChanges(before, after []any) []string {
	type step = map[string]any
	index := func(steps []any) (map[string]step, []string) {
		byID, order := map[string]step{}, []string{}
		for _, s := range steps {
			if m, ok := s.(step); ok {
				id := str(m, "id")
				byID[id] = m
				order = append(order, id)
			}
		}
		return byID, order
	}
	was, wasOrder := index(before)
	is, isOrder := index(after)
	title := func(m step) string { return "«" + str(m, "title") + "»" }
	var out []string
	for _, id := range isOrder {
		n := is[id]
		o, ok := was[id]
		if !ok {
			out = append(out, locales.T(a.lang, "print.audit.step.added", map[string]any{"Title": title(n), "Due": a.value("step", "due", n["due"], n)}))
			continue
		}
		var diffs []string
		for _, f := range []string{"title", "owner", "due", "done_at", "evidence"} {
			x, y := a.value("step", f, o[f], o), a.value("step", f, n[f], n)
			if f == "due" || f == "done_at" {
				x, y = a.day(o[f]), a.day(n[f])
			}
			if x != y {
				diffs = append(diffs, a.t("print.audit.field.step."+f)+": "+x+" → "+y)
			}
		}
		if len(diffs) > 0 {
			out = append(out, a.t("print.audit.step.one")+" "+title(o)+" — "+strings.Join(diffs, "; "))
		}
	}
	for _, id := range wasOrder {
		if _, ok := is[id]; !ok {
			out = append(out, locales.T(a.lang, "print.audit.step.deleted", map[string]any{"Title": title(was[id])}))
		}
	}
	// The same steps in another order: say the new order.
	kept := slices.DeleteFunc(slices.Clone(wasOrder), func(id string) bool { return is[id] == nil })
	now := slices.DeleteFunc(slices.Clone(isOrder), func(id string) bool { return was[id] == nil })
	if !slices.Equal(kept, now) {
		titles := make([]string, len(now))
		for i, id := range now {
			titles[i] = title(is[id])
		}
		out = append(out, a.t("print.audit.step.order")+": "+strings.Join(titles, ", "))
	}
	return out
}

// day shows a step's day (due, done) as a date in the tenant's zone.
func (a *auditWords) day(v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return "—"
	}
	return locales.FormatDate(a.lang, t.In(a.ev.Loc))
}

// tenantChanges describes a change of the tenant's schedules (job → cron
// spec; a job missing runs at its default) or holidays (days).
func (a *auditWords) tenantChanges(e quickwin.AuditEntry) string {
	switch e.Action {
	case "tenant.schedules":
		b, _ := e.Before.(map[string]any)
		af, _ := e.After.(map[string]any)
		var out []string
		for _, job := range slices.Sorted(maps.Keys(merge(b, af))) {
			was, is := a.spec(b[job]), a.spec(af[job])
			if was != is {
				out = append(out, locales.T(a.lang, "print.audit.field.tenant.schedule", map[string]any{"Job": job})+": "+was+" → "+is)
			}
		}
		return strings.Join(out, "\n")
	case "tenant.holidays":
		was, is := map[string]bool{}, map[string]bool{}
		for _, d := range list(e.Before) {
			was[fmt.Sprint(d)] = true
		}
		for _, d := range list(e.After) {
			is[fmt.Sprint(d)] = true
		}
		var added, removed []string
		for _, d := range slices.Sorted(maps.Keys(merge(was, is))) {
			day := d
			if t, err := time.Parse("2006-01-02", d); err == nil {
				day = locales.FormatDate(a.lang, t)
			}
			switch {
			case is[d] && !was[d]:
				added = append(added, day)
			case was[d] && !is[d]:
				removed = append(removed, day)
			}
		}
		var out []string
		if len(added) > 0 {
			out = append(out, a.t("print.audit.holidays.added")+": "+strings.Join(added, ", "))
		}
		if len(removed) > 0 {
			out = append(out, a.t("print.audit.holidays.removed")+": "+strings.Join(removed, ", "))
		}
		return strings.Join(out, "\n")
	}
	return ""
}

func (a *auditWords) spec(v any) string {
	if s, ok := v.(string); ok && s != "" {
		return s
	}
	return a.t("print.audit.schedule_default")
}

func merge[V any](m1, m2 map[string]V) map[string]V {
	out := maps.Clone(m1)
	if out == nil {
		out = map[string]V{}
	}
	maps.Copy(out, m2)
	return out
}

// str is a string field of a decoded document, or "".
func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// list is a decoded array, or nil.
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// number reads the numeric types a decoded document holds.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	}
	return 0, false
}

// empty reports a value that means "not set": missing, null, "", a zero
// time or an empty list.
func empty(v any) bool {
	switch y := v.(type) {
	case nil:
		return true
	case string:
		return y == ""
	case time.Time:
		return y.IsZero()
	case []any:
		return len(y) == 0
	}
	return false
}
