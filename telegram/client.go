package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Client is the one way the process sends to Telegram: the bot's replies
// and the outbox dispatcher both go through it, and through its Limiter.
// Every call carries its context and classifies a failure as an *Error; a
// 429 pauses the chat in the shared Limiter, whoever got it.
type Client struct {
	api     *tgbotapi.BotAPI
	lim     *Limiter
	clock   quickwin.Clock
	log     *slog.Logger
	metrics *Metrics
	// fileEndpoint downloads files ("…/file/bot%s/%s").
	fileEndpoint string
	// MaxReplyWait is the longest a reply waits for its chat's slot (after
	// a 429, say) before it gives up with the RetryAfter error: a person
	// waiting for an answer is better told to try again than left hanging.
	MaxReplyWait time.Duration
}

// ClientConfig configures a Client; zero fields take defaults.
type ClientConfig struct {
	API     *tgbotapi.BotAPI
	Limiter *Limiter // NewLimiter(DefaultLimits())
	// Clock paces sends (quickwin.SystemClock). Pacing is about real time
	// at Telegram and the Limiter is shared with the dispatcher, which paces
	// on the system clock: only tests of this package set another.
	Clock   quickwin.Clock
	Log     *slog.Logger
	Metrics *Metrics
	// APIEndpoint is the Bot API endpoint the API was made with ("%s" for
	// token and method); files are downloaded from its /file/ sibling.
	APIEndpoint string
}

