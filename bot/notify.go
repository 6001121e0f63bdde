package bot

import (
	"quickwin"
)

// Messages to people other than the sender (the head when staff reports,
// the OPD when a report is verified or returned, questions and answers) go
// through the outbox, which retries them and respects Telegram's limits.
// The change they tell about is already stored when they are queued, so a
// failure to queue is logged, not shown to the sender as if their action
// had failed.

// notifyMembers queues one message per recipient, rendered in the recipient's own
// language. key names the event ("notify/report/<report id>"); the
// recipient's id is appended, so a retried event is queued once.
func (b *Bot) notifyMembers(r *Request, key string, to []quickwin.Member, render func(v qwView) (string, [][]quickwin.Button)) {
	if len(to) == 0 {
		return
	}
	if b.Outbox == nil {
		b.Log.WarnContext(r.Ctx, "no outbox: notification not sent", "key", key, "recipients", len(to))
		return
	}
	base := b.viewOf(r)
	msgs := make([]quickwin.OutboxMessage, 0, len(to))
	for i := range to {
		m := &to[i]
		text, buttons := render(base.viewFor(m))
		msgs = append(msgs, quickwin.OutboxMessage{
			Key: key + "/" + m.ID, TenantID: r.Tenant.ID, ChatID: m.TelegramID, MemberID: m.ID,
			Text: text, Buttons: buttons,
		})
	}
	if _, err := b.Outbox.Enqueue(r.Ctx, msgs...); err != nil {
		b.Log.ErrorContext(r.Ctx, "notification not queued", "key", key, "err", err)
	}
}

// opdHeads returns the active heads of an OPD.
func (b *Bot) opdHeads(r *Request, opd string) ([]quickwin.Member, error) {
	ms, err := b.directory.Members(r.Ctx, r.Tenant.ID, true)
	if err != nil {
		return nil, err
	}
	var out []quickwin.Member
	for _, m := range ms {
		if m.Role == quickwin.RoleHead && m.OPDCode == opd {
			out = append(out, m)
		}
	}
	return out, nil
}

// recipients returns the active members with the given ids plus extra,
// each once and never the sender: the sender sees the outcome in their own
// chat already.
func (b *Bot) recipients(r *Request, ids []string, extra []quickwin.Member) []quickwin.Member {
	seen := map[string]bool{r.Member.ID: true, "": true, "system": true}
	var out []quickwin.Member
	add := func(m quickwin.Member) {
		if !seen[m.ID] && m.Active && m.TenantID == r.Tenant.ID {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		m, err := b.directory.Member(r.Ctx, id)
		if err != nil {
			b.Log.InfoContext(r.Ctx, "recipient not found", "member", id, "err", err)
			continue
		}
		add(*m)
	}
	for _, m := range extra {
		add(m)
	}
	return out
}

// opdName is an OPD's name, or its code when it cannot be read.
func (b *Bot) opdName(r *Request, code string) string {
	if o, err := b.directory.OPD(r.Ctx, r.Tenant.ID, code); err == nil {
		return o.Name
	}
	return code
}

// nameOf returns a function that tells members' names by id, reading each
// member once; "" for the system and for members that cannot be read.
func (b *Bot) nameOf(r *Request) func(id string) string {
	names := map[string]string{"": "", "system": ""}
	return func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		if m, err := b.directory.Member(r.Ctx, id); err == nil {
			names[id] = m.Name
		} else {
			names[id] = ""
		}
		return names[id]
	}
}
