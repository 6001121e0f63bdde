package store_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
	"quickwin/store/storetest"
)

var ctx = context.Background()

// fixture is a tenant with an admin, one OPD with a head and a staff member, and a leader.
type fixture struct {
	s                          *store.Store
	tenant                     *quickwin.Tenant
	admin, head, staff, leader *quickwin.Member
	now                        time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := storetest.New(t)
	f := &fixture{s: s, now: time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)}
	s.Clock = quickwin.ClockFunc(func() time.Time { return f.now })
	var err error
	if f.tenant, err = s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id"); err != nil {
		t.Fatal(err)
	}
	if f.admin, err = s.EnsureAdmin(ctx, f.tenant.ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: "dinkes", Name: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	join := func(role quickwin.Role, opd string, id int64) *quickwin.Member {
		inv, err := s.CreateInvite(ctx, f.admin, role, opd)
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: id, Name: string(role), Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	f.head, f.staff, f.leader = join(quickwin.RoleHead, "DINKES", 2), join(quickwin.RoleStaff, "DINKES", 3), join(quickwin.RoleLeader, "", 4)
	return f
}

func (f *fixture) numeric(t *testing.T, status quickwin.Status) *quickwin.QuickWin {
	t.Helper()
	c := &quickwin.QuickWin{
		TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Turunkan stunting", Kind: quickwin.KindNumeric,
		Baseline: 24, Target: 20, Unit: "%", Direction: quickwin.LowerIsBetter, Status: status,
		Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC),
		Steps: []quickwin.Step{{Title: "Pendataan", Due: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}},
	}
	if err := f.s.CreateQuickWin(ctx, f.head, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := quickwin.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func TestEnsureTenantIsIdempotent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	again, err := f.s.EnsureTenant(ctx, "other", "Asia/Makassar", "en")
	if err != nil || again.ID != f.tenant.ID || again.TimeZone != "Asia/Jakarta" {
		t.Fatalf("second EnsureTenant: %+v, %v", again, err)
	}
	if _, err := f.s.EnsureAdmin(ctx, f.tenant.ID, 1); err != nil {
		t.Fatal(err)
	}
	ms, _ := f.s.Members(ctx, f.tenant.ID, false)
	if len(ms) != 4 {
		t.Errorf("members = %d, want 4 (admin once)", len(ms))
	}
}

func TestOPDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: "DINKES", Name: "Lagi"})
	wantCode(t, err, quickwin.ECONFLICT)
	_, err = f.s.CreateOPD(ctx, f.head, quickwin.OPD{TenantID: f.tenant.ID, Code: "DISDIK", Name: "Dinas Pendidikan"})
	wantCode(t, err, quickwin.EFORBIDDEN)
	_, err = f.s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: "dis dik", Name: "x"})
	wantCode(t, err, quickwin.EINVALID)

	// Import is all or none: a bad row stops every row.
	_, _, err = f.s.ImportOPDs(ctx, f.tenant.ID, []quickwin.OPD{{Code: "DISDIK", Name: "Dinas Pendidikan"}, {Code: "??", Name: "Bad"}})
	wantCode(t, err, quickwin.EINVALID)
	if _, err := f.s.OPD(ctx, f.tenant.ID, "DISDIK"); quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		t.Fatalf("half an import was stored: %v", err)
	}
	created, updated, err := f.s.ImportOPDs(ctx, f.tenant.ID, []quickwin.OPD{{Code: "DISDIK", Name: "Dinas Pendidikan"}, {Code: "DINKES", Name: "Dinas Kesehatan Kab."}})
	if err != nil || created != 1 || updated != 1 {
		t.Fatalf("import: created %d updated %d err %v", created, updated, err)
	}
	if err := f.s.RenameOPD(ctx, f.admin, f.tenant.ID, "disdik", "Dinas Pendidikan dan Kebudayaan"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetOPDActive(ctx, f.admin, f.tenant.ID, "DISDIK", false); err != nil {
		t.Fatal(err)
	}
	active, _ := f.s.OPDs(ctx, f.tenant.ID, true)
	all, _ := f.s.OPDs(ctx, f.tenant.ID, false)
	if len(active) != 1 || len(all) != 2 || all[1].Name != "Dinas Pendidikan dan Kebudayaan" {
		t.Errorf("active %d all %d (%+v)", len(active), len(all), all)
	}
	audit, _ := f.s.Audit(ctx, f.tenant.ID, "DISDIK", 0)
	if len(audit) != 2 || audit[0].Action != "opd.rename" || audit[0].ActorID != f.admin.ID {
		t.Errorf("audit of DISDIK: %+v", audit)
	}
}

