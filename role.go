package quickwin

import (
	"strings"
	"unicode"
)

// Role is what a member may do in a tenant (SPEC §3).
type Role string

const (
	RoleAdmin  Role = "admin"  // Bappeda / Bagian Organisasi operator
	RoleLeader Role = "leader" // Sekda, Bupati, Wakil Bupati
	RoleHead   Role = "head"   // Kepala OPD
	RoleStaff  Role = "staff"  // Operator OPD
)

// Roles lists every role, in the order menus show them.
var Roles = []Role{RoleAdmin, RoleLeader, RoleHead, RoleStaff}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// NeedsOPD reports whether a member of this role belongs to an OPD.
func (r Role) NeedsOPD() bool { return r == RoleHead || r == RoleStaff }

// ParseRole accepts the role names people type in either language
// ("kepala", "head", "pimpinan", "operator", ...).
func ParseRole(s string) (Role, bool) {
	switch Keyword(s) {
	case "admin", "administrator":
		return RoleAdmin, true
	case "leader", "pimpinan", "sekda", "bupati", "wabup", "wakilbupati":
		return RoleLeader, true
	case "head", "kepala", "kepalaopd", "kadis":
		return RoleHead, true
	case "staff", "staf", "operator", "operatoropd":
		return RoleStaff, true
	}
	return "", false
}

// Keyword lower-cases s and keeps only its letters and digits, so that a
// word people type matches however they spell it ("Kepala OPD" → "kepalaopd").
func Keyword(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
