package store_test

import (
	"fmt"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
)

func TestCreateInvitesMakesOnePerOPDAndRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, code := range []string{"DISDIK", "BAPPEDA"} {
		if _, err := f.s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: code, Name: "Badan " + code}); err != nil {
			t.Fatal(err)
		}
	}
	invs, err := f.s.CreateInvites(ctx, f.admin, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleHead, quickwin.RoleStaff}, Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, inv := range invs {
		got = append(got, string(inv.Role)+" "+inv.OPDCode)
		if !inv.ExpiresAt.Equal(f.now.Add(30*24*time.Hour)) || inv.CreatedBy != f.admin.ID || !quickwin.ValidInviteToken(inv.Token) {
			t.Errorf("invite %+v", inv)
		}
	}
	if want := "[head BAPPEDA staff BAPPEDA head DINKES staff DINKES head DISDIK staff DISDIK]"; fmt.Sprint(got) != want {
		t.Errorf("invites %v, want %s", got, want)
	}
	open, err := f.s.OpenInvites(ctx, f.tenant.ID)
	if err != nil || len(open) != 6 {
		t.Fatalf("open invites: %d %v", len(open), err)
	}
	// One is used, time passes: used and expired invites are not open.
	if _, err := f.s.RedeemInvite(ctx, invs[0].Token, quickwin.TelegramUser{ID: 50, Name: "Kepala Bappeda"}); err != nil {
		t.Fatal(err)
	}
	if open, _ := f.s.OpenInvites(ctx, f.tenant.ID); len(open) != 5 {
		t.Errorf("after one joined: %d open", len(open))
	}
	f.now = f.now.Add(30*24*time.Hour + time.Second)
	if open, _ := f.s.OpenInvites(ctx, f.tenant.ID); len(open) != 0 {
		t.Errorf("after 30 days: %d open", len(open))
	}
}

func TestCreateInvitesRefusesWholeBatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if _, err := f.s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: "DISDIK", Name: "Dinas Pendidikan"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetOPDActive(ctx, f.admin, f.tenant.ID, "DISDIK", false); err != nil {
		t.Fatal(err)
	}
	before := countInvites(t, f)
	for _, tc := range []struct {
		name  string
		actor *quickwin.Member
		batch quickwin.InviteBatch
		code  string
		key   string
	}{
		{"head may not", f.head, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleHead}}, quickwin.EFORBIDDEN, ""},
		{"31 days", f.admin, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleHead}, Days: 31}, quickwin.EINVALID, "invite.invalid.days"},
		{"unknown codes named", f.admin, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleHead}, OPDs: []string{"dinkes", "NOPE", "NADA"}}, quickwin.ENOTFOUND, "invite.bulk.unknown_opds"},
		{"inactive", f.admin, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleStaff}, OPDs: []string{"DINKES", "DISDIK"}}, quickwin.EINVALID, "invite.bulk.inactive_opds"},
		{"no role", f.admin, quickwin.InviteBatch{}, quickwin.EINVALID, "invite.bulk.no_role"},
	} {
		_, err := f.s.CreateInvites(ctx, tc.actor, tc.batch)
		var qe *quickwin.Error
		if quickwin.ErrorCode(err) != tc.code || tc.key != "" && (!asError(err, &qe) || qe.Key != tc.key) {
			t.Errorf("%s: %v, want %s %s", tc.name, err, tc.code, tc.key)
		}
		if tc.key == "invite.bulk.unknown_opds" && qe != nil && qe.Data["Codes"] != "NOPE, NADA" {
			t.Errorf("unknown codes named: %v", qe.Data)
		}
	}
	if after := countInvites(t, f); after != before {
		t.Errorf("refused batches stored %d invites", after-before)
	}
}

// TestCreateInvitesLeavesNothingWhenTheInsertFailsHalfWay makes the third
// invite of a batch collide with an existing one: the two inserted before
// it are deleted again, the existing one is untouched.
func TestCreateInvitesLeavesNothingWhenTheInsertFailsHalfWay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, code := range []string{"DISDIK", "BAPPEDA", "DINSOS"} {
		if _, err := f.s.CreateOPD(ctx, f.admin, quickwin.OPD{TenantID: f.tenant.ID, Code: code, Name: "Dinas " + code}); err != nil {
			t.Fatal(err)
		}
	}
	existing, err := f.s.CreateInvite(ctx, f.admin, quickwin.RoleHead, "DINKES")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	f.s.SetInviteTokens(func() string {
		n++
		if n == 3 {
			return existing.Token
		}
		return fmt.Sprintf("batch-token-%d", n)
	})
	before := countInvites(t, f)
	if _, err := f.s.CreateInvites(ctx, f.admin, quickwin.InviteBatch{Roles: []quickwin.Role{quickwin.RoleHead}}); err == nil {
		t.Fatal("a colliding batch was stored")
	}
	if after := countInvites(t, f); after != before {
		t.Errorf("%d invites left behind by the failed batch", after-before)
	}
	var inv quickwin.Invite
	if err := f.s.Collection("invites").FindOne(ctx, bson.D{{Key: "_id", Value: existing.Token}}).Decode(&inv); err != nil || inv.OPDCode != "DINKES" {
		t.Errorf("the existing invite: %+v %v", inv, err)
	}
}

func countInvites(t *testing.T, f *fixture) int64 {
	t.Helper()
	n, err := f.s.Collection("invites").CountDocuments(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