func TestInvites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if f.head.Role != quickwin.RoleHead || f.head.OPDCode != "DINKES" || f.head.Lang != "en" {
		t.Fatalf("head joined as %+v", f.head)
	}
	_, err := f.s.CreateInvite(ctx, f.head, quickwin.RoleStaff, "DINKES")
	wantCode(t, err, quickwin.EFORBIDDEN)
	_, err = f.s.CreateInvite(ctx, f.admin, quickwin.RoleHead, "")
	wantCode(t, err, quickwin.EINVALID)
	_, err = f.s.CreateInvite(ctx, f.admin, quickwin.RoleHead, "NOPE")
	wantCode(t, err, quickwin.ENOTFOUND)

	inv, err := f.s.CreateInvite(ctx, f.admin, quickwin.RoleStaff, "dinkes")
	if err != nil || len(inv.Token) > 64 || !quickwin.ValidInviteToken(inv.Token) {
		t.Fatalf("invite %+v %v", inv, err)
	}
	// Ten people race for one token: exactly one joins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := int64(0); i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: 100 + i, Name: "x"}); err == nil {
				wins.Add(1)
			} else if quickwin.ErrorCode(err) != quickwin.ECONFLICT {
				t.Errorf("loser got %v, want conflict", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d people joined with one token, want 1", wins.Load())
	}
	_, err = f.s.RedeemInvite(ctx, inv.Token, quickwin.TelegramUser{ID: 200})
	var qe *quickwin.Error
	if quickwin.ErrorCode(err) != quickwin.ECONFLICT || !asError(err, &qe) || qe.Key != "invite.used" {
		t.Errorf("reused token: %v", err)
	}
	_, err = f.s.RedeemInvite(ctx, "unknown-token", quickwin.TelegramUser{ID: 200})
	wantCode(t, err, quickwin.ENOTFOUND)
	_, err = f.s.RedeemInvite(ctx, "bad token!", quickwin.TelegramUser{ID: 200})
	wantCode(t, err, quickwin.ENOTFOUND)

	old, _ := f.s.CreateInvite(ctx, f.admin, quickwin.RoleLeader, "")
	f.now = f.now.Add(quickwin.InviteTTL + time.Minute)
	_, err = f.s.RedeemInvite(ctx, old.Token, quickwin.TelegramUser{ID: 201})
	if !asError(err, &qe) || qe.Key != "invite.expired" {
		t.Errorf("expired token: %v", err)
	}
}

