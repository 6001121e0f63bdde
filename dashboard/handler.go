package dashboard

import (
	"context"
	"embed"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"quickwin"
	"quickwin/locales"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Config is what the dashboard needs; cmd/quickwin fills it.
type Config struct {
	Store Store
	// BotToken checks initData and signs sessions and link tokens.
	BotToken string
	// Evidence opens archived evidence; nil lists evidence without thumbnails.
	Evidence EvidenceFiles
	Clock    quickwin.Clock // the program's clock (quickwin.SystemClock)
	Log      *slog.Logger
	// Prefix is the path the handler is mounted at, with both slashes
	// ("/app/"); every address the pages make starts with it.
	Prefix string
	// SecureCookies marks the session cookie Secure: the public address is
	// HTTPS (behind a reverse proxy the request itself may be plain HTTP).
	SecureCookies bool
	// CacheTTL is how long a tenant's quick wins serve pages once read
	// (0: DefaultCacheTTL; negative: read them for every page).
	CacheTTL time.Duration
}

// SessionCookie names the session cookie.
const SessionCookie = "qw_dash"

// SessionTTL is how long a session lasts without a request; each request
// in its second half extends it, so a Rakor meeting is not cut short.
const SessionTTL = time.Hour

// Handler serves the dashboard. It is safe for concurrent use.
type Handler struct {
	cfg   Config
	mux   *http.ServeMux
	pages map[string]*pageTemplate

	trackedCache tenantCache[[]quickwin.QuickWin]

	pruneMu   sync.Mutex
	lastPrune time.Time
}

// New makes the dashboard's handler.
func New(cfg Config) *Handler {
	if cfg.Clock == nil {
		cfg.Clock = quickwin.SystemClock{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Prefix == "" {
		cfg.Prefix = "/app/"
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	h := &Handler{cfg: cfg, pages: parsePages()}
	h.trackedCache.ttl = cfg.CacheTTL
	p := strings.TrimSuffix(cfg.Prefix, "/")
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+p+"/{$}", h.landing)
	mux.HandleFunc("POST "+p+"/auth", h.signInWithInitData)
	mux.HandleFunc("GET "+p+"/link", h.signInWithLink)
	mux.HandleFunc("GET "+p+"/static/{file}", h.static)
	mux.HandleFunc("GET "+p+"/month", h.authed(h.monthPage))
	mux.HandleFunc("GET "+p+"/opd/{code}", h.authed(h.opdPage))
	mux.HandleFunc("GET "+p+"/qw/{id}", h.authed(h.quickWinPage))
	mux.HandleFunc("GET "+p+"/qw/{id}/history", h.authed(h.historyPage))
	mux.HandleFunc("GET "+p+"/leaderboard", h.authed(h.leaderboardPage))
	mux.HandleFunc("GET "+p+"/rakor", h.authed(h.rakorPage))
	mux.HandleFunc("GET "+p+"/evidence/{report}/{n}", h.authed(h.evidence))
	mux.HandleFunc("GET "+p+"/qw/{id}/step/{step}/evidence/{n}", h.authed(h.stepEvidence))
	mux.HandleFunc(p+"/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, nil, http.StatusNotFound, "dash.error.not_found")
	})
	h.mux = mux
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// No inline script or style anywhere: the CSP forbids both. Telegram's
	// web client shows a Mini App in a frame, hence frame-ancestors.
	hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self' https://web.telegram.org")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	h.mux.ServeHTTP(w, r)
}

// viewer is who looks at a page.
type viewer struct {
	member *quickwin.Member
	tenant *quickwin.Tenant
	lang   locales.Lang
}

// may is quickwin.Authorize for the viewer in their tenant.
func (v *viewer) may(act quickwin.Action, opd string) bool {
	return v != nil && v.member != nil && quickwin.Authorize(v.member, v.tenant.ID, act, opd) == nil
}

// authed runs page for a signed-in member: the session cookie must be
// valid and the member still active. Anything else gets a 401 page that,
// inside Telegram, signs in again by itself (static/app.js).
func (h *Handler) authed(page func(w http.ResponseWriter, r *http.Request, v *viewer) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, status, key := h.session(w, r)
		if v == nil {
			h.fail(w, r, nil, status, key)
			return
		}
		if err := page(w, r, v); err != nil {
			h.failErr(w, r, v, err)
		}
	}
}

// session checks the cookie and the member behind it, and extends the
// session in its second half.
func (h *Handler) session(w http.ResponseWriter, r *http.Request) (*viewer, int, string) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil, http.StatusUnauthorized, "dash.error.signin"
	}
	now := h.cfg.Clock.Now()
	sv, err := verify(h.cfg.BotToken, purposeSession, c.Value, now)
	if err != nil {
		h.clearSession(w)
		return nil, http.StatusUnauthorized, "dash.error.session"
	}
	v, err := h.viewerOf(r.Context(), sv.MemberID)
	if err != nil {
		h.clearSession(w)
		switch quickwin.ErrorCode(err) {
		case quickwin.EFORBIDDEN, quickwin.ENOTFOUND:
			return nil, http.StatusForbidden, "dash.error.inactive"
		case quickwin.EUNAVAILABLE:
			return nil, http.StatusServiceUnavailable, "dash.error.unavailable"
		}
		h.cfg.Log.Error("dashboard session", "err", err)
		return nil, http.StatusInternalServerError, "dash.error.internal"
	}
	if sv.Expires.Sub(now) < SessionTTL/2 {
		h.setSession(w, v.member.ID, now)
	}
	return v, 0, ""
}

