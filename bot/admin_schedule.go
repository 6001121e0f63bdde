package bot

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"quickwin"
	"quickwin/locales"
)

// /jadwal speaks in words: each job's schedule is said as people say it
// ("setiap hari kerja pukul 07.00"), changed with preset buttons or typed
// in words (/jadwal reminders setiap hari kerja pukul 07.00) in either
// language. A cron spec is the advanced way (/jadwal reminders cron 30 6
// * * 1-5). Every refusal is in the admin's language: the cron parser's
// English never reaches them.

// jobPresets are the choices offered for each job, besides its default.
var jobPresets = map[string][]quickwin.SchedulePreset{
	quickwin.JobReminders: {
		{Every: quickwin.EveryWorkday, Hour: 7},
		{Every: quickwin.EveryWorkday, Hour: 6, Minute: 30},
		{Every: quickwin.EveryDay, Hour: 8},
	},
	quickwin.JobPrompt: {
		{Every: quickwin.EveryMonth, Day: 20, Hour: 9},
		{Every: quickwin.EveryMonth, Day: 28, Hour: 9},
	},
	quickwin.JobNudge: {
		{Every: quickwin.EveryMonth, Day: 3, Hour: 9},
	},
	quickwin.JobDigest: {
		{Every: quickwin.EveryMonth, Day: 3, Hour: 8},
		{Every: quickwin.EveryMonth, Day: 10, Hour: 8},
	},
	quickwin.JobLeaderboard: {
		{Every: quickwin.EveryWeek, Weekday: time.Friday, Hour: 15},
		{Every: quickwin.EveryWeek, Weekday: time.Monday, Hour: 7},
	},
}

// scheduleWords says a cron spec in words, or as cron when no preset makes it.
func scheduleWords(lang locales.Lang, spec string) string {
	p, ok := quickwin.PresetOf(spec)
	if !ok {
		return locales.T(lang, "schedule.words.cron", map[string]any{"Spec": esc(spec)})
	}
	return presetWords(lang, p)
}

// presetWords says a preset: "setiap Senin pukul 08.00".
func presetWords(lang locales.Lang, p quickwin.SchedulePreset) string {
	sep := "."
	if lang == locales.EN {
		sep = ":"
	}
	return locales.T(lang, "schedule.words."+string(p.Every), map[string]any{
		"Time":    fmt.Sprintf("%02d%s%02d", p.Hour, sep, p.Minute),
		"Weekday": locales.T(lang, "schedule.weekday."+strconv.Itoa(int(p.Weekday)), nil),
		"Day":     p.Day,
	})
}

var (
	clockTime   = regexp.MustCompile(`\b([01]?\d|2[0-3])[.:]([0-5]\d)\b`)
	clockHour   = regexp.MustCompile(`\b(?:pukul|jam|pk|at)\s*([01]?\d|2[0-3])\b`)
	monthDay    = regexp.MustCompile(`\b(?:tanggal|tgl|day|date)\s*(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)\b`)
	workdayWord = regexp.MustCompile(`hari kerja|work ?days?|working days?|weekdays?|senin\s*(?:-|–|s\.?d\.?|sampai|hingga)\s*jumat|monday\s*(?:-|–|to)\s*friday`)
	dailyWord   = regexp.MustCompile(`(?:setiap|tiap) hari\b|every ?day|daily|harian`)
)

var weekdayWords = map[string]time.Weekday{
	"senin": time.Monday, "selasa": time.Tuesday, "rabu": time.Wednesday, "kamis": time.Thursday,
	"jumat": time.Friday, "sabtu": time.Saturday, "minggu": time.Sunday, "ahad": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// parseSchedulePhrase reads a schedule said in words, in either language.
// It returns a validation error that says what is missing.
func parseSchedulePhrase(s string) (quickwin.SchedulePreset, error) {
	text := strings.ToLower(strings.ReplaceAll(s, "'", ""))
	var p quickwin.SchedulePreset
	if m := clockTime.FindStringSubmatchIndex(text); m != nil {
		p.Hour, _ = strconv.Atoi(text[m[2]:m[3]])
		p.Minute, _ = strconv.Atoi(text[m[4]:m[5]])
		text = text[:m[0]] + " " + text[m[1]:]
	} else if m := clockHour.FindStringSubmatchIndex(text); m != nil {
		p.Hour, _ = strconv.Atoi(text[m[2]:m[3]])
		text = text[:m[0]] + " " + text[m[1]:]
	} else {
		return p, invalidAnswer("schedule.words.no_time", nil)
	}
	switch {
	case workdayWord.MatchString(text):
		p.Every = quickwin.EveryWorkday
	case monthDay.MatchString(text):
		m := monthDay.FindStringSubmatch(text)
		d := m[1]
		if d == "" {
			d = m[2]
		}
		p.Every = quickwin.EveryMonth
		p.Day, _ = strconv.Atoi(d)
		if p.Day < 1 || p.Day > quickwin.MaxPresetDay {
			return p, invalidAnswer("schedule.words.bad_day", map[string]any{"Max": quickwin.MaxPresetDay})
		}
	default:
		found := 0
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r < 'a' || r > 'z' }) {
			wd, ok := weekdayWords[w]
			if !ok {
				wd, ok = weekdayWords[strings.TrimSuffix(w, "s")] // "mondays"
			}
			if ok {
				p.Every, p.Weekday = quickwin.EveryWeek, wd
				found++
			}
		}
		switch {
		case found > 1:
			return p, invalidAnswer("schedule.words.one_weekday", nil)
		case found == 0 && dailyWord.MatchString(text):
			p.Every = quickwin.EveryDay
		case found == 0:
			return p, invalidAnswer("schedule.words.no_when", nil)
		}
	}
	if !p.Valid() {
		return p, invalidAnswer("schedule.words.no_when", nil)
	}
	return p, nil
}

