package dashboard

import (
	"encoding/hex"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// SignInitData makes the initData Telegram would give a Mini App with
// these fields (for tests).
func SignInitData(botToken string, fields url.Values) string {
	v := url.Values{}
	for k, x := range fields {
		if k != "hash" {
			v[k] = slices.Clone(x)
		}
	}
	v.Set("hash", hex.EncodeToString(initDataHash(v, botToken)))
	return v.Encode()
}

// UserInitData is SignInitData for a user at authDate.
func UserInitData(botToken string, u WebAppUser, authDate time.Time) string {
	user, _ := json.Marshal(u)
	return SignInitData(botToken, url.Values{
		"user":      {string(user)},
		"auth_date": {strconv.FormatInt(authDate.Unix(), 10)},
		"query_id":  {"AAH" + strconv.FormatInt(authDate.UnixNano()%1e9, 36)},
	})
}
