package telegramtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Defaults used by New and NewServer.
const (
	DefaultToken       = "123456789:TEST-quickwin_fake-token"
	DefaultBotID       = 123456789
	DefaultBotUsername = "quickwin_test_bot"
	DefaultBotName     = "QuickWin Test Bot"
	DefaultTimeout     = 10 * time.Second
)

// Server is a fake Telegram Bot API server listening on 127.0.0.1.
// All methods are safe for concurrent use.
type Server struct {
	hs     *httptest.Server
	token  string
	bot    apiUser
	tb     testing.TB // may be nil (NewServer)
	client *http.Client

	closeOnce sync.Once
	done      chan struct{}

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool
	timeout time.Duration

	// updates (updates.go)
	nextUpdateID int
	queue        []*queuedUpdate
	history      map[int]json.RawMessage
	confirmed    int
	pollGen      int
	webhook      WebhookInfo

	// chats and messages
	users          map[int64]apiUser
	groups         map[int64]apiChat
	nextMsgID      map[int64]int
	msgs           map[msgKey]*storedMsg
	callbacks      map[string]*callbackInfo
	nextCallback   int
	nextMediaGroup int

	// files (files.go)
	files       map[string]*storedFile
	filesByPath map[string]*storedFile
	nextFile    int

	// recording (sent.go)
	sent     []Sent
	consumed map[int]bool // by Sent.Seq
	// allConsumedBefore: every send before this index of sent is consumed,
	// so waiting for the next one scans only the tail (a load test with
	// thousands of sends and fifty waiters stays linear).
	allConsumedBefore int
	failures          []Failure
	calls             map[string]int
	count429          int
	chatActions       map[int64][]string
	commands          map[string]CommandSet

	// faults (faults.go)
	faults      []*fault
	blocked     map[int64]bool
	rateOn      bool
	rate        RateLimits
	globalHits  []time.Time
	lastPrivate map[int64]time.Time
	groupHits   map[int64][]time.Time
	latency     time.Duration
	strictFmt   bool
}

// Option configures a Server at construction.
type Option func(*Server)

// WithToken sets the bot token the server accepts (default DefaultToken).
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithBotUsername sets the username returned by getMe (default DefaultBotUsername).
func WithBotUsername(username string) Option {
	return func(s *Server) { s.bot.Username = username }
}

// WithBotName sets the first_name returned by getMe.
func WithBotName(name string) Option { return func(s *Server) { s.bot.FirstName = name } }

// WithBotID sets the bot user id returned by getMe.
func WithBotID(id int64) Option { return func(s *Server) { s.bot.ID = id } }

// WithTimeout sets the default timeout of all Wait*/Next*/Await helpers
// (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(s *Server) { s.timeout = d } }

// New starts a Server whose helper failures are reported through tb and
// which is closed automatically by tb.Cleanup.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := newServer(tb, opts)
	tb.Cleanup(s.Close)
	return s
}

// NewServer starts a Server that is not bound to a test: helpers that cannot
// return an error panic instead of failing a test. The caller must Close it.
func NewServer(opts ...Option) *Server { return newServer(nil, opts) }

func newServer(tb testing.TB, opts []Option) *Server {
	s := &Server{
		token: DefaultToken,
		bot: apiUser{
			ID: DefaultBotID, IsBot: true, FirstName: DefaultBotName, Username: DefaultBotUsername,
			CanJoinGroups: true,
		},
		tb:          tb,
		done:        make(chan struct{}),
		changed:     make(chan struct{}),
		timeout:     DefaultTimeout,
		history:     map[int]json.RawMessage{},
		users:       map[int64]apiUser{},
		groups:      map[int64]apiChat{},
		nextMsgID:   map[int64]int{},
		msgs:        map[msgKey]*storedMsg{},
		callbacks:   map[string]*callbackInfo{},
		files:       map[string]*storedFile{},
		filesByPath: map[string]*storedFile{},
		consumed:    map[int]bool{},
		calls:       map[string]int{},
		chatActions: map[int64][]string{},
		commands:    map[string]CommandSet{},
		blocked:     map[int64]bool{},
		rate:        DefaultRateLimits(),
		lastPrivate: map[int64]time.Time{},
		groupHits:   map[int64][]time.Time{},
		strictFmt:   true,
	}
	for _, o := range opts {
		o(s)
	}
	s.client = &http.Client{Timeout: s.timeout}
	s.hs = httptest.NewServer(s)
	return s
}