func asError(err error, target **quickwin.Error) bool {
	e, ok := err.(*quickwin.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestMembers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m, err := f.s.MemberByTelegramID(ctx, 3)
	if err != nil || m.ID != f.staff.ID {
		t.Fatalf("by telegram id: %+v %v", m, err)
	}
	wantCode(t, f.s.DeactivateMember(ctx, f.head, f.staff.ID), quickwin.EFORBIDDEN)
	wantCode(t, f.s.DeactivateMember(ctx, f.leader, f.admin.ID), quickwin.EFORBIDDEN)
	// Leaders see members; only admins deactivate them (SPEC §3).
	wantCode(t, f.s.DeactivateMember(ctx, f.leader, f.staff.ID), quickwin.EFORBIDDEN)
	if err := f.s.DeactivateMember(ctx, f.admin, f.staff.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.MemberByTelegramID(ctx, 3)
	wantCode(t, err, quickwin.ENOTFOUND)
	if err := f.s.MarkBlocked(ctx, 2); err != nil {
		t.Fatal(err)
	}
	active, _ := f.s.Members(ctx, f.tenant.ID, true)
	if len(active) != 2 {
		t.Errorf("active members = %d, want 2", len(active))
	}
	if err := f.s.SetMemberLang(ctx, f.admin.ID, "en"); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.s.Member(ctx, f.admin.ID); a.Lang != "en" {
		t.Errorf("lang = %s", a.Lang)
	}
}

func TestQuickWinLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusDraft)
	if c.Code != "DINKES-01" || c.Version != 1 || c.Steps[0].ID == "" {
		t.Fatalf("created %+v", c)
	}
	c2 := f.numeric(t, quickwin.StatusActive)
	if c2.Code != "DINKES-02" {
		t.Errorf("second code = %s", c2.Code)
	}
	bad := &quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "x", Kind: quickwin.KindMilestone}
	wantCode(t, f.s.CreateQuickWin(ctx, f.head, bad), quickwin.EINVALID)
	wantCode(t, f.s.CreateQuickWin(ctx, f.staff, &quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES"}), quickwin.EFORBIDDEN)

	// Changing the target of an active quick win needs a reason.
	_, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c2.ID, "commitment.edit", "", func(c *quickwin.QuickWin) error {
		c.Target = 18
		return nil
	})
	wantCode(t, err, quickwin.EINVALID)
	got, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c2.ID, "commitment.edit", "arahan Bupati", func(c *quickwin.QuickWin) error {
		c.Target = 18
		return nil
	})
	if err != nil || got.Target != 18 || got.Version != 2 {
		t.Fatalf("update: %+v %v", got, err)
	}
	audit, _ := f.s.Audit(ctx, f.tenant.ID, c2.ID, 0)
	last := audit[len(audit)-1]
	if last.Reason != "arahan Bupati" || last.Action != "commitment.edit" {
		t.Errorf("audit: %+v", last)
	}
	// A draft's target changes without a reason.
	if _, err := f.s.UpdateQuickWin(ctx, f.head, quickwin.ActEditQuickWin, f.tenant.ID, c.ID, "commitment.edit", "", func(c *quickwin.QuickWin) error {
		c.Target = 19
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// Staff edit steps but not the quick win itself.
	_, err = f.s.UpdateQuickWin(ctx, f.staff, quickwin.ActEditQuickWin, f.tenant.ID, c.ID, "commitment.edit", "", func(c *quickwin.QuickWin) error { return nil })
	wantCode(t, err, quickwin.EFORBIDDEN)
	// A step due after the deadline is refused.
	_, err = f.s.UpdateQuickWin(ctx, f.staff, quickwin.ActEditSteps, f.tenant.ID, c.ID, "step.add", "", func(c *quickwin.QuickWin) error {
		c.Steps = append(c.Steps, quickwin.Step{Title: "Terlambat", Due: c.Deadline.AddDate(0, 1, 0)})
		return nil
	})
	wantCode(t, err, quickwin.EINVALID)

	list, err := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{OPDCode: "DINKES", Statuses: []quickwin.Status{quickwin.StatusActive}})
	if err != nil || len(list) != 1 || list[0].ID != c2.ID {
		t.Errorf("active list: %d %v", len(list), err)
	}
	byCode, err := f.s.QuickWinByCode(ctx, f.tenant.ID, "dinkes-01")
	if err != nil || byCode.ID != c.ID {
		t.Errorf("by code: %v", err)
	}
}

