package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

type queuedUpdate struct {
	id     int
	raw    json.RawMessage
	forced bool // redelivered: returned once regardless of offset
}

// WebhookInfo is what the bot passed to setWebhook.
type WebhookInfo struct {
	URL                string
	SecretToken        string
	AllowedUpdates     []string
	MaxConnections     int
	DropPendingUpdates bool
	IPAddress          string
	SetAt              time.Time
}

// enqueueLocked assigns the next update_id, lets build produce the update
// and queues it.
func (s *Server) enqueueLocked(build func(id int) any) int {
	s.nextUpdateID++
	id := s.nextUpdateID
	raw, err := json.Marshal(build(id))
	if err != nil {
		panic(err) // our own types always marshal
	}
	s.history[id] = raw
	s.queue = append(s.queue, &queuedUpdate{id: id, raw: raw})
	s.broadcastLocked()
	return id
}

// QueueUpdate queues an arbitrary update for the bot. v may be raw JSON
// ([]byte, json.RawMessage or string holding a JSON object) or any value
// that marshals to a JSON object (e.g. a tgbotapi.Update). The update_id is
// always assigned by the server (overwriting any in v) and returned.
// Use it for odd updates, e.g. QueueUpdate(`{"edited_message":{...}}`) or
// QueueUpdate(`{}`) for an update with neither message nor callback_query.
func (s *Server) QueueUpdate(v any) int {
	var raw []byte
	switch v := v.(type) {
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	case string:
		raw = []byte(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			s.fatalf("QueueUpdate: cannot marshal %T: %v", v, err)
		}
		raw = b
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		s.fatalf("QueueUpdate: update must be a JSON object: %v (%.200s)", err, raw)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueLocked(func(id int) any {
		obj["update_id"] = json.RawMessage(fmt.Sprint(id))
		return obj
	})
}

// Redeliver queues an already queued update again with the same update_id
// (simulating Telegram delivering an update twice). The copy is returned by
// the next getUpdates regardless of offset (then dropped), or sent by the next
// PostToWebhook. Note that tgbotapi's own GetUpdatesChan silently drops
// updates whose id is below its offset, so only custom polling loops and
// webhook handlers get to see a redelivered update.
func (s *Server) Redeliver(updateID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.history[updateID]
	if !ok {
		s.fatalf("Redeliver: unknown update_id %d (last is %d)", updateID, s.nextUpdateID)
	}
	s.queue = append(s.queue, &queuedUpdate{id: updateID, raw: raw, forced: true})
	s.broadcastLocked()
}

// LastUpdateID is the update_id of the most recently queued update (0 if none).
func (s *Server) LastUpdateID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextUpdateID
}

// ConfirmedOffset is the highest offset the bot passed to getUpdates (an
// update with id < ConfirmedOffset is confirmed), or delivered via webhook.
func (s *Server) ConfirmedOffset() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// PendingUpdates is the number of queued, not yet confirmed updates.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// WaitConfirmed waits until the bot has confirmed updateID, i.e. passed an
// offset > updateID to getUpdates (or a webhook delivery of it succeeded).
func (s *Server) WaitConfirmed(tb testing.TB, updateID int) {
	tb.Helper()
	err := s.waitCond(tb.Context(), func() bool { return s.confirmed > updateID })
	if err != nil {
		s.mu.Lock()
		dump := s.dumpLocked()
		s.mu.Unlock()
		tb.Fatalf("telegramtest: update %d not confirmed: %v\n%s", updateID, err, dump)
	}
}

func (s *Server) applyOffsetLocked(offset int) {
	switch {
	case offset > 0:
		if offset > s.confirmed {
			s.confirmed = offset
		}
		kept := s.queue[:0]
		for _, q := range s.queue {
			if q.forced || q.id >= offset {
				kept = append(kept, q)
			}
		}
		clear(s.queue[len(kept):])
		s.queue = kept
	case offset < 0:
		// Telegram: a negative offset returns the last -offset updates and
		// forgets all previous ones.
		n := -offset
		var normal []*queuedUpdate
		for _, q := range s.queue {
			if !q.forced {
				normal = append(normal, q)
			}
		}
		if len(normal) > n {
			cut := normal[len(normal)-n].id
			if cut > s.confirmed {
				s.confirmed = cut
			}
			s.applyOffsetLocked(cut)
			return
		}
	}
	s.broadcastLocked()
}

func (s *Server) collectLocked(limit int) []json.RawMessage {
	out := []json.RawMessage{}
	kept := s.queue[:0]
	for _, q := range s.queue {
		if len(out) < limit {
			out = append(out, q.raw)
			if q.forced {
				continue // delivered once, then gone
			}
		}
		kept = append(kept, q)
	}
	clear(s.queue[len(kept):])
	s.queue = kept
	return out
}

