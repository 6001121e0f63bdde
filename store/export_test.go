package store

import (
	"go.mongodb.org/mongo-driver/v2/mongo"

	"quickwin"
)

// Collection exposes a raw collection to this package's external tests.
func (s *Store) Collection(name string) *mongo.Collection { return s.c(name) }

// SetAuditFault makes this store call f between an audit entry's history
// line and its insert into the log; an error stops the write there, as a
// kill would. nil removes it.
func (s *Store) SetAuditFault(f func() error) { s.auditFault = f }

// TrackedCopy exposes trackedCopy (summaries.go) to this package's
// external tests.
func TrackedCopy(c *quickwin.QuickWin) quickwin.QuickWin { return trackedCopy(c) }
