package bot

// registerOverview adds what leaders look at and admins run: /ringkasan,
// /peringkat, /ekspor and /jadwal.
func (b *Bot) registerOverview() {}
