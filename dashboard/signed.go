package dashboard

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Session cookies and link tokens are the same small signed value: a
// purpose, a member id, an expiry and a nonce, with an HMAC under a key
// derived from the bot token. Every instance of the bot knows the token,
// so every instance accepts what another one signed, and nothing about a
// session needs storing: the member record is read on every request
// anyway (a deactivated member loses access at once).

// Purposes keep a link token from passing as a session and back.
const (
	purposeSession = "session"
	purposeLink    = "link"
)

// errBadSignedValue is any signed value that is forged, garbled or expired.
var errBadSignedValue = errors.New("signed value invalid or expired")

// signedValue is the content of a session cookie or a link token.
type signedValue struct {
	MemberID string
	Expires  time.Time
	Nonce    string
}

// signKey derives the key of a purpose from the bot token.
func signKey(botToken, purpose string) []byte {
	return hmacSHA256([]byte("quickwin-dashboard-"+purpose), []byte(botToken))
}

// sign encodes v for purpose: base64url("member|expiry|nonce") "." base64url(mac).
func sign(botToken, purpose string, v signedValue) string {
	if v.Nonce == "" {
		var b [9]byte
		_, _ = rand.Read(b[:])
		v.Nonce = hex.EncodeToString(b[:])
	}
	payload := v.MemberID + "|" + strconv.FormatInt(v.Expires.Unix(), 10) + "|" + v.Nonce
	mac := hmacSHA256(signKey(botToken, purpose), []byte(payload))
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(mac)
}

// verify decodes a value signed for purpose that has not expired at now.
func verify(botToken, purpose, s string, now time.Time) (signedValue, error) {
	p, m, ok := strings.Cut(s, ".")
	if !ok || len(s) > 512 {
		return signedValue{}, errBadSignedValue
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p)
	mac, err2 := base64.RawURLEncoding.DecodeString(m)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, hmacSHA256(signKey(botToken, purpose), payload)) {
		return signedValue{}, errBadSignedValue
	}
	f := strings.Split(string(payload), "|")
	if len(f) != 3 || f[0] == "" {
		return signedValue{}, errBadSignedValue
	}
	secs, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || !now.Before(time.Unix(secs, 0)) {
		return signedValue{}, errBadSignedValue
	}
	return signedValue{MemberID: f[0], Expires: time.Unix(secs, 0), Nonce: f[2]}, nil
}

// LinkTTL is how long a `quickwin dashboard link` address stays usable.
const LinkTTL = 15 * time.Minute

// LinkToken makes a one-time token that signs member in (see the /link
// page); it expires after LinkTTL.
func LinkToken(botToken, memberID string, now time.Time) string {
	return sign(botToken, purposeLink, signedValue{MemberID: memberID, Expires: now.Add(LinkTTL)})
}