// Close unblocks pending long polls and waiters and shuts the server down.
// It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		close(s.done)
		s.broadcastLocked()
		client := s.client
		s.mu.Unlock()
		s.hs.Close()
		client.CloseIdleConnections()
	})
}

// URL is the base URL of the server, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.hs.URL }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// BotUsername is the bot's username as returned by getMe.
func (s *Server) BotUsername() string { return s.bot.Username }

// BotID is the bot's user id as returned by getMe.
func (s *Server) BotID() int64 { return s.bot.ID }

// APIEndpoint is the format string for tgbotapi.NewBotAPIWithAPIEndpoint /
// BotAPI.SetAPIEndpoint: URL()+"/bot%s/%s".
func (s *Server) APIEndpoint() string { return s.hs.URL + "/bot%s/%s" }

// FileEndpoint is the file download format string (token, file_path):
// URL()+"/file/bot%s/%s". Note tgbotapi v5.5.1 has FileEndpoint as a
// constant, so File.Link / GetFileDirectURL always point at api.telegram.org;
// use FileURL or fmt.Sprintf(srv.FileEndpoint(), token, file.FilePath).
func (s *Server) FileEndpoint() string { return s.hs.URL + "/file/bot%s/%s" }

// FileURL is the download URL of a file_path returned by getFile.
func (s *Server) FileURL(filePath string) string {
	return fmt.Sprintf(s.FileEndpoint(), s.token, filePath)
}

// SetTimeout changes the default timeout of the Wait*/Next*/Await helpers.
func (s *Server) SetTimeout(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timeout = d
}

// SetStrictFormatting toggles (default on) Telegram-like rejection of
// malformed HTML / Markdown / MarkdownV2 text with 400 "Bad Request: can't
// parse entities: ...". Length limits are always enforced.
func (s *Server) SetStrictFormatting(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.strictFmt = on
}

func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) fatalf(format string, args ...any) {
	if s.tb != nil {
		s.tb.Helper()
		s.tb.Fatalf("telegramtest: "+format, args...)
	}
	panic(fmt.Sprintf("telegramtest: "+format, args...))
}

// ---- HTTP plumbing ----

type apiError struct {
	Code        int
	Description string
	RetryAfter  int
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{Code: 400, Description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

var errNoResponse = &apiError{Code: -1} // client went away; write nothing

type upload struct {
	name string
	data []byte
}

type request struct {
	ctx    context.Context
	method string // canonical name
	params map[string]string
	files  map[string]upload
}

type handlerFunc func(s *Server, req *request) (any, *apiError)

type methodInfo struct {
	name string
	fn   handlerFunc
}

var methods = map[string]methodInfo{}

func init() {
	for name, fn := range map[string]handlerFunc{
		"getMe":                  (*Server).handleGetMe,
		"getUpdates":             (*Server).handleGetUpdates,
		"sendMessage":            (*Server).handleSendMessage,
		"editMessageText":        (*Server).handleEditMessageText,
		"editMessageCaption":     (*Server).handleEditMessageCaption,
		"editMessageReplyMarkup": (*Server).handleEditMessageReplyMarkup,
		"answerCallbackQuery":    (*Server).handleAnswerCallbackQuery,
		"sendPhoto":              (*Server).handleSendPhoto,
		"sendDocument":           (*Server).handleSendDocument,
		"sendMediaGroup":         (*Server).handleSendMediaGroup,
		"getFile":                (*Server).handleGetFile,
		"setMyCommands":          (*Server).handleSetMyCommands,
		"getMyCommands":          (*Server).handleGetMyCommands,
		"deleteMyCommands":       (*Server).handleDeleteMyCommands,
		"setWebhook":             (*Server).handleSetWebhook,
		"deleteWebhook":          (*Server).handleDeleteWebhook,
		"getWebhookInfo":         (*Server).handleGetWebhookInfo,
		"sendChatAction":         (*Server).handleSendChatAction,
		"deleteMessage":          (*Server).handleDeleteMessage,
	} {
		methods[strings.ToLower(name)] = methodInfo{name: name, fn: fn}
	}
}

// ServeHTTP implements http.Handler; it is what the httptest server runs.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	lat := s.latency
	s.mu.Unlock()
	if lat > 0 {
		t := time.NewTimer(lat)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.done:
			t.Stop()
		}
	}

	path := r.URL.Path
	switch {
	case strings.HasPrefix(path, "/file/bot"):
		s.serveFile(w, r, strings.TrimPrefix(path, "/file/bot"))
	case strings.HasPrefix(path, "/bot"):
		rest := strings.TrimPrefix(path, "/bot")
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			writeError(w, &apiError{Code: 404, Description: "Not Found"})
			return
		}
		token, method := rest[:i], rest[i+1:]
		if token != s.token {
			s.fail(w, method, 0, &apiError{Code: 401, Description: "Unauthorized"})
			return
		}
		s.serveMethod(w, r, method)
	default:
		writeError(w, &apiError{Code: 404, Description: "Not Found"})
	}
}