// scheduleSpec turns what follows "/jadwal NAME" into a cron spec: ""
// for the default, words, or (advanced) "cron" and five fields; five bare
// fields are still read as cron, as before.
func (b *Bot) scheduleSpec(r *Request, words []string) (string, error) {
	rest := strings.Join(words, " ")
	switch k := quickwin.Keyword(rest); {
	case k == "default" || k == "bawaan":
		return "", nil
	case len(words) > 0 && quickwin.Keyword(words[0]) == "cron":
		return b.checkedCron(r, strings.Join(words[1:], " "))
	case len(words) == 5 && !strings.ContainsAny(rest, ".:"):
		if _, err := parseSchedulePhrase(rest); err != nil {
			return b.checkedCron(r, rest)
		}
	}
	p, err := parseSchedulePhrase(rest)
	if err != nil {
		return "", err
	}
	return p.Cron(), nil
}

// checkedCron checks an advanced cron spec with the scheduler's parser and
// says what is wrong in the admin's language.
func (b *Bot) checkedCron(r *Request, spec string) (string, error) {
	if b.ValidateSpec == nil {
		return "", quickwin.Errorf(quickwin.EINTERNAL, "no cron parser configured")
	}
	if err := b.ValidateSpec(spec); err != nil {
		return "", quickwin.Errorf(quickwin.EINVALID, "cron %q: %v", spec, err).WithKey("schedule.words.bad_cron", map[string]any{"Spec": spec})
	}
	return spec, nil
}

// saveSchedule stores a job's spec ("" for the default) and forgets the
// cached tenant, so the scheduler and the next /jadwal see it.
func (b *Bot) saveSchedule(r *Request, job, spec string) error {
	specs := map[string]string{}
	for k, v := range r.Tenant.Schedules {
		specs[k] = v
	}
	if spec == "" {
		delete(specs, job)
	} else {
		specs[job] = spec
	}
	if err := b.admin.SetSchedules(r.Ctx, r.Member, r.Tenant.ID, specs); err != nil {
		return err
	}
	b.forgetTenant(r.Tenant.ID)
	if t, err := b.tenant(r.Ctx, r.Tenant.ID); err == nil {
		r.Tenant = t
	}
	return nil
}

// scheduleButtons offer to change each job's schedule.
func scheduleButtons(r *Request) [][]quickwin.Button {
	buttons := make([]quickwin.Button, len(quickwin.JobNames))
	for i, job := range quickwin.JobNames {
		buttons[i] = quickwin.Button{Text: "✏️ " + r.T("job."+job, nil), Data: cb("sch", strconv.Itoa(i))}
	}
	return grid(buttons, 1)
}

// scheduleButton handles sch:<job> (offer presets) and sch:<job>:<preset|d>.
func (b *Bot) scheduleButton(r *Request) error {
	args := r.Action.Args
	if err := quickwin.Authorize(r.Member, r.Tenant.ID, quickwin.ActManage, ""); err != nil {
		r.Answer(truncate(stripTags(b.errorText(r, err)), 180))
		return nil
	}
	if len(args) == 0 || len(args) > 2 {
		return staleButton(r)
	}
	i, err := strconv.Atoi(args[0])
	if err != nil || i < 0 || i >= len(quickwin.JobNames) {
		return staleButton(r)
	}
	job := quickwin.JobNames[i]
	presets := jobPresets[job]
	if len(args) == 1 {
		rows := [][]quickwin.Button{}
		for k, p := range presets {
			rows = append(rows, []quickwin.Button{{Text: presetWords(r.Lang, p), Data: cb("sch", args[0], strconv.Itoa(k))}})
		}
		rows = append(rows, []quickwin.Button{{Text: r.T("schedule.words.default_button", map[string]any{"When": scheduleWords(r.Lang, quickwin.DefaultSchedules[job])}), Data: cb("sch", args[0], "d")}})
		return r.EditOrReply(r.T("schedule.words.choose", map[string]any{
			"Job": r.T("job."+job, nil), "Now": scheduleWords(r.Lang, r.Tenant.Schedule(job)), "Name": job,
			"Example": presetPhrase(r.Lang, presets[0]),
		}), rows)
	}
	spec := ""
	if args[1] != "d" {
		k, err := strconv.Atoi(args[1])
		if err != nil || k < 0 || k >= len(presets) {
			return staleButton(r)
		}
		spec = presets[k].Cron()
	}
	r.Answer("")
	if err := b.saveSchedule(r, job, spec); err != nil {
		return err
	}
	if err := r.EditOrReply("✅ "+r.T("schedule.words.saved", map[string]any{"Job": r.T("job."+job, nil), "When": scheduleWords(r.Lang, r.Tenant.Schedule(job))}), nil); err != nil {
		return err
	}
	return b.showSchedules(r)
}

// presetPhrase is a preset as it is typed after /jadwal NAME: the words
// without the "(Senin–Jumat)" aside.
func presetPhrase(lang locales.Lang, p quickwin.SchedulePreset) string {
	w := presetWords(lang, p)
	if i, j := strings.Index(w, " ("), strings.Index(w, ")"); i >= 0 && j > i {
		w = w[:i] + w[j+1:]
	}
	return w
}
