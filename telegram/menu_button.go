package telegram

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SetMenuButton makes a Mini App (web_app) button labelled text, opening
// appURL, the bot's menu button in every private chat: setChatMenuButton
// without chat_id sets the default. tgbotapi v5.5.1 has no such call.
func (c *Client) SetMenuButton(ctx context.Context, text, appURL string) error {
	p := tgbotapi.Params{}
	err := p.AddInterface("menu_button", map[string]any{"type": "web_app", "text": text, "web_app": map[string]string{"url": appURL}})
	if err != nil {
		return err
	}
	return c.Request(ctx, rawCall{method: "setChatMenuButton", params: p})
}