func (s *Server) serveMethod(w http.ResponseWriter, r *http.Request, name string) {
	info, ok := methods[strings.ToLower(name)]
	canon := name
	if ok {
		canon = info.name
	}
	s.mu.Lock()
	s.calls[canon]++
	s.broadcastLocked()
	s.mu.Unlock()
	if !ok {
		s.fail(w, canon, 0, &apiError{Code: 404, Description: "Not Found: method not found"})
		return
	}
	req, err := parseRequest(r)
	if err != nil {
		s.fail(w, canon, 0, badRequest("%v", err))
		return
	}
	req.method = canon
	chatID, _ := strconv.ParseInt(req.params["chat_id"], 10, 64)

	s.mu.Lock()
	e := s.preflightLocked(req, chatID)
	s.mu.Unlock()
	if e != nil {
		s.fail(w, canon, chatID, e)
		return
	}
	res, e := info.fn(s, req)
	if e == errNoResponse {
		return
	}
	if e != nil {
		s.fail(w, canon, chatID, e)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": res})
}

// fail records a failed call and writes the error response.
func (s *Server) fail(w http.ResponseWriter, method string, chatID int64, e *apiError) {
	s.mu.Lock()
	if e.Code == http.StatusTooManyRequests {
		s.count429++
	}
	s.failures = append(s.failures, Failure{
		Method: method, ChatID: chatID, Code: e.Code, Description: e.Description,
		RetryAfter: e.RetryAfter, At: time.Now(),
	})
	s.broadcastLocked()
	s.mu.Unlock()
	writeError(w, e)
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Description}
	if e.RetryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.RetryAfter}
	}
	writeJSON(w, e.Code, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"ok":false,"error_code":500,"description":"telegramtest: cannot encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// parseRequest accepts the same encodings as Telegram: query string,
// application/x-www-form-urlencoded, multipart/form-data and JSON.
func parseRequest(r *http.Request) (*request, error) {
	req := &request{ctx: r.Context(), params: map[string]string{}, files: map[string]upload{}}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return nil, fmt.Errorf("bad multipart body: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
		for k, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			f, err := fhs[0].Open()
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, err
			}
			req.files[k] = upload{name: fhs[0].Filename, data: data}
		}
		for k, v := range r.URL.Query() {
			if _, ok := req.params[k]; !ok && len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	case "application/json":
		var m map[string]any
		dec := json.NewDecoder(r.Body)
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("can't parse JSON body: %v", err)
		}
		for k, v := range m {
			switch v := v.(type) {
			case nil:
			case string:
				req.params[k] = v
			case json.Number:
				req.params[k] = v.String()
			case bool:
				req.params[k] = strconv.FormatBool(v)
			default:
				b, _ := json.Marshal(v)
				req.params[k] = string(b)
			}
		}
		for k, v := range r.URL.Query() {
			if _, ok := req.params[k]; !ok && len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("bad form body: %v", err)
		}
		for k, v := range r.Form {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	}
	return req, nil
}

func (r *request) bool(name string) bool {
	b, _ := strconv.ParseBool(r.params[name])
	return b
}

func (r *request) int(name string) (int, *apiError) {
	v, ok := r.params[name]
	if !ok || v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badRequest("wrong parameter %s: %q is not a number", name, v)
	}
	return n, nil
}

func (r *request) chatID() (int64, *apiError) {
	v := r.params["chat_id"]
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	return id, nil
}

func (r *request) paramsCopy() map[string]string {
	m := make(map[string]string, len(r.params))
	for k, v := range r.params {
		m[k] = v
	}
	return m
}

func (s *Server) handleGetMe(*request) (any, *apiError) {
	return s.bot, nil
}
