package dashboard

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// InitDataMaxAge is how old Telegram's initData may be: a Mini App opened
// yesterday must be opened again from the chat.
const InitDataMaxAge = 24 * time.Hour

// clockSkew tolerates an auth_date slightly ahead of our clock.
const clockSkew = 5 * time.Minute

// Reasons a sign-in is refused. Each maps to a short page (401).
var (
	ErrInitDataMissing   = errors.New("initData missing")
	ErrInitDataMalformed = errors.New("initData malformed")
	ErrInitDataSignature = errors.New("initData signature does not match")
	ErrInitDataExpired   = errors.New("initData expired")
	ErrInitDataReplayed  = errors.New("initData already used")
)

// WebAppUser is the Telegram user an initData names.
type WebAppUser struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

// InitData is a checked initData.
type InitData struct {
	User     WebAppUser
	AuthDate time.Time
	Hash     string // hex; its digest marks the initData as used
}

// VerifyInitData checks raw (the query string Telegram gives a Mini App)
// with Telegram's documented algorithm: secret = HMAC-SHA256(key
// "WebAppData", bot token); hash = hex(HMAC-SHA256(secret,
// data-check-string)), where the data-check-string is every field but hash
// as key=value, sorted by key, joined by '\n'. auth_date must be within
// InitDataMaxAge of now. It does not know about replays (see Handler).
func VerifyInitData(raw, botToken string, now time.Time) (*InitData, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, ErrInitDataMissing
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return nil, ErrInitDataMalformed
	}
	got := values.Get("hash")
	for _, v := range values {
		if len(v) != 1 { // a field twice: which one was signed?
			return nil, ErrInitDataMalformed
		}
	}
	if got == "" {
		return nil, ErrInitDataMalformed
	}
	want := initDataHash(values, botToken)
	gotBytes, err := hex.DecodeString(got)
	if err != nil || !hmac.Equal(gotBytes, want) {
		return nil, ErrInitDataSignature
	}
	// Only a signed initData is read further: its fields are Telegram's.
	secs, err := strconv.ParseInt(values.Get("auth_date"), 10, 64)
	if err != nil || secs <= 0 {
		return nil, ErrInitDataMalformed
	}
	authDate := time.Unix(secs, 0)
	if now.Sub(authDate) > InitDataMaxAge || authDate.Sub(now) > clockSkew {
		return nil, ErrInitDataExpired
	}
	var u WebAppUser
	if err := json.Unmarshal([]byte(values.Get("user")), &u); err != nil || u.ID <= 0 {
		return nil, ErrInitDataMalformed
	}
	return &InitData{User: u, AuthDate: authDate, Hash: strings.ToLower(got)}, nil
}

// initDataHash is HMAC-SHA256(HMAC-SHA256("WebAppData", token), data-check-string).
func initDataHash(values url.Values, botToken string) []byte {
	keys := make([]string, 0, len(values))
	for k := range values {
		if k != "hash" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + "=" + values.Get(k)
	}
	secret := hmacSHA256([]byte("WebAppData"), []byte(botToken))
	return hmacSHA256(secret, []byte(strings.Join(lines, "\n")))
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}