func TestConcurrentStepUpdatesAreNotLost(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.s.UpdateQuickWin(ctx, f.staff, quickwin.ActEditSteps, f.tenant.ID, c.ID, "step.add", "", func(c *quickwin.QuickWin) error {
				c.Steps = append(c.Steps, quickwin.Step{Title: "Langkah", Due: c.Deadline})
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := f.s.QuickWin(ctx, f.tenant.ID, c.ID)
	if len(got.Steps) != 9 {
		t.Errorf("steps = %d, want 9: concurrent updates were lost", len(got.Steps))
	}
}

func TestReportsAndVerification(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	v := 22.0
	_, err := f.s.CreateReport(ctx, f.leader, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v})
	wantCode(t, err, quickwin.EFORBIDDEN)
	_, err = f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID})
	wantCode(t, err, quickwin.EINVALID)

	r := &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v, Note: "data Maret",
		Evidence: []quickwin.Evidence{{FileID: "p1", Kind: "photo"}, {FileID: "p2", Kind: "photo"}}}
	updated, err := f.s.CreateReport(ctx, f.staff, r)
	if err != nil {
		t.Fatal(err)
	}
	if updated.LastValue == nil || *updated.LastValue != 22 || updated.LastState != quickwin.VerifyPending || updated.Capaian() != 90 {
		t.Fatalf("quick win after report: %+v capaian %v", updated, updated.Capaian())
	}
	_, err = f.s.VerifyReport(ctx, f.head, f.tenant.ID, r.ID)
	wantCode(t, err, quickwin.EFORBIDDEN)
	_, err = f.s.ReturnReport(ctx, f.admin, f.tenant.ID, r.ID, "")
	wantCode(t, err, quickwin.EINVALID)
	ret, err := f.s.ReturnReport(ctx, f.admin, f.tenant.ID, r.ID, "foto buram")
	if err != nil || ret.State != quickwin.VerifyReturned || ret.Reason != "foto buram" {
		t.Fatalf("return: %+v %v", ret, err)
	}
	_, err = f.s.VerifyReport(ctx, f.admin, f.tenant.ID, r.ID)
	wantCode(t, err, quickwin.ECONFLICT)
	v2 := 21.0
	if _, err := f.s.CorrectReport(ctx, f.staff, f.tenant.ID, r.ID, &v2, "data diperbaiki", []quickwin.Evidence{{FileID: "p3", Kind: "photo"}}); err != nil {
		t.Fatal(err)
	}
	ver, err := f.s.VerifyReport(ctx, f.admin, f.tenant.ID, r.ID)
	if err != nil || ver.State != quickwin.VerifyVerified || *ver.Value != 21 {
		t.Fatalf("verify: %+v %v", ver, err)
	}
	got, _ := f.s.QuickWin(ctx, f.tenant.ID, c.ID)
	if got.LastState != quickwin.VerifyVerified || *got.LastValue != 21 || got.VerifiedValue == nil || *got.VerifiedValue != 21 {
		t.Errorf("quick win not in step with its report: %+v", got)
	}
	pending, _ := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{State: quickwin.VerifyPending})
	all, _ := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{QuickWinID: c.ID})
	if len(pending) != 0 || len(all) != 1 {
		t.Errorf("pending %d all %d", len(pending), len(all))
	}
}

func TestMilestoneReportFinishesQuickWin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := &quickwin.QuickWin{TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Posyandu digital", Kind: quickwin.KindMilestone, Status: quickwin.StatusActive,
		Start: f.now, Deadline: f.now.AddDate(0, 3, 0), Steps: []quickwin.Step{{Title: "Rapat", Due: f.now.AddDate(0, 1, 0)}, {Title: "Uji coba", Due: f.now.AddDate(0, 2, 0)}}}
	if err := f.s.CreateQuickWin(ctx, f.head, c); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, StepsDone: []string{"nope"}})
	wantCode(t, err, quickwin.EINVALID)
	got, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, StepsDone: []string{c.Steps[0].ID}})
	if err != nil || got.Capaian() != 50 || got.Status != quickwin.StatusActive {
		t.Fatalf("half: %v %v", got.Capaian(), err)
	}
	got, err = f.s.CreateReport(ctx, f.staff, &quickwin.Report{TenantID: f.tenant.ID, QuickWinID: c.ID, StepsDone: []string{c.Steps[1].ID}})
	if err != nil || got.Capaian() != 100 || got.Status != quickwin.StatusDone {
		t.Fatalf("all steps: %v %s %v", got.Capaian(), got.Status, err)
	}
}

