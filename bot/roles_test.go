package bot

import (
	"strings"
	"testing"

	"quickwin"
)

// allowedRoles is SPEC §3 as it applies to each command, in a private chat.
// Every command of the bot must be listed: a new command without an entry
// fails the test.
var allowedRoles = map[string]string{
	"start":        "admin leader head staff",
	"help":         "admin leader head staff",
	"language":     "admin leader head staff",
	"cancel":       "admin leader head staff",
	"invite":       "admin",
	"opd":          "admin",
	"members":      "admin leader",
	"group":        "", // groups only: refused in private chats for everyone
	"new_quickwin": "admin head",
	"list":         "admin leader head staff",
	"report":       "admin head staff",
	"plan":         "admin head staff",
	"verify":       "admin",
	"summary":      "admin leader head staff",
	"leaderboard":  "admin leader head staff",
	"export":       "admin leader",
	"schedule":     "admin",
	"template":     "admin",
}

// TestCommandRoleMatrix sends every command as every role (and as a
// stranger) and checks who is refused.
func TestCommandRoleMatrix(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	users := map[quickwin.Role]int64{quickwin.RoleAdmin: 1}
	for i, args := range []struct {
		role quickwin.Role
		inv  string
	}{{quickwin.RoleLeader, "pimpinan"}, {quickwin.RoleHead, "DINKES kepala"}, {quickwin.RoleStaff, "DINKES operator"}} {
		id := int64(10 + i)
		u := h.srv.NewUser(id, string(args.role), "id")
		u.Send("/start " + h.invite(args.inv))
		u.NextReply(t)
		users[args.role] = id
	}
	stranger := h.srv.NewUser(99, "Stranger", "id")
	for _, c := range h.bot.commands {
		want, ok := allowedRoles[c.id]
		if !ok {
			t.Errorf("command %s has no entry in allowedRoles", c.id)
			continue
		}
		for _, role := range quickwin.Roles {
			u := h.srv.NewUser(users[role], string(role), "id")
			h.srv.Drain()
			u.Send("/" + c.names["id"])
			reply := h.message(u)
			refused := strings.Contains(reply.Text, "tidak tersedia untuk peran") || strings.Contains(reply.Text, "hanya bisa dipakai") || strings.Contains(reply.Text, "di dalam grup")
			if allowed := strings.Contains(" "+want+" ", " "+string(role)+" "); allowed == refused {
				t.Errorf("/%s as %s: refused=%v, want allowed=%v; reply: %s", c.names["id"], role, refused, allowed, reply.Text)
			}
			u.Send("/batal")
			h.message(u)
		}
		if c.id == "start" || c.id == "group" {
			continue
		}
		h.srv.Drain()
		stranger.Send("/" + c.names["id"])
		if r := h.message(stranger); !strings.Contains(r.Text, "belum terdaftar") {
			t.Errorf("/%s as a stranger: %s", c.names["id"], r.Text)
		}
	}
}
