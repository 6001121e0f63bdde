package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// A quick win's history — who changed what on it, when and why — is its
// entries in the audit log. On the embedded database finding them scans
// the whole log (21,600 entries for a regency's year: about half a
// second), so each quick win also has one history document, read by its
// _id (the quick win's): the lines of its audit entries, without their
// before and after. The audit log stays the record; the history document
// is derived from it and can always be rebuilt from it:
//
//   - every audit entry about a quick win (kind "commitment") adds its
//     line as it is written (audit, copyImport), to a set, so that a
//     replayed write adds nothing; the line goes in just before the
//     entry, so that a process killed between the two never leaves a
//     complete history without the line of an entry in the log (it may
//     leave the line of a stored change whose entry the log lost; an
//     import killed there is copied again at the next start);
//   - the document says complete when it holds every line: from the
//     quick win's creation on, or after a rebuild from the audit log;
//   - the first read of an incomplete one (a quick win from before these
//     documents, or one whose line could not be added) rebuilds it once.
const colHistory = "quickwin_history"

// historyDoc is a quick win's history, keyed by the quick win's id.
type historyDoc struct {
	ID       string   `bson:"_id"`
	TenantID string   `bson:"tenant"`
	Complete bool     `bson:"complete"`
	Lines    []string `bson:"lines"` // historyLine.String
}

// historyLine is an audit entry without its before and after.
type historyLine struct {
	ID     string // the audit entry's
	At     time.Time
	Actor  string
	Action string
	Reason string
}

func lineOf(e quickwin.AuditEntry) historyLine {
	return historyLine{ID: e.ID, At: e.At.UTC().Truncate(time.Millisecond), Actor: e.ActorID, Action: e.Action, Reason: e.Reason}
}

// lineTime is how a line writes its time: to the millisecond, as BSON
// keeps the audit entry's.
const lineTime = "2006-01-02T15:04:05.000Z07:00"

// String is the line as stored: a JSON array of strings. Lines are
// compared whole when added to the set, and the same entry always makes
// the same string. A string rather than a subdocument because every
// update makes the embedded database parse each history of the collection
// (see report_book.go), and strings parse several times faster.
func (l historyLine) String() string {
	b, _ := json.Marshal([]string{l.ID, l.At.UTC().Format(lineTime), l.Actor, l.Action, l.Reason}) // strings always marshal
	return string(b)
}

// parseLine reads a line written by String.
func parseLine(s string) (historyLine, error) {
	var f []string
	if err := json.Unmarshal([]byte(s), &f); err != nil || len(f) != 5 {
		return historyLine{}, fmt.Errorf("history line %q: %v", s, err)
	}
	at, err := time.Parse(lineTime, f[1])
	if err != nil {
		return historyLine{}, fmt.Errorf("history line %q: %w", s, err)
	}
	return historyLine{ID: f[0], At: at, Actor: f[2], Action: f[3], Reason: f[4]}, nil
}

// createdHistory names the audit actions that start a quick win's life:
// its history is complete from them on.
var createdHistory = []string{"commitment.create", "commitment.import_create"}

// noteHistory adds an audit entry about a quick win to its history. If
// that fails, the history is removed, to be rebuilt from the audit log
// when it is next read: it never misses a line while it says complete.
func (s *Store) noteHistory(ctx context.Context, e quickwin.AuditEntry) {
	if e.Kind != "commitment" || e.ObjectID == "" {
		return
	}
	var set bson.D
	if slices.Contains(createdHistory, e.Action) {
		set = bson.D{{Key: "complete", Value: true}}
	}
	if err := s.addHistory(ctx, e.TenantID, e.ObjectID, set, []historyLine{lineOf(e)}); err != nil {
		s.log.ErrorContext(ctx, "quick win history not updated; it will be rebuilt", "commitment", e.ObjectID, "err", err)
		s.forgetHistory(ctx, e)
	}
}

// forgetHistory removes the history of the quick win an audit entry is
// about, to be rebuilt from the audit log when it is next read: the
// history of a line that could not be added, or of an entry that could
// not be written to the log after its line was added.
func (s *Store) forgetHistory(ctx context.Context, e quickwin.AuditEntry) {
	if e.Kind != "commitment" || e.ObjectID == "" {
		return
	}
	if _, err := s.c(colHistory).DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: e.ObjectID}}); err != nil {
		s.log.ErrorContext(ctx, "stale quick win history not removed", "commitment", e.ObjectID, "err", err)
	}
}

