package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"quickwin"
)

// ReplaceQuickWinForTest stores a quick win as it is, as a database from
// before the archive kept steps' files holds it: nothing is queued.
func (s *Store) ReplaceQuickWinForTest(ctx context.Context, c *quickwin.QuickWin) error {
	_, err := s.c(colQuickWins).ReplaceOne(ctx, bson.D{{Key: "_id", Value: c.ID}}, c)
	return err
}
