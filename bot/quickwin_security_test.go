package bot

import (
	"context"
	"testing"

	"quickwin"
	"quickwin/telegramtest"
)

// TestForgedAndStalePressesChangeNothing presses buttons people were never
// given (another OPD's quick win, an admin's verification, a head's
// cancellation), malformed data, and ids that do not exist: each press is
// answered with a short refusal and nothing changes.
func TestForgedAndStalePressesChangeNothing(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	own := w.commit(t, w.numeric("Posyandu aktif"))
	other := w.commit(t, quickwin.QuickWin{OPDCode: "DISDIK", Title: "Sekolah ramah anak", Kind: quickwin.KindMilestone,
		Start: w.day(2027, 3, 1), Deadline: w.day(2027, 6, 30), Status: quickwin.StatusActive, Steps: []quickwin.Step{{Title: "Survei", Due: w.day(2027, 4, 1)}}})
	v := 40.0
	if _, err := w.store.CreateReport(ctx, w.member(3), &quickwin.Report{TenantID: w.tenant.ID, QuickWinID: own.ID, Value: &v}); err != nil {
		t.Fatal(err)
	}
	reps, _ := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{})
	rid := reps[0].ID
	const nowhere = "0123456789abcdef01234567"
	before := w.audit(t)
	replies := func() int {
		n := 0
		for _, u := range []*telegramtest.User{w.staff, w.head, w.leader} {
			for _, s := range u.Sent() {
				if s.IsReply() {
					n++
				}
			}
		}
		return n
	}
	repliesBefore := replies()

	for _, tc := range []struct {
		who  *telegramtest.User
		data string
		want string
	}{
		{w.staff, "qc:x:" + own.ID, "Hanya Kepala OPD pemilik dan admin"},
		{w.staff, "qc:t:" + own.ID, "Hanya Kepala OPD pemilik dan admin"},
		{w.staff, "vf:v:" + rid, "Hanya admin yang dapat memverifikasi"},
		{w.head, "vf:r:" + rid, "Hanya admin yang dapat memverifikasi"},
		{w.head, "rp:" + other.ID, "Hanya Kepala OPD, Operator OPD pemilik"},
		{w.head, "pl:a:" + other.ID, "Hanya Kepala OPD, Operator OPD pemilik"},
		{w.head, "sd:" + other.ID + ":" + other.Steps[0].ID, "Hanya Kepala OPD, Operator OPD pemilik"},
		{w.head, "qw:" + other.ID + ":DISDIK:0", "hanya dapat melihat data OPD Anda sendiri"},
		{w.leader, "rp:" + own.ID, "Hanya Kepala OPD, Operator OPD pemilik"},
		{w.staff, "qq:" + own.ID, "Hanya pimpinan dan admin"},
		{w.staff, "fx:" + rid, "tidak sedang dikembalikan"},
		{w.staff, "rp:" + nowhere, "tidak berlaku"},
		{w.staff, "sd:" + own.ID + ":ffffff", "tidak berlaku"},
		{w.staff, "pl:s:" + own.ID + ":ffffff", "tidak berlaku"},
		{w.staff, "qa:" + nowhere, "tidak berlaku"},
		{w.staff, "rp:XYZ", "tidak berlaku"},
		{w.staff, "rp:" + own.ID + ":more", "tidak berlaku"},
		{w.staff, "pl:q:" + own.ID, "tidak berlaku"},
		{w.staff, "ls:dinkes:0", "tidak berlaku"},
		{w.staff, "ls:DINKES:01", "tidak berlaku"},
	} {
		shows(t, w.toast(tc.who.PressData(1, tc.data)), tc.want)
	}
	if n := replies() - repliesBefore; n != 0 {
		t.Errorf("forged presses got %d messages; want only short answers", n)
	}
	if n := w.audit(t); n != before {
		t.Errorf("forged presses wrote %d audit entries", n-before)
	}
	if rep, _ := w.store.Report(ctx, w.tenant.ID, rid); rep.State != quickwin.VerifyPending {
		t.Errorf("report %s", rep.State)
	}
	for _, u := range []*telegramtest.User{w.staff, w.head, w.leader} {
		if _, err := w.store.Conversation(ctx, u.ID, u.ID); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			t.Errorf("a forged press opened a wizard for %d: %v", u.ID, err)
		}
	}
}

// TestReportOnAnotherOPDRefused: staff of DINKES cannot report on DISDIK's
// quick win, typed or pressed; no wizard starts and nothing is stored.
func TestReportOnAnotherOPDRefused(t *testing.T) {
	t.Parallel()
	w := newQW(t, "id")
	ctx := context.Background()
	other := w.commit(t, quickwin.QuickWin{OPDCode: "DISDIK", Title: "Sekolah ramah anak", Kind: quickwin.KindNumeric, Target: 10, Direction: quickwin.HigherIsBetter,
		Start: w.day(2027, 3, 1), Deadline: w.day(2027, 6, 30), Status: quickwin.StatusActive})
	w.staff.Send("/lapor DISDIK-01")
	shows(t, w.message(w.staff), "Hanya Kepala OPD, Operator OPD pemilik, dan admin yang dapat melapor")
	w.staff.Send("/lapor DISDIK")
	shows(t, w.message(w.staff), "Hanya Kepala OPD, Operator OPD pemilik, dan admin yang dapat melapor")
	w.staff.Send("/rencana DISDIK-01")
	shows(t, w.message(w.staff), "Hanya Kepala OPD, Operator OPD pemilik, dan admin yang dapat mengubah langkah")
	shows(t, w.toast(w.staff.PressData(1, "rp:"+other.ID)), "Hanya Kepala OPD, Operator OPD pemilik")
	if _, err := w.store.Conversation(ctx, 3, 3); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Errorf("a refused report opened a wizard: %v", err)
	}
	if reps, _ := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{}); len(reps) != 0 {
		t.Errorf("reports: %+v", reps)
	}
	// The admin may report for any OPD.
	w.admin.Send("/lapor DISDIK-01")
	shows(t, w.message(w.admin), "Langkah 1 dari 4", "Sekolah ramah anak")
}
