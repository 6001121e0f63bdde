package quickwin

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
	switch normalizeWord(s) {
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

func normalizeWord(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}
