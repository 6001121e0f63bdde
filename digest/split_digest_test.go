package digest

import (
	"testing"
	"time"

	"quickwin/locales"
)

// TestSplitLargeDigests renders the digests of a regency of 40 OPDs with 25
// quick wins each and checks that they are cut cleanly into parts.
func TestSplitLargeDigests(t *testing.T) {
	t.Parallel()
	g := generate("big", 40, 25, 3, 1)
	now := time.Date(2027, 4, 5, 8, 0, 0, 0, jakarta)
	month := monthOf(time.Date(2027, 3, 1, 0, 0, 0, 0, jakarta), jakarta)
	for _, l := range locales.Supported() {
		ev := evaluate(&g.Tenant, jakarta, g.OPDs, clone(g.QuickWins), g.Reports, month, now)
		text := renderTenantDigest(l, ev)
		parts := Split(text, TelegramLimit)
		if len(parts) < 2 {
			t.Fatalf("%s: the 40-OPD digest fits in %d part; the test needs several", l, len(parts))
		}
		checkParts(t, text, parts, TelegramLimit, true)

		one := evaluate(&g.Tenant, jakarta, g.OPDs[:1], clone(g.QuickWins[:25]), g.Reports, month, now)
		text = renderOPDDigest(l, one, one.OPDs[0])
		parts = Split(text, TelegramLimit)
		if len(parts) < 2 {
			t.Fatalf("%s: the 25-quick-win OPD digest fits in %d part; the test needs several", l, len(parts))
		}
		checkParts(t, text, parts, TelegramLimit, true)
	}
}
