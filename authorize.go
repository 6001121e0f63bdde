package quickwin

// Action is something a member asks to do; Authorize decides.
type Action string

const (
	ActEditQuickWin Action = "commitment.edit" // create / edit / cancel a quick win
	ActEditSteps    Action = "steps.edit"      // add / edit / complete action steps
	ActReport       Action = "report.create"   // report realisation with evidence
	ActViewOPD      Action = "opd.view"        // see an OPD's quick wins and reports
	ActViewAll      Action = "all.view"        // see every OPD, the tenant digest
	ActLeaderboard  Action = "leaderboard.view"
	ActAsk          Action = "question.ask"    // ask an OPD a question on a quick win
	ActAnswer       Action = "question.answer" // answer a question put to one's OPD
	ActManage       Action = "tenant.manage"   // OPDs, invites, groups, schedules
	ActVerify       Action = "report.verify"
	ActExport       Action = "tenant.export"
	ActMembers      Action = "members.manage"     // list members and open invites
	ActDeactivate   Action = "members.deactivate" // deactivate a member (SPEC §3: admins only)
)

// Authorize returns nil when actor may do act on the OPD with code opd in
// tenant, and an EFORBIDDEN *Error that says why otherwise. opd may be empty
// for actions that are not about one OPD. It is the one place where the
// matrix of SPEC §3 lives; services call it before every change.
func Authorize(actor *Member, tenantID string, act Action, opd string) error {
	if actor == nil || actor.ID == "" {
		return Errorf(EFORBIDDEN, "not a member").WithKey("forbidden.stranger", nil)
	}
	if !actor.Active {
		return Errorf(EFORBIDDEN, "member %s is inactive", actor.ID).WithKey("forbidden.inactive", nil)
	}
	if actor.TenantID != tenantID {
		return Errorf(EFORBIDDEN, "member of tenant %s acting on tenant %s", actor.TenantID, tenantID).WithKey("forbidden.tenant", nil)
	}
	ownOPD := opd == "" || opd == actor.OPDCode
	allowed := false
	switch act {
	case ActEditQuickWin:
		allowed = actor.Role == RoleAdmin || actor.Role == RoleHead && ownOPD
	case ActEditSteps, ActReport:
		allowed = actor.Role == RoleAdmin || (actor.Role == RoleHead || actor.Role == RoleStaff) && ownOPD
	case ActViewOPD:
		allowed = actor.Role == RoleAdmin || actor.Role == RoleLeader || ownOPD
	case ActViewAll, ActAsk, ActExport, ActMembers:
		allowed = actor.Role == RoleAdmin || actor.Role == RoleLeader
	case ActLeaderboard:
		allowed = true
	case ActAnswer:
		allowed = actor.Role == RoleAdmin || actor.Role == RoleHead && ownOPD
	case ActManage, ActVerify, ActDeactivate:
		allowed = actor.Role == RoleAdmin
	}
	if !allowed {
		return Errorf(EFORBIDDEN, "role %s may not %s (opd %q)", actor.Role, act, opd).
			WithKey("forbidden."+string(act), map[string]any{"Role": string(actor.Role), "OPD": opd})
	}
	return nil
}
