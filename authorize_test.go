package quickwin

import "testing"

func TestAuthorizeMatrix(t *testing.T) {
	member := func(r Role, opd string) *Member {
		return &Member{ID: string(r), TenantID: "t1", Role: r, OPDCode: opd, Active: true}
	}
	actors := map[string]*Member{
		"admin": member(RoleAdmin, ""), "leader": member(RoleLeader, ""),
		"head": member(RoleHead, "DINKES"), "staff": member(RoleStaff, "DINKES"), "stranger": nil,
	}
	// want[action] lists who may act on their own OPD (DINKES) and on another (DISDIK).
	type allow struct{ own, other string }
	want := map[Action]allow{
		ActEditQuickWin: {"admin head", "admin"},
		ActEditSteps:    {"admin head staff", "admin"},
		ActReport:       {"admin head staff", "admin"},
		ActViewOPD:      {"admin leader head staff", "admin leader"},
		ActViewAll:      {"admin leader", "admin leader"},
		ActLeaderboard:  {"admin leader head staff", "admin leader head staff"},
		ActAsk:          {"admin leader", "admin leader"},
		ActAnswer:       {"admin head", "admin"},
		ActManage:       {"admin", "admin"},
		ActVerify:       {"admin", "admin"},
		ActExport:       {"admin leader", "admin leader"},
		ActMembers:      {"admin leader", "admin leader"},
		ActDeactivate:   {"admin", "admin"},
	}
	contains := func(list, name string) bool {
		for _, w := range splitWords(list) {
			if w == name {
				return true
			}
		}
		return false
	}
	for act, a := range want {
		for name, m := range actors {
			for _, opd := range []string{"DINKES", "DISDIK"} {
				expect := contains(a.own, name)
				if opd == "DISDIK" {
					expect = contains(a.other, name)
				}
				err := Authorize(m, "t1", act, opd)
				if got := err == nil; got != expect {
					t.Errorf("%s on %s by %s: allowed=%v, want %v", act, opd, name, got, expect)
				}
				if err != nil && ErrorCode(err) != EFORBIDDEN {
					t.Errorf("%s by %s: code %s, want forbidden", act, name, ErrorCode(err))
				}
			}
		}
	}
	if err := Authorize(actors["admin"], "t2", ActManage, ""); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("admin of another tenant: got %v, want forbidden", err)
	}
	inactive := member(RoleAdmin, "")
	inactive.Active = false
	if err := Authorize(inactive, "t1", ActLeaderboard, ""); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("inactive member: got %v, want forbidden", err)
	}
}

func splitWords(s string) []string {
	var out []string
	w := ""
	for _, r := range s + " " {
		if r == ' ' {
			if w != "" {
				out = append(out, w)
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return out
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]Role{"kepala": RoleHead, "Head": RoleHead, "operator": RoleStaff, "staf": RoleStaff, "pimpinan": RoleLeader, "ADMIN": RoleAdmin, "Kepala OPD": RoleHead} {
		if got, ok := ParseRole(in); !ok || got != want {
			t.Errorf("ParseRole(%q) = %s,%v want %s", in, got, ok, want)
		}
	}
	if _, ok := ParseRole("bos"); ok {
		t.Error("ParseRole(bos) accepted")
	}
}

func TestValidators(t *testing.T) {
	for code, ok := range map[string]bool{"DINKES": true, "D1": true, "KEC-SUMEDANG": true, "dinkes": false, "1DIN": false, "D": false, "WAYTOOLONGCODE1234": false, "DIN KES": false} {
		if got := ValidOPDCode(code); got != ok {
			t.Errorf("ValidOPDCode(%q) = %v, want %v", code, got, ok)
		}
	}
	long := ""
	for i := 0; i < 65; i++ {
		long += "a"
	}
	for tok, ok := range map[string]bool{"abc_DEF-123": true, "": false, long: false, long[:64]: true, "a b": false, "a+b": false} {
		if got := ValidInviteToken(tok); got != ok {
			t.Errorf("ValidInviteToken(%q) = %v, want %v", tok, got, ok)
		}
	}
}

func TestKeywordAndIsJob(t *testing.T) {
	for in, want := range map[string]string{"Kepala OPD": "kepalaopd", " Non-Aktif ": "nonaktif", "Bulan Lalu": "bulanlalu", "TW 2": "tw2"} {
		if got := Keyword(in); got != want {
			t.Errorf("Keyword(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsJob("reminders") || IsJob("pengingat") {
		t.Error("IsJob does not follow JobNames")
	}
}