func TestQuestions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.numeric(t, quickwin.StatusActive)
	_, err := f.s.AskQuestion(ctx, f.head, f.tenant.ID, c.ID, "Kenapa terlambat?")
	wantCode(t, err, quickwin.EFORBIDDEN)
	q, err := f.s.AskQuestion(ctx, f.leader, f.tenant.ID, c.ID, "Kenapa terlambat?")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.AnswerQuestion(ctx, f.staff, f.tenant.ID, q.ID, "Karena hujan")
	wantCode(t, err, quickwin.EFORBIDDEN)
	a, err := f.s.AnswerQuestion(ctx, f.head, f.tenant.ID, q.ID, "Karena hujan")
	if err != nil || a.Answer != "Karena hujan" {
		t.Fatalf("answer %+v %v", a, err)
	}
	_, err = f.s.AnswerQuestion(ctx, f.head, f.tenant.ID, q.ID, "lagi")
	wantCode(t, err, quickwin.ECONFLICT)
	qs, _ := f.s.Questions(ctx, f.tenant.ID, c.ID)
	if len(qs) != 1 {
		t.Errorf("questions = %d", len(qs))
	}
}

func TestProcessedUpdates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ok, err := f.s.ClaimUpdate(ctx, "u:42", "a")
	if !ok || err != nil {
		t.Fatalf("first claim %v %v", ok, err)
	}
	if ok, _ := f.s.ClaimUpdate(ctx, "u:42", "b"); ok {
		t.Fatal("an update in progress was claimed twice")
	}
	f.now = f.now.Add(store.UpdateRetryAfter + time.Second)
	if ok, _ := f.s.ClaimUpdate(ctx, "u:42", "b"); !ok {
		t.Fatal("an update whose handler died was not taken over")
	}
	_ = f.s.FinishUpdates(ctx, []string{"u:42"})
	f.now = f.now.Add(time.Hour)
	if ok, _ := f.s.ClaimUpdate(ctx, "u:42", "c"); ok {
		t.Fatal("a finished update was claimed again")
	}
	f.now = f.now.Add(25 * time.Hour)
	if n, err := f.s.PruneUpdates(ctx, f.now.Add(-24*time.Hour)); n != 1 || err != nil {
		t.Errorf("pruned %d %v", n, err)
	}
}

func TestConversations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.s.Conversation(ctx, 10, 10)
	wantCode(t, err, quickwin.ENOTFOUND)
	c := &quickwin.Conversation{ChatID: 10, UserID: 10, Wizard: "new", State: "title", Data: map[string]string{"title": "A"}}
	if err := f.s.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Conversation(ctx, 10, 10)
	if err != nil || got.Data["title"] != "A" || got.State != "title" {
		t.Fatalf("got %+v %v", got, err)
	}
	f.now = f.now.Add(25 * time.Hour)
	idle, _ := f.s.IdleConversations(ctx, f.now.Add(-24*time.Hour), 10)
	if len(idle) != 1 {
		t.Errorf("idle = %d", len(idle))
	}
	_ = f.s.DeleteConversation(ctx, 10, 10)
	_, err = f.s.Conversation(ctx, 10, 10)
	wantCode(t, err, quickwin.ENOTFOUND)
}

