package quickwin

import "strconv"

// PlaceholderName is the name of an admin made from QW_ADMIN_IDS until
// they first write to the bot: configuration knows only their Telegram id.
func PlaceholderName(telegramID int64) string {
	return "Admin " + strconv.FormatInt(telegramID, 10)
}

// Unnamed reports whether the member still has the placeholder name: they
// have never written to the bot, so their Telegram name is not known yet.
func (m *Member) Unnamed() bool {
	return m.Username == "" && m.Name == PlaceholderName(m.TelegramID)
}
