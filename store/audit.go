package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// audit records one change. A failure to write the audit entry is returned:
// callers have already made the change, so they log it rather than undo it.
func (s *Store) audit(ctx context.Context, tenantID string, actor *quickwin.Member, action, kind, objectID string, before, after any, reason string) error {
	e := s.auditEntry(newID(), tenantID, actor, action, kind, objectID, before, after, reason)
	// The history line goes first (history.go): a process killed between
	// the two writes then leaves a history with the line of a change that
	// was stored (every entry follows its change), never a complete
	// history without the line of an entry in the log.
	s.noteHistory(ctx, e)
	if s.auditFault != nil {
		if err := s.auditFault(); err != nil {
			return err
		}
	}
	_, err := s.c(colAudit).InsertOne(ctx, e)
	if err != nil {
		s.log.ErrorContext(ctx, "audit entry not written", "action", action, "object", objectID, "err", err)
		s.forgetHistory(ctx, e) // its line is not in the log
		return wrap(err, "write audit entry")
	}
	return nil
}

// auditEntry is the audit entry with id of a change made now by actor.
func (s *Store) auditEntry(id, tenantID string, actor *quickwin.Member, action, kind, objectID string, before, after any, reason string) quickwin.AuditEntry {
	return quickwin.AuditEntry{
		ID: id, TenantID: tenantID, At: s.Now(), ActorID: actorID(actor), Action: action,
		Kind: kind, ObjectID: objectID, Before: before, After: after, Reason: reason,
	}
}

// actorID is who the audit log and imports record for actor: "system"
// when the store acts on its own (nil).
func actorID(actor *quickwin.Member) string {
	if actor == nil {
		return "system"
	}
	return actor.ID
}

// Audit implements quickwin.AuditService.
func (s *Store) Audit(ctx context.Context, tenantID, objectID string, limit int) ([]quickwin.AuditEntry, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if objectID != "" {
		filter = append(filter, bson.E{Key: "object", Value: objectID})
	}
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	var out []quickwin.AuditEntry
	return out, s.findAll(ctx, colAudit, filter, opts, &out, "read audit log")
}

// findAll runs a find and decodes every document into out.
func (s *Store) findAll(ctx context.Context, col string, filter any, opts *options.FindOptionsBuilder, out any, what string) error {
	cur, err := s.c(col).Find(ctx, filter, opts)
	if err != nil {
		return wrap(err, what)
	}
	return wrap(cur.All(ctx, out), what)
}

// findOne decodes one document into out; ENOTFOUND when there is none.
func (s *Store) findOne(ctx context.Context, col string, filter any, out any, what string) error {
	return wrap(s.c(col).FindOne(ctx, filter).Decode(out), what)
}
