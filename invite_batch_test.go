package quickwin

import (
	"fmt"
	"testing"
	"time"
)

func TestInviteValidity(t *testing.T) {
	for _, tc := range []struct {
		days int
		want time.Duration
		ok   bool
	}{
		{0, 7 * 24 * time.Hour, true}, {1, 24 * time.Hour, true}, {30, 30 * 24 * time.Hour, true},
		{31, 0, false}, {-1, 0, false},
	} {
		got, err := InviteValidity(tc.days)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("InviteValidity(%d) = %v, %v", tc.days, got, err)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("InviteValidity(%d): code %s", tc.days, ErrorCode(err))
		}
	}
}

func TestPlanInvites(t *testing.T) {
	opds := []OPD{{Code: "DISDIK", Active: true}, {Code: "BAPPEDA", Active: true}, {Code: "DINSOS", Active: false}, {Code: "DINKES", Active: true}}
	head, staff, leader := RoleHead, RoleStaff, RoleLeader
	for _, tc := range []struct {
		name  string
		batch InviteBatch
		want  string
		code  string
	}{
		{"every active OPD, sorted", InviteBatch{Roles: []Role{head}}, "[head/BAPPEDA head/DINKES head/DISDIK]", ""},
		{"both roles per OPD", InviteBatch{Roles: []Role{staff, head, staff}, OPDs: []string{"disdik", " DINKES", "DISDIK"}}, "[staff/DINKES head/DINKES staff/DISDIK head/DISDIK]", ""},
		{"a leader needs no OPD", InviteBatch{Roles: []Role{leader}}, "[leader/]", ""},
		{"leader and heads", InviteBatch{Roles: []Role{head, leader}, OPDs: []string{"DINKES"}}, "[leader/ head/DINKES]", ""},
		{"unknown", InviteBatch{Roles: []Role{head}, OPDs: []string{"DINKES", "XX"}}, "", ENOTFOUND},
		{"inactive", InviteBatch{Roles: []Role{head}, OPDs: []string{"DINSOS"}}, "", EINVALID},
		{"no role", InviteBatch{OPDs: []string{"DINKES"}}, "", EINVALID},
		{"bad role", InviteBatch{Roles: []Role{"boss"}}, "", EINVALID},
		{"too long", InviteBatch{Roles: []Role{head}, Days: 45}, "", EINVALID},
	} {
		invs, err := PlanInvites(tc.batch, opds)
		if ErrorCode(err) != tc.code {
			t.Errorf("%s: error %v, want code %q", tc.name, err, tc.code)
			continue
		}
		var got []string
		for _, inv := range invs {
			got = append(got, string(inv.Role)+"/"+inv.OPDCode)
		}
		if err == nil && fmt.Sprint(got) != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
	if _, err := PlanInvites(InviteBatch{Roles: []Role{head}}, []OPD{{Code: "DINSOS"}}); ErrorCode(err) != EINVALID {
		t.Errorf("no active OPD: %v", err)
	}
}

func TestInviteCardsJoinNamesAndLinks(t *testing.T) {
	cards := InviteCards([]Invite{{Token: "abc", Role: RoleHead, OPDCode: "DINKES"}, {Token: "def", Role: RoleLeader}},
		[]OPD{{Code: "DINKES", Name: "Dinas Kesehatan"}}, "@qw_bot")
	if cards[0].OPDName != "Dinas Kesehatan" || cards[0].Link != "https://t.me/qw_bot?start=abc" || cards[1].OPDName != "" || cards[1].Link != "https://t.me/qw_bot?start=def" {
		t.Errorf("cards %+v", cards)
	}
}