// viewerOf loads an active member and their tenant. EFORBIDDEN when the
// member was deactivated.
func (h *Handler) viewerOf(ctx context.Context, memberID string) (*viewer, error) {
	m, err := h.cfg.Store.Member(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if !m.Active {
		return nil, quickwin.Errorf(quickwin.EFORBIDDEN, "member %s is inactive", m.ID)
	}
	t, err := h.cfg.Store.Tenant(ctx, m.TenantID)
	if err != nil {
		return nil, err
	}
	lang, ok := locales.MatchLang(m.Lang)
	if !ok {
		lang = locales.ParseLang(t.Lang)
	}
	return &viewer{member: m, tenant: t, lang: lang}, nil
}

func (h *Handler) setSession(w http.ResponseWriter, memberID string, now time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: sign(h.cfg.BotToken, purposeSession, signedValue{MemberID: memberID, Expires: now.Add(SessionTTL)}),
		Path: h.cfg.Prefix, MaxAge: int(SessionTTL / time.Second), HttpOnly: true, Secure: h.cfg.SecureCookies,
		// Lax, not Strict: Telegram opens the Mini App by a navigation
		// that Strict would send without the cookie.
		SameSite: http.SameSiteLaxMode,
	})
}

func (h *Handler) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: h.cfg.Prefix, MaxAge: -1, HttpOnly: true,
		Secure: h.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// home is where a member lands: the tenant's month for those who see
// every OPD, their own OPD for the others.
func (h *Handler) home(v *viewer) string {
	switch {
	case v.may(quickwin.ActViewAll, ""):
		return h.cfg.Prefix + "month"
	case v.member.OPDCode != "":
		return h.cfg.Prefix + "opd/" + v.member.OPDCode
	}
	return h.cfg.Prefix + "leaderboard"
}

// landing is the Mini App's address: a signed-in member goes home; anyone
// else gets the sign-in page, on which static/app.js posts the initData.
func (h *Handler) landing(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(SessionCookie); err == nil {
		if v, _, _ := h.session(w, r); v != nil {
			http.Redirect(w, r, h.home(v), http.StatusSeeOther)
			return
		}
	}
	p := h.newPage(r, nil, "dash.signin.title")
	p.SignIn = true
	h.render(w, http.StatusOK, "signin", p)
}

// signInWithInitData checks the posted initData, refuses a replay, maps
// the Telegram user to their membership and starts a session.
func (h *Handler) signInWithInitData(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	raw := r.PostFormValue("init_data")
	now := h.cfg.Clock.Now()
	data, err := VerifyInitData(raw, h.cfg.BotToken, now)
	if err != nil {
		key := "dash.error.initdata"
		switch {
		case errors.Is(err, ErrInitDataMissing):
			key = "dash.error.signin"
		case errors.Is(err, ErrInitDataExpired):
			key = "dash.error.expired"
		}
		h.fail(w, r, nil, http.StatusUnauthorized, key)
		return
	}
	lang := requestLang(r)
	if l, ok := locales.MatchLang(data.User.LanguageCode); ok {
		lang = l
	}
	first, err := h.cfg.Store.UseOnce(r.Context(), "initdata:"+fingerprint(data.Hash), data.AuthDate.Add(InitDataMaxAge))
	if err != nil {
		h.failErr(w, r, &viewer{lang: lang}, err)
		return
	}
	if !first {
		h.fail(w, r, &viewer{lang: lang}, http.StatusUnauthorized, "dash.error.replayed")
		return
	}
	h.pruneUsed(r.Context(), now)
	m, err := h.cfg.Store.MemberByTelegramID(r.Context(), data.User.ID)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		h.fail(w, r, &viewer{lang: lang}, http.StatusForbidden, "dash.error.stranger")
		return
	}
	if err != nil {
		h.failErr(w, r, &viewer{lang: lang}, err)
		return
	}
	h.startSession(w, r, m.ID, r.PostFormValue("next"))
}

