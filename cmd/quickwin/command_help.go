package main

import (
	"flag"
	"fmt"
)

// commandHelp lists a command's own flags after the general help
// (`quickwin export --help`); the settings are in the general help already.
func (m *Main) commandHelp(cmd string, fs *flag.FlagSet) {
	own := map[string]bool{}
	for _, s := range settings {
		own[s.flag] = true
	}
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if own[f.Name] {
			return
		}
		if first {
			fmt.Fprintf(m.Stdout, "\nFlags of %s:\n", cmd)
			first = false
		}
		def := ""
		if f.DefValue != "" {
			def = " (default: " + f.DefValue + ")"
		}
		fmt.Fprintf(m.Stdout, "  --%-22s %s%s\n", f.Name, f.Usage, def)
	})
}
