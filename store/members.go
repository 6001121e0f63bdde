package store

import (
	"context"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// MemberByTelegramID implements quickwin.MemberService. A person who joined
// several tenants acts in the one they joined last.
func (s *Store) MemberByTelegramID(ctx context.Context, telegramID int64) (*quickwin.Member, error) {
	var out []quickwin.Member
	err := s.findAll(ctx, colMembers, bson.D{{Key: "tg_id", Value: telegramID}, {Key: "active", Value: true}},
		options.Find().SetSort(bson.D{{Key: "joined_at", Value: -1}}).SetLimit(1), &out, "find member")
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "no member with telegram id %d", telegramID)
	}
	return &out[0], nil
}

// Member implements quickwin.MemberService.
func (s *Store) Member(ctx context.Context, id string) (*quickwin.Member, error) {
	var m quickwin.Member
	if err := s.findOne(ctx, colMembers, bson.D{{Key: "_id", Value: id}}, &m, "member "+id); err != nil {
		return nil, err
	}
	return &m, nil
}

// Members implements quickwin.MemberService, ordered by OPD, role and name.
func (s *Store) Members(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.Member, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if activeOnly {
		filter = append(filter, bson.E{Key: "active", Value: true})
	}
	var out []quickwin.Member
	opts := options.Find().SetSort(bson.D{{Key: "opd", Value: 1}, {Key: "role", Value: 1}, {Key: "name", Value: 1}})
	return out, s.findAll(ctx, colMembers, filter, opts, &out, "list members")
}

// EnsureAdmin implements quickwin.MemberService: an upsert keyed by (tenant,
// Telegram id), so starting twice with the same QW_ADMIN_IDS changes nothing.
func (s *Store) EnsureAdmin(ctx context.Context, tenantID string, telegramID int64) (*quickwin.Member, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}, {Key: "tg_id", Value: telegramID}}
	t, err := s.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	update := bson.D{
		{Key: "$set", Value: bson.D{{Key: "role", Value: quickwin.RoleAdmin}, {Key: "active", Value: true}, {Key: "opd", Value: ""}}},
		{Key: "$setOnInsert", Value: bson.D{
			{Key: "_id", Value: newID()}, {Key: "name", Value: quickwin.PlaceholderName(telegramID)},
			{Key: "lang", Value: t.Lang}, {Key: "joined_at", Value: s.Now()},
		}},
	}
	var m quickwin.Member
	err = s.c(colMembers).FindOneAndUpdate(ctx, filter, update,
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&m)
	if err != nil {
		return nil, wrap(err, "ensure admin")
	}
	return &m, nil
}

// SetMemberLang implements quickwin.MemberService.
func (s *Store) SetMemberLang(ctx context.Context, memberID, lang string) error {
	return s.setMember(ctx, memberID, bson.D{{Key: "lang", Value: lang}}, "set language")
}

// UpdateMemberProfile implements quickwin.MemberService.
func (s *Store) UpdateMemberProfile(ctx context.Context, memberID string, u quickwin.TelegramUser) error {
	return s.setMember(ctx, memberID, bson.D{{Key: "name", Value: u.Name}, {Key: "username", Value: u.Username}}, "update profile")
}

func (s *Store) setMember(ctx context.Context, memberID string, set bson.D, what string) error {
	res, err := s.c(colMembers).UpdateOne(ctx, bson.D{{Key: "_id", Value: memberID}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return wrap(err, what)
	}
	if res.MatchedCount == 0 {
		return quickwin.Errorf(quickwin.ENOTFOUND, "member %s", memberID)
	}
	return nil
}

// DeactivateMember implements quickwin.MemberService.
func (s *Store) DeactivateMember(ctx context.Context, actor *quickwin.Member, memberID string) error {
	m, err := s.Member(ctx, memberID)
	if err != nil {
		return err
	}
	if err := quickwin.Authorize(actor, m.TenantID, quickwin.ActDeactivate, ""); err != nil {
		return err
	}
	if m.ID == actor.ID {
		return quickwin.Errorf(quickwin.ECONFLICT, "cannot deactivate oneself").WithKey("members.not_self", nil)
	}
	if m.Role == quickwin.RoleAdmin && actor.Role != quickwin.RoleAdmin {
		return quickwin.Errorf(quickwin.EFORBIDDEN, "only an admin deactivates an admin").WithKey("forbidden.members.admin", nil)
	}
	if err := s.setMember(ctx, memberID, bson.D{{Key: "active", Value: false}}, "deactivate member"); err != nil {
		return err
	}
	_ = s.audit(ctx, m.TenantID, actor, "member.deactivate", "member", m.ID, m, nil, "")
	return nil
}

// MarkBlocked implements quickwin.MemberService.
func (s *Store) MarkBlocked(ctx context.Context, telegramID int64) error {
	var ms []quickwin.Member
	if err := s.findAll(ctx, colMembers, bson.D{{Key: "tg_id", Value: telegramID}, {Key: "active", Value: true}}, nil, &ms, "find blocked member"); err != nil {
		return err
	}
	for _, m := range ms {
		if err := s.setMember(ctx, m.ID, bson.D{{Key: "active", Value: false}}, "mark blocked"); err != nil {
			return err
		}
		_ = s.audit(ctx, m.TenantID, nil, "member.blocked", "member", m.ID, nil, nil, "telegram: bot was blocked")
	}
	return nil
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
