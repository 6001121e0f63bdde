package bot

import (
	"strings"
)

// cmdHelp lists what the sender can do, for their role, and how
// achievement and the leaderboard are computed.
func (b *Bot) cmdHelp(r *Request) error {
	if r.Member == nil {
		_, err := r.Reply(r.T("start.stranger", nil), nil)
		return err
	}
	_, err := r.Reply(b.helpText(r)+"\n\n"+r.T("help.formulas", nil), nil)
	return err
}

// helpText is the list of commands the sender may use, in their language.
func (b *Bot) helpText(r *Request) string {
	var sb strings.Builder
	sb.WriteString("<b>" + r.T("help.title", nil) + "</b>")
	for _, c := range b.commands {
		if c.roles == nil && c.id != "help" || !c.allowed(r) {
			continue
		}
		sb.WriteString("\n/" + c.names[r.Lang] + " — " + r.T("cmd."+c.id+".desc", nil))
	}
	return sb.String()
}