// TestEmbeddedDataSurvivesRestart starts the embedded database on a
// directory, writes, stops it, starts it again and reads.
func TestEmbeddedDataSurvivesRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	open := func() *store.Store {
		s, err := store.Open(ctx, store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Embedded() {
			t.Fatal("no URI given, but the store is not embedded")
		}
		return s
	}
	s := open()
	tn, err := s.EnsureTenant(ctx, "Pemkab", "Asia/Makassar", "id")
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close(ctx)
	if files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite")); len(files) == 0 {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no sqlite file in the data dir: %v", entries)
	}
	s = open()
	defer s.Close(ctx)
	got, err := s.Tenant(ctx, tn.ID)
	if err != nil || got.TimeZone != "Asia/Makassar" {
		t.Fatalf("after restart: %+v %v", got, err)
	}
}

func TestUnreachableDatabaseIsUnavailable(t *testing.T) {
	t.Parallel()
	_, err := store.Open(ctx, store.Config{URI: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"})
	if err == nil {
		t.Fatal("open of an unreachable database succeeded")
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	for i := 0; i < 2; i++ {
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrate #%d: %v", i+2, err)
		}
	}
}

// TestCreatesWithAChosenIDAreIdempotent: the bot gives a wizard's final
// write an id derived from the wizard, so a redelivered confirmation
// finds the quick win or report saved instead of saving it twice.
func TestCreatesWithAChosenIDAreIdempotent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mk := func() *quickwin.QuickWin {
		return &quickwin.QuickWin{ID: "0123456789abcdef01234567", TenantID: f.tenant.ID, OPDCode: "DINKES", Title: "Posyandu", Kind: quickwin.KindMilestone,
			Status: quickwin.StatusActive, Start: f.now, Deadline: f.now.AddDate(0, 3, 0)}
	}
	first, again := mk(), mk()
	if err := f.s.CreateQuickWin(ctx, f.head, first); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CreateQuickWin(ctx, f.head, again); err != nil || again.Code != first.Code {
		t.Fatalf("second create: code %q (%v), want %q", again.Code, err, first.Code)
	}
	if all, _ := f.s.QuickWins(ctx, f.tenant.ID, quickwin.QuickWinFilter{}); len(all) != 1 {
		t.Errorf("%d quick wins, want 1", len(all))
	}
	if next := f.numeric(t, quickwin.StatusActive); next.Code != "DINKES-02" {
		t.Errorf("next code %s: the retry used a number", next.Code)
	}
	v := 20.0
	c, _ := f.s.QuickWinByCode(ctx, f.tenant.ID, "DINKES-02")
	for i := 0; i < 2; i++ {
		if _, err := f.s.CreateReport(ctx, f.staff, &quickwin.Report{ID: "fedcba9876543210fedcba98", TenantID: f.tenant.ID, QuickWinID: c.ID, Value: &v}); err != nil {
			t.Fatal(err)
		}
	}
	if reps, _ := f.s.Reports(ctx, f.tenant.ID, quickwin.ReportFilter{QuickWinID: c.ID}); len(reps) != 1 {
		t.Errorf("%d reports, want 1", len(reps))
	}
}

func TestGroupLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	g := quickwin.Group{ChatID: -100500, TenantID: f.tenant.ID, Title: "Forum Kepala OPD"}
	if err := f.s.RegisterGroup(ctx, f.admin, g); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.SetGroupLang(ctx, f.leader, g.ChatID, "en"), quickwin.EFORBIDDEN)
	wantCode(t, f.s.SetGroupLang(ctx, f.admin, -1, "en"), quickwin.ENOTFOUND)
	if err := f.s.SetGroupLang(ctx, f.admin, g.ChatID, "en"); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Group(ctx, g.ChatID)
	if err != nil || got.Lang != "en" || got.Title != "Forum Kepala OPD" || !got.Active {
		t.Errorf("group %+v %v", got, err)
	}
	_, err = f.s.Group(ctx, -1)
	wantCode(t, err, quickwin.ENOTFOUND)
}
