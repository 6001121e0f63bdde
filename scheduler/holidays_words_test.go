package scheduler_test

import (
	"errors"
	"strings"
	"testing"

	"quickwin"
	"quickwin/locales"
	"quickwin/scheduler"
)

// TestHolidayErrorsCarryWords: every refusal of a holiday file carries a
// locale key, so the admin reads it in their language (the English text
// stays for logs and the command line).
func TestHolidayErrorsCarryWords(t *testing.T) {
	t.Parallel()
	for in, key := range map[string]string{
		"tanggal\n17 Agustus\n": "holidays.error.not_a_date",
		"":                      "holidays.error.no_dates",
		"a;b;tanggal\n1;2\n":    "holidays.error.no_column",
	} {
		_, err := scheduler.ParseHolidays(strings.NewReader(in))
		var qe *quickwin.Error
		if !errors.As(err, &qe) || qe.Key != key {
			t.Errorf("%q: %v, want key %s", in, err, key)
			continue
		}
		for _, lang := range []locales.Lang{locales.ID, locales.EN} {
			if !locales.Has(lang, key) {
				t.Errorf("%s missing in %s", key, lang)
			}
		}
	}
}