// noteImportedHistory adds the audit entries of a batch an import is about
// to copy (copyImport) to the histories of their quick wins: before the
// entries, as audit does, so that a copy killed half-way leaves no complete
// history without the line of an entry in the log (the next start copies
// the rest).
func (s *Store) noteImportedHistory(ctx context.Context, batch []stagedDoc) {
	for _, d := range batch {
		if d.Target != colAudit {
			continue
		}
		var e quickwin.AuditEntry
		if err := bson.Unmarshal(d.Doc, &e); err != nil {
			s.log.ErrorContext(ctx, "imported audit entry unreadable", "entry", d.DocID, "err", err)
			continue
		}
		s.noteHistory(ctx, e)
	}
}

// addHistory adds lines to the history of quick win id (creating it when
// absent) and sets set, in one write by _id.
func (s *Store) addHistory(ctx context.Context, tenantID, id string, set bson.D, lines []historyLine) error {
	each := make(bson.A, len(lines))
	for i, l := range lines {
		each[i] = l.String()
	}
	update := bson.D{
		{Key: "$addToSet", Value: bson.D{{Key: "lines", Value: bson.D{{Key: "$each", Value: each}}}}},
		{Key: "$setOnInsert", Value: bson.D{{Key: "tenant", Value: tenantID}}},
	}
	if len(set) > 0 {
		update = append(update, bson.E{Key: "$set", Value: set})
	}
	_, err := s.c(colHistory).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, update, options.UpdateOne().SetUpsert(true))
	return wrap(err, "update quick win history")
}

// QuickWinHistory returns the audit entries about one quick win of a
// tenant, oldest first, without their Before and After: what
// Audit(tenantID, id, 0) returns, read by _id. The first read of a history
// that is not complete rebuilds it from the audit log.
func (s *Store) QuickWinHistory(ctx context.Context, tenantID, id string) ([]quickwin.AuditEntry, error) {
	var d historyDoc
	err := s.findOne(ctx, colHistory, bson.D{{Key: "_id", Value: id}}, &d, "quick win history "+id)
	switch {
	case err == nil && d.TenantID != tenantID:
		return nil, nil // another tenant's quick win: nothing of this tenant
	case err == nil && d.Complete:
		out, err := entriesOf(d)
		if err == nil {
			return out, nil
		}
		// Unreadable: made again from nothing (lines added meanwhile come
		// from entries the rebuild reads, or are added after it).
		s.log.WarnContext(ctx, "quick win history unreadable; rebuilding it", "commitment", id, "err", err)
		if _, err := s.c(colHistory).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
			return nil, wrap(err, "remove unreadable history")
		}
	case err != nil && quickwin.ErrorCode(err) != quickwin.ENOTFOUND:
		return nil, err
	}
	entries, err := s.Audit(ctx, tenantID, id, 0)
	if err != nil {
		return nil, err
	}
	if err := s.rebuildHistory(ctx, tenantID, id, entries); err != nil {
		// The entries are right; the next reading tries again.
		s.log.WarnContext(ctx, "quick win history not rebuilt", "commitment", id, "err", err)
	}
	return entries, nil
}

// entriesOf reads a history's lines as audit entries, oldest first.
func entriesOf(d historyDoc) ([]quickwin.AuditEntry, error) {
	out := make([]quickwin.AuditEntry, len(d.Lines))
	for i, s := range d.Lines {
		l, err := parseLine(s)
		if err != nil {
			return nil, err
		}
		out[i] = quickwin.AuditEntry{ID: l.ID, TenantID: d.TenantID, At: l.At, ActorID: l.Actor, Action: l.Action,
			Kind: "commitment", ObjectID: d.ID, Reason: l.Reason}
	}
	slices.SortStableFunc(out, func(a, b quickwin.AuditEntry) int { return a.At.Compare(b.At) })
	return out, nil
}

// rebuildHistory completes a quick win's history with the entries read
// from the audit log. Lines added meanwhile stay (the set keeps them once);
// an entry written after the read adds its own line.
func (s *Store) rebuildHistory(ctx context.Context, tenantID, id string, entries []quickwin.AuditEntry) error {
	if len(entries) == 0 {
		return nil // nothing to keep: perhaps no such quick win
	}
	lines := make([]historyLine, len(entries))
	for i, e := range entries {
		lines[i] = lineOf(e)
		entries[i].Before, entries[i].After = nil, nil
	}
	err := s.addHistory(ctx, tenantID, id, bson.D{{Key: "complete", Value: true}}, lines)
	if quickwin.ErrorCode(err) == quickwin.ECONFLICT {
		return nil // two first reads raced on the upsert (duplicate _id); the other one rebuilt it
	}
	return err
}
