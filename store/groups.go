package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// RegisterGroup implements quickwin.GroupService: an upsert by chat id, so
// registering twice keeps one group.
func (s *Store) RegisterGroup(ctx context.Context, actor *quickwin.Member, g quickwin.Group) error {
	if err := quickwin.Authorize(actor, g.TenantID, quickwin.ActManage, ""); err != nil {
		return err
	}
	g.RegisteredBy, g.RegisteredAt, g.Active = actor.ID, s.Now(), true
	_, err := s.c(colGroups).ReplaceOne(ctx, bson.D{{Key: "_id", Value: g.ChatID}}, g, options.Replace().SetUpsert(true))
	if err != nil {
		return wrap(err, "register group")
	}
	_ = s.audit(ctx, g.TenantID, actor, "group.register", "group", formatInt(g.ChatID), nil, g, "")
	return nil
}

// Groups implements quickwin.GroupService: the active groups of a tenant.
func (s *Store) Groups(ctx context.Context, tenantID string) ([]quickwin.Group, error) {
	var out []quickwin.Group
	return out, s.findAll(ctx, colGroups, bson.D{{Key: "tenant", Value: tenantID}, {Key: "active", Value: true}}, nil, &out, "list groups")
}

// DeactivateGroup implements quickwin.GroupService.
func (s *Store) DeactivateGroup(ctx context.Context, chatID int64) error {
	_, err := s.c(colGroups).UpdateOne(ctx, bson.D{{Key: "_id", Value: chatID}}, bson.D{{Key: "$set", Value: bson.D{{Key: "active", Value: false}}}})
	return wrap(err, "deactivate group")
}
