package locales

// AuditAction says what an audit entry's action did, in words, for a
// quick win's history (the chat's detail and the dashboard): the chat's
// short words (qw.audit.*), else the printed audit log's
// (print.audit.action.*, which also names imports), else "other change".
// Never the stored code.
func AuditAction(l Lang, action string) string {
	for _, key := range []string{"qw.audit." + action, "print.audit.action." + action} {
		if Has(l, key) {
			return T(l, key, nil)
		}
	}
	return T(l, "print.audit.action.other", nil)
}
