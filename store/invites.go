package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// CreateInvite implements quickwin.InviteService.
func (s *Store) CreateInvite(ctx context.Context, actor *quickwin.Member, role quickwin.Role, opd string) (*quickwin.Invite, error) {
	if actor == nil {
		return nil, quickwin.Authorize(nil, "", quickwin.ActManage, "")
	}
	if err := quickwin.Authorize(actor, actor.TenantID, quickwin.ActManage, ""); err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, quickwin.Errorf(quickwin.EINVALID, "unknown role %q", role).WithKey("invite.invalid.role", nil)
	}
	opd = strings.ToUpper(strings.TrimSpace(opd))
	if role.NeedsOPD() {
		if opd == "" {
			return nil, quickwin.Errorf(quickwin.EINVALID, "role %s needs an OPD", role).WithKey("invite.invalid.opd_required", nil)
		}
		o, err := s.OPD(ctx, actor.TenantID, opd)
		if err != nil {
			return nil, err
		}
		if !o.Active {
			return nil, quickwin.Errorf(quickwin.EINVALID, "OPD %s is inactive", opd).WithKey("opd.inactive", map[string]any{"Code": opd})
		}
	} else {
		opd = ""
	}
	now := s.Now()
	inv := quickwin.Invite{
		Token: s.newInviteToken(), TenantID: actor.TenantID, Role: role, OPDCode: opd,
		CreatedBy: actor.ID, CreatedAt: now, ExpiresAt: now.Add(quickwin.InviteTTL),
	}
	if _, err := s.c(colInvites).InsertOne(ctx, inv); err != nil {
		return nil, wrap(err, "create invite")
	}
	_ = s.audit(ctx, inv.TenantID, actor, "invite.create", "invite", inv.Token, nil, inv, "")
	return &inv, nil
}

// RedeemInvite implements quickwin.InviteService. Claiming the token is one
// conditional update (unused and unexpired), so of two people racing for one
// token exactly one wins; the member is then upserted by (tenant, Telegram
// id), so someone who joins again simply gets the new role.
func (s *Store) RedeemInvite(ctx context.Context, token string, u quickwin.TelegramUser) (*quickwin.Member, error) {
	if !quickwin.ValidInviteToken(token) {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "malformed token").WithKey("invite.unknown", nil)
	}
	now := s.Now()
	var inv quickwin.Invite
	err := s.c(colInvites).FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: token}, {Key: "used_by", Value: bson.D{{Key: "$exists", Value: false}}}, {Key: "expires_at", Value: bson.D{{Key: "$gt", Value: now}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "used_by", Value: u.ID}, {Key: "used_at", Value: now}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&inv)
	if err != nil {
		if quickwin.ErrorCode(wrap(err, "")) != quickwin.ENOTFOUND {
			return nil, wrap(err, "redeem invite")
		}
		return nil, s.whyNotRedeemable(ctx, token, now)
	}
	t, err := s.Tenant(ctx, inv.TenantID)
	if err != nil {
		return nil, err
	}
	lang := t.Lang // a person whose Telegram speaks neither id nor en gets the tenant's
	if u.Lang != "" {
		lang = u.Lang
	}
	var m quickwin.Member
	err = s.c(colMembers).FindOneAndUpdate(ctx,
		bson.D{{Key: "tenant", Value: inv.TenantID}, {Key: "tg_id", Value: u.ID}},
		bson.D{
			{Key: "$set", Value: bson.D{{Key: "role", Value: inv.Role}, {Key: "opd", Value: inv.OPDCode}, {Key: "active", Value: true},
				{Key: "name", Value: u.Name}, {Key: "username", Value: u.Username}, {Key: "joined_at", Value: now}}},
			{Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: newID()}, {Key: "lang", Value: lang}}},
		},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&m)
	if err != nil {
		// Give the token back so the person can try again.
		_, _ = s.c(colInvites).UpdateOne(ctx, bson.D{{Key: "_id", Value: token}}, bson.D{{Key: "$unset", Value: bson.D{{Key: "used_by", Value: ""}, {Key: "used_at", Value: ""}}}})
		return nil, wrap(err, "register member")
	}
	_ = s.audit(ctx, m.TenantID, &m, "member.join", "member", m.ID, nil, m, "invite "+token)
	return &m, nil
}

// whyNotRedeemable tells an unknown token from a used or an expired one.
func (s *Store) whyNotRedeemable(ctx context.Context, token string, now time.Time) error {
	var inv quickwin.Invite
	err := s.findOne(ctx, colInvites, bson.D{{Key: "_id", Value: token}}, &inv, "invite")
	switch {
	case quickwin.ErrorCode(err) == quickwin.ENOTFOUND:
		return quickwin.Errorf(quickwin.ENOTFOUND, "unknown invite").WithKey("invite.unknown", nil)
	case err != nil:
		return err
	case inv.UsedBy != 0:
		return quickwin.Errorf(quickwin.ECONFLICT, "invite already used").WithKey("invite.used", nil)
	case !inv.ExpiresAt.After(now):
		return quickwin.Errorf(quickwin.ECONFLICT, "invite expired").WithKey("invite.expired", nil)
	}
	return quickwin.Errorf(quickwin.ECONFLICT, "invite not redeemable").WithKey("invite.used", nil)
}

// newInviteToken is 128 random bits, URL-safe: fits Telegram's start
// parameter and cannot be guessed (inviteTokens, when set, instead).
func (s *Store) newInviteToken() string {
	if s.inviteTokens != nil {
		return s.inviteTokens()
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