func (s *Server) handleGetUpdates(req *request) (any, *apiError) {
	offset, e := req.int("offset")
	if e != nil {
		return nil, e
	}
	limit, e := req.int("limit")
	if e != nil {
		return nil, e
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, e := req.int("timeout")
	if e != nil {
		return nil, e
	}

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		return nil, &apiError{Code: 409, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	s.pollGen++
	gen := s.pollGen
	if offset != 0 {
		s.applyOffsetLocked(offset)
	}
	s.broadcastLocked() // wakes an older long poll so it reports the conflict
	s.mu.Unlock()

	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		expired = t.C
	}
	for {
		s.mu.Lock()
		if s.webhook.URL != "" {
			s.mu.Unlock()
			return nil, &apiError{Code: 409, Description: "Conflict: terminated by setWebhook request"}
		}
		if gen != s.pollGen {
			s.mu.Unlock()
			return nil, &apiError{Code: 409, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
		ups := s.collectLocked(limit)
		if len(ups) > 0 || timeout <= 0 || s.closed {
			s.broadcastLocked()
			s.mu.Unlock()
			return ups, nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-expired:
			timeout = 0 // one last collect, then answer []
		case <-req.ctx.Done():
			return nil, errNoResponse
		case <-s.done:
		}
	}
}

// ---- webhook ----

var secretTokenRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) handleSetWebhook(req *request) (any, *apiError) {
	raw := req.params["url"]
	if raw == "" {
		s.mu.Lock()
		s.webhook = WebhookInfo{}
		if req.bool("drop_pending_updates") {
			s.queue = nil
		}
		s.broadcastLocked()
		s.mu.Unlock()
		return true, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, badRequest("bad webhook: invalid webhook URL specified")
	}
	secret := req.params["secret_token"]
	if secret != "" && !secretTokenRE.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	var allowed []string
	if v := req.params["allowed_updates"]; v != "" {
		if err := json.Unmarshal([]byte(v), &allowed); err != nil {
			return nil, badRequest("can't parse allowed_updates JSON array")
		}
	}
	maxConn, e := req.int("max_connections")
	if e != nil {
		return nil, e
	}
	info := WebhookInfo{
		URL: raw, SecretToken: secret, AllowedUpdates: allowed, MaxConnections: maxConn,
		DropPendingUpdates: req.bool("drop_pending_updates"), IPAddress: req.params["ip_address"],
		SetAt: time.Now(),
	}
	s.mu.Lock()
	s.webhook = info
	if info.DropPendingUpdates {
		s.queue = nil
	}
	s.broadcastLocked()
	s.mu.Unlock()
	return true, nil
}

func (s *Server) handleDeleteWebhook(req *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = WebhookInfo{}
	if req.bool("drop_pending_updates") {
		s.queue = nil
	}
	s.broadcastLocked()
	return true, nil
}

func (s *Server) handleGetWebhookInfo(*request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return apiWebhookInfo{
		URL: s.webhook.URL, PendingUpdateCount: len(s.queue),
		MaxConnections: s.webhook.MaxConnections, AllowedUpdates: s.webhook.AllowedUpdates,
	}, nil
}

// Webhook returns what the bot last passed to setWebhook (zero value if no
// webhook is set).
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	w.AllowedUpdates = append([]string(nil), w.AllowedUpdates...)
	return w
}

// PostToWebhook POSTs the next queued update as JSON to the webhook URL
// with the X-Telegram-Bot-Api-Secret-Token header set to the recorded
// secret (omitted when none was set). On a 2xx answer the update counts as
// delivered and is removed from the queue; otherwise it stays at the head
// (Telegram retries), so the next call posts it again. The response body
// is fully read and buffered, closing it is optional.
func (s *Server) PostToWebhook() (*http.Response, error) {
	return s.postWebhook(nil)
}

// PostToWebhookWithSecret is PostToWebhook with an explicit secret header
// value; "" sends no header. Use it to test that the bot rejects forged calls.
func (s *Server) PostToWebhookWithSecret(secret string) (*http.Response, error) {
	return s.postWebhook(&secret)
}

func (s *Server) postWebhook(secret *string) (*http.Response, error) {
	s.mu.Lock()
	hook := s.webhook
	if hook.URL == "" {
		s.mu.Unlock()
		return nil, errors.New("telegramtest: no webhook set")
	}
	if len(s.queue) == 0 {
		s.mu.Unlock()
		return nil, errors.New("telegramtest: no queued update to post")
	}
	q := s.queue[0]
	client := s.client
	s.mu.Unlock()

	req, err := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(q.raw))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	sec := hook.SecretToken
	if secret != nil {
		sec = *secret
	}
	if sec != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", sec)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, err
	}
	if resp.StatusCode/100 == 2 {
		s.mu.Lock()
		for i, x := range s.queue {
			if x == q {
				s.queue = append(s.queue[:i], s.queue[i+1:]...)
				break
			}
		}
		if !q.forced && q.id+1 > s.confirmed {
			s.confirmed = q.id + 1
		}
		s.broadcastLocked()
		s.mu.Unlock()
	}
	return resp, nil
}

// SetWebhookClient sets the HTTP client PostToWebhook uses, e.g.
// tlsServer.Client() for an httptest.NewTLSServer webhook.
func (s *Server) SetWebhookClient(c *http.Client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.client = c
}

// UpdateJSON returns the JSON of a queued update by id (for assertions).
func (s *Server) UpdateJSON(updateID int) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.history[updateID]
	return append(json.RawMessage(nil), raw...), ok
}

func isCommandChar(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// commandEntity returns the bot_command entity Telegram would attach to
// text, if text starts with a command ("/cmd" or "/cmd@botname").
func commandEntity(text string) []apiEntity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	i := 1
	for i < len(text) && isCommandChar(text[i]) {
		i++
	}
	if i == 1 || i > 33 {
		return nil
	}
	if i < len(text) && text[i] == '@' {
		j := i + 1
		for j < len(text) && isCommandChar(text[j]) {
			j++
		}
		if j > i+1 {
			i = j
		}
	}
	return []apiEntity{{Type: "bot_command", Offset: 0, Length: i}}
}
