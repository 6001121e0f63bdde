package workbook

import (
	"errors"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// cellReader turns one table's cells into values, recording a problem for
// each cell that is not what its column needs.
type cellReader struct {
	f    *file
	t    *table
	lang locales.Lang   // notation of typed numbers, from the headers
	loc  *time.Location // dates are days in the tenant's zone
	now  time.Time      // "TW2" is the end of the second quarter of now's year
}

func (c *cellReader) bad(r row, name string, err error) {
	var pe *locales.ParseError
	if errors.As(err, &pe) {
		data := map[string]any{}
		for k, v := range pe.Data {
			data[k] = v
		}
		c.f.problem(c.t, r.n, name, pe.Key, data)
		return
	}
	var qe *quickwin.Error
	if errors.As(err, &qe) && qe.Key != "" {
		c.f.problem(c.t, r.n, name, qe.Key, qe.Data)
		return
	}
	c.f.problem(c.t, r.n, name, "import.bad_value", map[string]any{"Input": r.cells[name]})
}

// text returns a cell's text (empty when blank).
func (c *cellReader) text(r row, name string) string { return r.cells[name] }

// number reads a number: an Excel number as it is, typed text as in chat
// ("1.250,5", "150 juta", "Rp 1,5 M"). ok is false when the cell is empty
// or wrong (then a problem is recorded).
func (c *cellReader) number(r row, name string) (v float64, ok bool) {
	s, present := r.cells[name]
	if !present {
		return 0, false
	}
	if r.typed[name] {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			if r.percent[name] {
				v *= 100
			}
			return v, true
		}
	}
	v, err := locales.ParseAmount(s, c.lang)
	if err != nil {
		var pe *locales.ParseError
		if errors.As(err, &pe) && pe.Key == locales.KeyNumberFormat {
			c.f.problem(c.t, r.n, name, "import.not_number", map[string]any{"Input": s})
			return 0, false
		}
		c.bad(r, name, err)
		return 0, false
	}
	return v, true
}

// date reads a day: an Excel date, or typed as in chat (31/03/2027,
// 31 Maret 2027, TW2 2027), as midnight in the tenant's zone.
func (c *cellReader) date(r row, name string) (time.Time, bool) {
	s, present := r.cells[name]
	if !present {
		return time.Time{}, false
	}
	if r.typed[name] {
		if serial, err := strconv.ParseFloat(s, 64); err == nil {
			t, err := excelize.ExcelDateToTime(serial, false)
			if err != nil || serial < 1 {
				c.f.problem(c.t, r.n, name, "import.not_date", map[string]any{"Input": s})
				return time.Time{}, false
			}
			y, m, d := t.Date()
			if y < locales.MinYear || y > locales.MaxYear {
				c.f.problem(c.t, r.n, name, "import.not_date", map[string]any{"Input": s})
				return time.Time{}, false
			}
			return time.Date(y, m, d, 0, 0, 0, 0, c.loc), true
		}
	}
	t, err := locales.ParseDate(s, c.lang, c.now.In(c.loc))
	if err != nil {
		var pe *locales.ParseError
		if errors.As(err, &pe) && (pe.Key == locales.KeyDateFormat || pe.Key == locales.KeyDateInvalid) {
			c.f.problem(c.t, r.n, name, "import.not_date", map[string]any{"Input": s})
			return time.Time{}, false
		}
		c.bad(r, name, err)
		return time.Time{}, false
	}
	return t, true
}

// choice reads a value of a fixed set, in either language; the problem
// lists what the column accepts.
func (c *cellReader) choice(r row, name string, values map[string]string, allowed string) (string, bool) {
	s, present := r.cells[name]
	if !present {
		return "", false
	}
	if v, ok := values[quickwin.Keyword(s)]; ok {
		return v, true
	}
	c.f.problem(c.t, r.n, name, "import.not_one_of", map[string]any{"Input": s, "Allowed": allowed})
	return "", false
}

// enum builds the lookup of a fixed set: each value's internal name and
// its words in both languages under the given key prefixes.
func enum(values []string, prefixes []string, extra map[string]string) map[string]string {
	m := map[string]string{}
	for _, v := range values {
		m[quickwin.Keyword(v)] = v
		for _, l := range locales.Supported() {
			for _, p := range prefixes {
				if locales.Has(l, p+v) {
					m[quickwin.Keyword(locales.T(l, p+v, nil))] = v
				}
			}
		}
	}
	for k, v := range extra {
		m[quickwin.Keyword(k)] = v
	}
	return m
}

var (
	kindValues = enum([]string{string(quickwin.KindNumeric), string(quickwin.KindMilestone)},
		[]string{"report.xlsx.kind.", "import.kind."},
		map[string]string{"numerik": "numeric", "angka": "numeric", "tahapan": "milestone", "milestone": "milestone"})
	directionValues = enum([]string{string(quickwin.HigherIsBetter), string(quickwin.LowerIsBetter)},
		[]string{"report.xlsx.direction.", "import.direction."},
		map[string]string{"naik": "higher", "tinggi": "higher", "turun": "lower", "rendah": "lower", "up": "higher", "down": "lower"})
	sourceValues = enum([]string{string(quickwin.SourceAPBD), string(quickwin.SourceDPA), string(quickwin.SourceNonAPBD)},
		nil, map[string]string{"non apbd": "non-APBD", "nonapbd": "non-APBD"})
	statusValues = enum([]string{string(quickwin.StatusDraft), string(quickwin.StatusActive), string(quickwin.StatusDone), string(quickwin.StatusCancelled)},
		[]string{"report.xlsx.status."}, nil)
	yesNoValues = map[string]string{"ya": "yes", "yes": "yes", "y": "yes", "true": "yes", "1": "yes",
		"tidak": "no", "no": "no", "n": "no", "t": "no", "false": "no", "0": "no", "bukan": "no"}
)

// choices lists the words a person may write in lang, for messages and
// drop-down lists.
func choices(lang locales.Lang, prefix string, values ...string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		if prefix != "" && locales.Has(lang, prefix+v) {
			out[i] = locales.T(lang, prefix+v, nil)
		} else {
			out[i] = v
		}
	}
	return out
}
