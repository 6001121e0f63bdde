package bot

import (
	"context"
	"testing"
	"time"

	"quickwin"
)

// TestVerifySkipsAndWraps: pending reports come oldest first; "next" skips
// one (its buttons go away) and wraps around; a report verified meanwhile
// is refused with its state, not verified twice.
func TestVerifySkipsAndWraps(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	staff := w.member(3)
	for _, title := range []string{"Posyandu aktif", "Puskesmas ramah"} {
		c := w.commit(t, w.numeric(title))
		v := 30.0
		if _, err := w.store.CreateReport(ctx, staff, &quickwin.Report{TenantID: w.tenant.ID, QuickWinID: c.ID, Value: &v}); err != nil {
			t.Fatal(err)
		}
		w.advance(time.Minute)
	}
	w.admin.Send("/verifikasi")
	first := w.message(w.admin)
	shows(t, first, "Posyandu aktif", "Laporan 1 dari 2", "Berikutnya")
	w.admin.Press(first, "Berikutnya")
	second := w.message(w.admin)
	shows(t, second, "Puskesmas ramah", "Laporan 2 dari 2")
	w.admin.Press(second, "Berikutnya")
	shows(t, w.message(w.admin), "Posyandu aktif", "Laporan 1 dari 2")

	w.admin.Press(second, "Verifikasi")
	shows(t, w.edit(w.admin), "Puskesmas ramah", "Terverifikasi")
	shows(t, w.message(w.admin), "Posyandu aktif", "Laporan 1 dari 1")
	shows(t, w.toast(w.admin.PressData(second.MessageID, "vf:v:"+reportOn(t, w, "Puskesmas ramah"))), "sudah diproses", "Terverifikasi")
	if reps, _ := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{State: quickwin.VerifyVerified}); len(reps) != 1 {
		t.Errorf("%d verified reports, want 1", len(reps))
	}
}

// reportOn is the id of the latest report on the quick win with title.
func reportOn(t *testing.T, w *qwWorld, title string) string {
	t.Helper()
	cs, _ := w.store.QuickWins(context.Background(), w.tenant.ID, quickwin.QuickWinFilter{})
	for _, c := range cs {
		if c.Title == title {
			return c.LastReportID
		}
	}
	t.Fatalf("no quick win %q", title)
	return ""
}