// signInWithLink accepts a one-time token from `quickwin dashboard link`.
func (h *Handler) signInWithLink(w http.ResponseWriter, r *http.Request) {
	now := h.cfg.Clock.Now()
	token := r.URL.Query().Get("token")
	sv, err := verify(h.cfg.BotToken, purposeLink, token, now)
	if err != nil {
		h.fail(w, r, nil, http.StatusUnauthorized, "dash.error.link")
		return
	}
	first, err := h.cfg.Store.UseOnce(r.Context(), "link:"+fingerprint(token), sv.Expires)
	if err != nil {
		h.failErr(w, r, nil, err)
		return
	}
	if !first {
		h.fail(w, r, nil, http.StatusUnauthorized, "dash.error.link")
		return
	}
	h.pruneUsed(r.Context(), now)
	h.startSession(w, r, sv.MemberID, "")
}

// startSession signs an active member in and sends them to next (a page
// of the dashboard) or home.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, memberID, next string) {
	v, err := h.viewerOf(r.Context(), memberID)
	if err != nil {
		if c := quickwin.ErrorCode(err); c == quickwin.ENOTFOUND || c == quickwin.EFORBIDDEN {
			h.fail(w, r, nil, http.StatusForbidden, "dash.error.inactive")
			return
		}
		h.failErr(w, r, nil, err)
		return
	}
	h.setSession(w, v.member.ID, h.cfg.Clock.Now())
	// Only an address of the dashboard itself: never an open redirect.
	if !strings.HasPrefix(next, h.cfg.Prefix) || strings.HasPrefix(next, h.cfg.Prefix+"auth") ||
		strings.Contains(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		next = h.home(v)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// pruneUsed removes expired one-time credential records, at most once an
// hour per instance, on the sign-in path (which writes there anyway).
func (h *Handler) pruneUsed(ctx context.Context, now time.Time) {
	h.pruneMu.Lock()
	due := now.Sub(h.lastPrune) > time.Hour
	if due {
		h.lastPrune = now
	}
	h.pruneMu.Unlock()
	if due {
		if _, err := h.cfg.Store.PruneUsedOnce(ctx, now); err != nil {
			h.cfg.Log.Warn("dashboard: prune used credentials", "err", err)
		}
	}
}

// fingerprint names a credential in the used-credentials record without
// storing the credential itself.
func fingerprint(s string) string {
	return hex.EncodeToString(hmacSHA256([]byte("used"), []byte(s)))
}

// requestLang is the language of a visitor not yet known: the browser's
// first preference when it is one we speak.
func requestLang(r *http.Request) locales.Lang {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, ok := locales.MatchLang(tag); ok {
			return l
		}
	}
	return locales.Default
}

// failErr answers a service error with its page: 404 for what this tenant
// does not have, 403 for what the member may not see, 503 when the
// database is away; anything else is logged and gets a short apology.
func (h *Handler) failErr(w http.ResponseWriter, r *http.Request, v *viewer, err error) {
	switch quickwin.ErrorCode(err) {
	case quickwin.ENOTFOUND, quickwin.EINVALID:
		h.fail(w, r, v, http.StatusNotFound, "dash.error.not_found")
	case quickwin.EFORBIDDEN:
		h.fail(w, r, v, http.StatusForbidden, "dash.error.forbidden")
	case quickwin.EUNAVAILABLE:
		h.fail(w, r, v, http.StatusServiceUnavailable, "dash.error.unavailable")
	default:
		h.cfg.Log.Error("dashboard page", "path", r.URL.Path, "err", err)
		h.fail(w, r, v, http.StatusInternalServerError, "dash.error.internal")
	}
}

// fail shows a short page in the visitor's language, never data. A 401
// page carries the sign-in behaviour, so that inside Telegram an expired
// session renews itself.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, v *viewer, status int, key string) {
	p := h.newPage(r, v, "dash.error.title")
	p.SignIn = status == http.StatusUnauthorized
	p.Data = errorView{Status: status, Message: p.T(key)}
	h.render(w, status, "error", p)
}

type errorView struct {
	Status  int
	Message string
}