// NewClient makes the process's client.
func NewClient(cfg ClientConfig) *Client {
	if cfg.Limiter == nil {
		cfg.Limiter = NewLimiter(DefaultLimits())
	}
	if cfg.Clock == nil {
		cfg.Clock = quickwin.SystemClock{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	if cfg.APIEndpoint == "" {
		cfg.APIEndpoint = tgbotapi.APIEndpoint
	}
	return &Client{api: cfg.API, lim: cfg.Limiter, clock: cfg.Clock, log: cfg.Log, metrics: cfg.Metrics,
		fileEndpoint: FileEndpointFor(cfg.APIEndpoint), MaxReplyWait: 5 * time.Second}
}

// Limiter is the client's (and the process's) rate limiter.
func (c *Client) Limiter() *Limiter { return c.lim }

// API is the underlying library client, for calls this package does not
// wrap.
func (c *Client) API() *tgbotapi.BotAPI { return c.api }

// Username is the bot's username (without @).
func (c *Client) Username() string { return c.api.Self.UserName }

// Reply sends m to someone waiting for it: it takes a slot in the Limiter
// ahead of bulk sends, waits at most MaxReplyWait for it, and tries a 5xx or
// network failure once more. It returns the new message's id.
func (c *Client) Reply(ctx context.Context, m Message) (int, error) {
	ch, err := m.chattable()
	if err != nil {
		return 0, &Error{Class: BadRequest, Code: http.StatusBadRequest, Description: err.Error(), Err: err}
	}
	msg, err := c.paced(ctx, m.ChatID, ch)
	return msg.MessageID, err
}

// Deliver sends an outbox message whose slot the dispatcher has reserved
// already, once, and classifies the failure. It is the dispatcher's
// Sender.
func (c *Client) Deliver(ctx context.Context, m *quickwin.OutboxMessage) error {
	ch, err := OutboxMessage(m).chattable()
	if err != nil {
		return &Error{Class: BadRequest, Code: http.StatusBadRequest, Description: err.Error(), Err: err}
	}
	_, err = c.do(ctx, m.ChatID, ch)
	return err
}

// Edit replaces the text and buttons of a message the bot sent. An edit
// that changes nothing is not an error.
func (c *Client) Edit(ctx context.Context, chatID int64, messageID int, text string, buttons [][]quickwin.Button) error {
	edit := tgbotapi.NewEditMessageText(chatID, messageID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	edit.DisableWebPagePreview = true
	edit.ReplyMarkup = Keyboard(buttons)
	var call tgbotapi.Chattable = edit
	if hasWebApp(buttons) {
		call = webAppEdit(edit, buttons)
	}
	_, err := c.paced(ctx, 0, call)
	if IsNotModified(err) {
		return nil
	}
	return err
}

// RemoveButtons takes the inline keyboard off a message.
func (c *Client) RemoveButtons(ctx context.Context, chatID int64, messageID int) error {
	cfg := tgbotapi.NewEditMessageReplyMarkup(chatID, messageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	_, err := c.paced(ctx, 0, cfg)
	if IsNotModified(err) {
		return nil
	}
	return err
}

// AnswerCallback answers a button press (a toast when text is not empty).
// Answers are not messages and are not paced.
func (c *Client) AnswerCallback(ctx context.Context, id, text string) error {
	_, err := c.do(ctx, 0, tgbotapi.NewCallback(id, text))
	return err
}

// ChatAction shows "sending a photo…" and the like while something is
// prepared. Not paced: it is not a message.
func (c *Client) ChatAction(ctx context.Context, chatID int64, action string) error {
	_, err := c.do(ctx, 0, tgbotapi.NewChatAction(chatID, action))
	return err
}

// Chat actions Telegram knows.
const (
	ActionTyping         = tgbotapi.ChatTyping
	ActionUploadPhoto    = tgbotapi.ChatUploadPhoto
	ActionUploadDocument = tgbotapi.ChatUploadDocument
)

// SendMediaGroup sends several photos or documents as one album.
func (c *Client) SendMediaGroup(ctx context.Context, chatID int64, media []any) error {
	_, err := c.paced(ctx, chatID, tgbotapi.NewMediaGroup(chatID, media))
	return err
}

// Request makes a call that is not a message to a chat (setMyCommands,
// setWebhook, ...), with the client's context handling and classification.
func (c *Client) Request(ctx context.Context, ch tgbotapi.Chattable) error {
	_, err := c.do(ctx, 0, ch)
	return err
}

// paced waits for a reply slot of chat in the Limiter and sends, retrying a
// 5xx or network failure once. chatID 0 paces in the global window only:
// Telegram counts edits there and not per chat.
func (c *Client) paced(ctx context.Context, chatID int64, ch tgbotapi.Chattable) (tgbotapi.Message, error) {
	var last error
	for attempt := 0; attempt < 2; attempt++ {
		if err := c.waitSlot(ctx, chatID); err != nil {
			return tgbotapi.Message{}, err
		}
		msg, err := c.do(ctx, chatID, ch)
		if err == nil || ClassOf(err) != Retry {
			return msg, err
		}
		last = err
		if !quickwin.Sleep(c.clock, 300*time.Millisecond, ctx.Done()) {
			break
		}
	}
	return tgbotapi.Message{}, last
}

// waitSlot reserves a Reply slot for chat, waiting at most MaxReplyWait.
func (c *Client) waitSlot(ctx context.Context, chatID int64) error {
	c.lim.waitingReply(1)
	defer c.lim.waitingReply(-1)
	deadline := c.clock.Now().Add(c.MaxReplyWait)
	for {
		now := c.clock.Now()
		at, ok := c.lim.Reserve(chatID, now, Reply)
		if at.After(deadline) {
			wait := at.Sub(now)
			return &Error{Class: RetryAfter, Code: http.StatusTooManyRequests, RetryAfter: wait,
				Description: fmt.Sprintf("chat %d paused for %s", chatID, wait.Round(time.Second))}
		}
		if !quickwin.Sleep(c.clock, at.Sub(now), ctx.Done()) {
			return ctx.Err()
		}
		if ok {
			c.lim.Sent(chatID, at, c.clock.Now())
			return nil
		}
	}
}

// do makes one call with ctx and classifies its failure; a 429 pauses the
// chat (chatID 0: the call was not to a chat) in the Limiter.
func (c *Client) do(ctx context.Context, chatID int64, ch tgbotapi.Chattable) (tgbotapi.Message, error) {
	api, call := c.forCall(ctx)
	var msg tgbotapi.Message
	var err error
	switch ch := ch.(type) {
	case tgbotapi.MediaGroupConfig:
		_, err = api.SendMediaGroup(ch)
	default:
		var resp *tgbotapi.APIResponse
		if raw, ok := ch.(rawCall); ok {
			resp, err = api.MakeRequest(raw.method, raw.params)
		} else {
			resp, err = api.Request(ch)
		}
		if err == nil && resp != nil && len(resp.Result) > 0 && resp.Result[0] == '{' {
			_ = json.Unmarshal(resp.Result, &msg)
		}
	}
	if err == nil {
		return msg, nil
	}
	e := classify(err, call.status)
	if e.Class == RetryAfter && chatID != 0 {
		now := c.clock.Now()
		scope := "chat"
		if c.lim.BackOff(chatID, now, now.Add(e.RetryAfter)) {
			scope = "global"
		}
		c.metrics.RateLimited.WithLabelValues(scope).Inc()
		c.log.WarnContext(ctx, "telegram rate limit", "chat", chatID, "retry_after", e.RetryAfter, "scope", scope)
	}
	return msg, e
}

// forCall is the library client for one call. tgbotapi calls take no
// context, and multipart uploads report errors without their code: a copy
// of the shared library client whose HTTP client carries ctx and notes the
// status fixes both without touching the shared one.
func (c *Client) forCall(ctx context.Context) (*tgbotapi.BotAPI, *callClient) {
	call := &callClient{ctx: ctx, next: c.api.Client}
	api := *c.api
	api.Client = call
	return &api, call
}

// callClient is the HTTP client of one call: it attaches the call's context
// and notes the HTTP status of the answer.
type callClient struct {
	ctx    context.Context
	next   tgbotapi.HTTPClient
	status int
}

func (c *callClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(req.WithContext(c.ctx))
	if resp != nil {
		c.status = resp.StatusCode
	}
	return resp, err
}

// MaxDownloadBytes is Telegram's limit on files a bot may download.
const MaxDownloadBytes = 20 << 20

// ErrTooLarge is returned by Download for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// Download fetches a file people sent, by its file id, from the configured
// endpoint (a local Bot API server too). A file over limit bytes (at most
// MaxDownloadBytes) fails with ErrTooLarge.
func (c *Client) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	if limit <= 0 || limit > MaxDownloadBytes {
		limit = MaxDownloadBytes
	}
	api, call := c.forCall(ctx)
	f, err := api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return nil, classify(err, call.status)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(c.fileEndpoint, c.api.Token, f.FilePath), nil)
	if err != nil {
		return nil, err
	}
	res, err := call.Do(req) // the library client's HTTP client, as for every other call
	if err != nil {
		return nil, classify(err, 0)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, classify(fmt.Errorf("download %s: %s", f.FilePath, res.Status), res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, classify(err, 0)
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// FileEndpointFor derives the file download endpoint from a Bot API
// endpoint: ".../bot%s/%s" becomes ".../file/bot%s/%s", as Telegram and a
// local Bot API server both serve files there.
func FileEndpointFor(apiEndpoint string) string {
	if i := strings.LastIndex(apiEndpoint, "/bot%s/%s"); i >= 0 {
		return apiEndpoint[:i] + "/file/bot%s/%s"
	}
	return tgbotapi.FileEndpoint
}
