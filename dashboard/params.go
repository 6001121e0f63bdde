package dashboard

import (
	"net/url"
	"strconv"
	"time"

	"quickwin"
)

// The pages take few query parameters; a malformed one is refused with a
// 404 page rather than guessed at (EINVALID becomes 404 in failErr).
// Parameters a page does not know are ignored: Telegram may add its own.

func badParam(name string) error {
	return quickwin.Errorf(quickwin.EINVALID, "bad query parameter %s", name)
}

// single returns the one value of a parameter; twice is malformed.
func single(q url.Values, name string) (string, error) {
	v := q[name]
	switch len(v) {
	case 0:
		return "", nil
	case 1:
		return v[0], nil
	}
	return "", badParam(name)
}

// monthParam reads m=YYYY-MM; absent: the month of now in loc.
func monthParam(q url.Values, now time.Time, loc *time.Location) (time.Time, error) {
	s, err := single(q, "m")
	if err != nil {
		return time.Time{}, err
	}
	if s == "" {
		n := now.In(loc)
		return time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil || len(s) != 7 || t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, badParam("m")
	}
	return t, nil
}

// intParam reads a small non-negative integer; absent: def.
func intParam(q url.Values, name string, def, limit int) (int, error) {
	s, err := single(q, name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > limit {
		return 0, badParam(name)
	}
	return n, nil
}

// enumParam reads one of allowed; absent: allowed[0].
func enumParam(q url.Values, name string, allowed ...string) (string, error) {
	s, err := single(q, name)
	if err != nil || s == "" {
		return allowed[0], err
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", badParam(name)
}

// monthOption is an entry of the month selector.
type monthOption struct {
	Key, Label string
	Selected   bool
}

// monthOptions lists the twelve months up to now's, newest first, and the
// selected one if it is older.
func monthOptions(p *page, selected, now time.Time, loc *time.Location) []monthOption {
	n := now.In(loc)
	first := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
	var out []monthOption
	found := false
	for i := 0; i < 12; i++ {
		m := first.AddDate(0, -i, 0)
		sel := quickwin.MonthKey(m) == quickwin.MonthKey(selected)
		found = found || sel
		out = append(out, monthOption{Key: quickwin.MonthKey(m), Label: p.Month(m), Selected: sel})
	}
	if !found {
		out = append(out, monthOption{Key: quickwin.MonthKey(selected), Label: p.Month(selected), Selected: true})
	}
	return out
}
