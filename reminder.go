package quickwin

// The reminder occasions of SPEC §7: which days before and after a deadline
// an item (a quick win or an action step) is reminded to its OPD, and when
// the leaders are told of a late quick win. The scheduler moves an occasion
// that falls on a day off (before a deadline: to the working day before;
// after it: to the next working day, never early) and sends it.

// RemindedBefore reports whether an item due in n days is reminded on that
// day: 7, 3 and 1 days before and on the day itself.
func RemindedBefore(n int) bool { return n == 7 || n == 3 || n == 1 || n == 0 }

// RemindedOverdue reports whether an item o days overdue is reminded on
// that day: days 1, 3 and 7, then every 7 days.
func RemindedOverdue(o int) bool { return o == 1 || o == 3 || o == 7 || (o >= 14 && o%7 == 0) }

// EscalationDay is how many days overdue a quick win is when the leaders
// are told, once. Action steps are not escalated: they are the OPD's own
// plan.
const EscalationDay = 7
