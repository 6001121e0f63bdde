package dashboard

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestVerifyInitData(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 4, 5, 8, 0, 0, 0, time.UTC)
	user := WebAppUser{ID: 42, FirstName: "Siti", Username: "siti", LanguageCode: "en"}
	good := UserInitData(testToken, user, now.Add(-time.Hour))

	got, err := VerifyInitData(good, testToken, now)
	if err != nil {
		t.Fatalf("a fresh initData signed with the bot token: %v", err)
	}
	if got.User != user || !got.AuthDate.Equal(now.Add(-time.Hour)) || got.Hash == "" {
		t.Errorf("got %+v, want user %+v at %v", got, user, now.Add(-time.Hour))
	}

	values, _ := url.ParseQuery(good)

	tamper := func(field, value string) string {
		v, _ := url.ParseQuery(good)
		v.Set(field, value)
		return v.Encode()
	}
	cases := []struct {
		name, raw string
		now       time.Time
		token     string
		want      error
	}{
		{"tampered user", tamper("user", `{"id":1,"first_name":"Admin"}`), now, testToken, ErrInitDataSignature},
		{"tampered user id only", tamper("user", strings.Replace(values.Get("user"), `"id":42`, `"id":43`, 1)), now, testToken, ErrInitDataSignature},
		{"tampered auth_date", tamper("auth_date", "1900000000"), now, testToken, ErrInitDataSignature},
		{"tampered query_id", tamper("query_id", "AAHother"), now, testToken, ErrInitDataSignature},
		{"tampered hash", tamper("hash", strings.Repeat("ab", 32)), now, testToken, ErrInitDataSignature},
		{"hash not hex", tamper("hash", "zz"), now, testToken, ErrInitDataSignature},
		{"added field", good + "&start_param=x", now, testToken, ErrInitDataSignature},
		{"removed field", strings.Replace(good, "query_id="+url.QueryEscape(values.Get("query_id"))+"&", "", 1), now, testToken, ErrInitDataSignature},
		{"wrong bot token", good, now, "654321:another-bot", ErrInitDataSignature},
		{"expired (older than 24 h)", good, now.Add(InitDataMaxAge), testToken, ErrInitDataExpired},
		{"from the future", UserInitData(testToken, user, now.Add(time.Hour)), now, testToken, ErrInitDataExpired},
		{"missing", "", now, testToken, ErrInitDataMissing},
		{"blank", "   ", now, testToken, ErrInitDataMissing},
		{"no hash", "user=%7B%7D&auth_date=1", now, testToken, ErrInitDataMalformed},
		{"field twice", good + "&user=x", now, testToken, ErrInitDataMalformed},
		{"bad escape", "user=%zz", now, testToken, ErrInitDataMalformed},
		{"signed but no user", SignInitData(testToken, url.Values{"auth_date": {"1807000000"}}), time.Unix(1807000000, 0), testToken, ErrInitDataMalformed},
		{"signed but auth_date not a number", SignInitData(testToken, url.Values{"auth_date": {"soon"}, "user": {`{"id":1}`}}), now, testToken, ErrInitDataMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := VerifyInitData(c.raw, c.token, c.now); !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
	// Just inside the 24 hours still works.
	if _, err := VerifyInitData(good, testToken, now.Add(InitDataMaxAge-time.Hour-time.Second)); err != nil {
		t.Errorf("23:59:59 old: %v", err)
	}
}

// TestInitDataKnownVector checks the algorithm against a value computed
// independently (Python's hmac with the documented steps), so that
// SignInitData and VerifyInitData cannot agree on a wrong algorithm.
func TestInitDataKnownVector(t *testing.T) {
	t.Parallel()
	raw := "auth_date=1807000000&query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%7D" +
		"&hash=" + knownVectorHash
	if _, err := VerifyInitData(raw, "5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8", time.Unix(1807000000, 0).Add(time.Hour)); err != nil {
		t.Fatalf("known vector: %v", err)
	}
}

func TestSignedValues(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 4, 5, 8, 0, 0, 0, time.UTC)
	tok := LinkToken(testToken, "m1", now)
	v, err := verify(testToken, purposeLink, tok, now.Add(LinkTTL-time.Second))
	if err != nil || v.MemberID != "m1" {
		t.Fatalf("fresh link token: %v %+v", err, v)
	}
	for name, c := range map[string]struct {
		purpose, value string
		at             time.Time
	}{
		"expired":           {purposeLink, tok, now.Add(LinkTTL)},
		"as a session":      {purposeSession, tok, now},
		"tampered":          {purposeLink, "x" + tok, now},
		"no signature":      {purposeLink, strings.Split(tok, ".")[0], now},
		"empty":             {purposeLink, "", now},
		"signed by another": {purposeLink, LinkToken("other:token", "m1", now), now},
	} {
		if _, err := verify(testToken, c.purpose, c.value, c.at); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// knownVectorHash was computed with Python's hmac module:
// hmac.new(hmac.new(b"WebAppData", token, sha256).digest(), dcs, sha256).hexdigest().
const knownVectorHash = "593015abac1d90fe406cc6360895afa581a4a426ecbbb583d7e60b9ee5c59b18"
