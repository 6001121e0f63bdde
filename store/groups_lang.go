package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
)

// Group implements quickwin.GroupService: one registered group (ENOTFOUND).
func (s *Store) Group(ctx context.Context, chatID int64) (*quickwin.Group, error) {
	var g quickwin.Group
	if err := s.findOne(ctx, colGroups, bson.D{{Key: "_id", Value: chatID}}, &g, "read group"); err != nil {
		return nil, err
	}
	return &g, nil
}

// SetGroupLang implements quickwin.GroupService: the language a registered
// group hears ("" for the tenant's). Admins only, as registering is.
func (s *Store) SetGroupLang(ctx context.Context, actor *quickwin.Member, chatID int64, lang string) error {
	g, err := s.Group(ctx, chatID)
	if err != nil {
		return err
	}
	if err := quickwin.Authorize(actor, g.TenantID, quickwin.ActManage, ""); err != nil {
		return err
	}
	before := *g
	_, err = s.c(colGroups).UpdateOne(ctx, bson.D{{Key: "_id", Value: chatID}}, bson.D{{Key: "$set", Value: bson.D{{Key: "lang", Value: lang}}}})
	if err != nil {
		return wrap(err, "set group language")
	}
	g.Lang = lang
	_ = s.audit(ctx, g.TenantID, actor, "group.lang", "group", formatInt(chatID), before, g, "")
	return nil
}
