package bot

import (
	"strconv"
	"strings"

	"quickwin"
	"quickwin/telegram"
)

// Buttons of the quick-win features carry "<prefix>:<arg>:<arg>…" as their
// callback data. Every press is parsed and validated here, in one place,
// before a handler runs: ids must be 24 lower-case hex characters, step ids
// 6, OPD codes valid, pages small numbers, actions one of a known set. A
// handler then loads what the ids name within the presser's own tenant and
// authorizes the presser again, so that a forged or stale button changes
// nothing and only says so.
//
// Formats (the scheduler's reminders use rp and sd: they are a contract):
//
//	rp:<commitment>                      open the report wizard for a quick win
//	sd:<commitment>:<step>               mark an action step done
//	qo:<purpose>:<opd|*>                 an OPD picked for a purpose (n new, r report, p plan, l list)
//	ls:<opd|*>:<page>                    a page of the quick-win list
//	qw:<commitment>:<opd|*>:<page>       one quick win; "back" returns to that list page
//	pl:<v|a>:<commitment>                the action plan; add a step
//	pl:<s|t|o|d|u|w|x|X>:<commitment>:<step>
//	                                     a step: select, edit title/owner/due, up, down, delete?, delete!
//	qc:<t|d|x|a|n|i|e>:<commitment>      change target, deadline, cancel, activate a draft; correct title, indicator, description
//	qq:<commitment>                      ask a question on a quick win
//	qa:<question>                        answer a question
//	vf:<o|v|r|n>:<report>                open, verify, return, skip a pending report
//	fx:<report>                          correct a returned report

// Callback prefixes of the quick-win features.
const (
	pReport   = telegram.KindReport
	pStepDone = telegram.KindStepDone
	pPickOPD  = "qo"
	pList     = "ls"
	pDetail   = "qw"
	pPlan     = "pl"
	pChange   = "qc"
	pAsk      = "qq"
	pAnswer   = "qa"
	pVerify   = "vf"
	pCorrect  = "fx"
)

// allOPDs stands for "every OPD" where an OPD code is expected.
const allOPDs = "*"

// maxPage bounds page numbers in callback data.
const maxPage = 999

// press is a parsed quick-win button.
type press struct {
	prefix string
	act    byte   // one-letter action, for prefixes that have several; 0 otherwise
	id     string // commitment, report or question id
	step   string // action step id
	opd    string // OPD code or allOPDs
	page   int
}

type pressField byte

const (
	fieldID pressField = iota
	fieldStep
	fieldOPD
	fieldPage
)

// pressShape is one format of a prefix: the actions it accepts (none when
// empty) and the fields that follow.
type pressShape struct {
	acts   string
	fields []pressField
}

var pressShapes = map[string][]pressShape{
	pReport:   {{"", []pressField{fieldID}}},
	pStepDone: {{"", []pressField{fieldID, fieldStep}}},
	pPickOPD:  {{"nrpl", []pressField{fieldOPD}}},
	pList:     {{"", []pressField{fieldOPD, fieldPage}}},
	pDetail:   {{"", []pressField{fieldID, fieldOPD, fieldPage}}},
	pPlan:     {{"va", []pressField{fieldID}}, {"stoduwxXe", []pressField{fieldID, fieldStep}}},
	pChange:   {{"tdxanie", []pressField{fieldID}}},
	pAsk:      {{"", []pressField{fieldID}}},
	pAnswer:   {{"", []pressField{fieldID}}},
	pVerify:   {{"ovrn", []pressField{fieldID}}},
	pCorrect:  {{"", []pressField{fieldID}}},
}

// parsePress parses and validates callback data of the quick-win buttons.
func parsePress(data string) (press, bool) {
	if len(data) > telegram.MaxCallbackData {
		return press{}, false
	}
	parts := strings.Split(data, ":")
	shapes, ok := pressShapes[parts[0]]
	if !ok {
		return press{}, false
	}
	p := press{prefix: parts[0]}
	args := parts[1:]
	for _, sh := range shapes {
		rest := args
		if sh.acts != "" {
			if len(rest) == 0 || len(rest[0]) != 1 || !strings.Contains(sh.acts, rest[0]) {
				continue
			}
			p.act, rest = rest[0][0], rest[1:]
		}
		if len(rest) != len(sh.fields) {
			continue
		}
		if p.fill(sh.fields, rest) {
			return p, true
		}
		return press{}, false
	}
	return press{}, false
}

func (p *press) fill(fields []pressField, args []string) bool {
	for i, f := range fields {
		a := args[i]
		switch f {
		case fieldID:
			if !isHex(a, 24) {
				return false
			}
			p.id = a
		case fieldStep:
			if !isHex(a, 6) {
				return false
			}
			p.step = a
		case fieldOPD:
			if a != allOPDs && !quickwin.ValidOPDCode(a) {
				return false
			}
			p.opd = a
		case fieldPage:
			n, err := strconv.Atoi(a)
			if err != nil || n < 0 || n > maxPage || strconv.Itoa(n) != a {
				return false
			}
			p.page = n
		}
	}
	return true
}

// data is the callback data of p: the inverse of parsePress.
func (p press) data() string {
	parts := []string{p.prefix}
	for _, sh := range pressShapes[p.prefix] {
		if (sh.acts == "") != (p.act == 0) || p.act != 0 && !strings.ContainsRune(sh.acts, rune(p.act)) {
			continue
		}
		if p.act != 0 {
			parts = append(parts, string(p.act))
		}
		for _, f := range sh.fields {
			switch f {
			case fieldID:
				parts = append(parts, p.id)
			case fieldStep:
				parts = append(parts, p.step)
			case fieldOPD:
				parts = append(parts, p.opd)
			case fieldPage:
				parts = append(parts, strconv.Itoa(p.page))
			}
		}
		break
	}
	return telegram.MustEncode(parts[0], parts[1:]...)
}

// pressButton is a button that presses p.
func pressButton(text string, p press) quickwin.Button {
	return quickwin.Button{Text: text, Data: p.data()}
}

// isHex reports whether s is n lower-case hex digits (how the store makes ids).
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
