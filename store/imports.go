package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// Staged imports: many documents written all or none without transactions.
//
// Neither the embedded database nor our use of MongoDB has transactions,
// and one bulk write of a thousand documents can fail half-way (a timeout,
// a killed process). An import therefore goes through three steps, and at
// every moment the database says which of them it reached:
//
//  1. Stage. An import record {state: staging} is written, then every
//     finished document (the whole new or changed quick win or OPD, and its
//     audit entry) goes into the separate collection import_stage under the
//     import's id, in bulk inserts, then the record becomes {state: staged}.
//     Nothing reads import_stage, so nothing of the import is visible. A
//     failure or a kill here leaves a stage that is thrown away.
//  2. Commit. One single-document update flips the record from staged to
//     committed. That write is atomic, so it is the commit point: before it
//     the import is discarded, after it it is completed.
//  3. Copy. The staged documents are written into the real collections in
//     batches. A changed document is replaced by deleting the old one —
//     only while it is still the version (or, for OPDs, the name) the
//     change was built on — and inserting the new one; new documents and
//     audit entries are inserted. Inserts are unordered and a duplicate
//     _id means "copied already". So a copy repeated from the start, as
//     often as needed, deletes only what is still old and inserts only
//     what is missing: every step is idempotent. (Delete-and-insert rather
//     than ReplaceOne: the embedded database scans the collection once per
//     ReplaceOne, which makes 1,000 changed quick wins take minutes; a
//     batch costs one find and one delete by _id.) At the end the record
//     becomes done and the stage is deleted.
//
// RecoverImports runs when the store opens ("the next start"): it finishes
// the copy of every committed import (roll forward) and deletes the stages
// of imports that never reached the commit point: one still staging after
// ten minutes (its writer died), one staged whose preview expired. A
// preview waiting for its Save button keeps its stage until it expires.
//
// Reads need no change: they never look at import_stage, and a committed
// import becomes fully visible within one copy. Between the commit point
// and the end of the copy (seconds) a reader may see part of the import;
// a kill in that window is finished by the next start before the bot
// serves anyone. A quick win changed by someone else after the preview
// fails the Save with ECONFLICT (versions are checked just before the
// commit point); one changed in the seconds between that check and its
// batch of the copy keeps that change, and the import's change of it is
// dropped (its old version is no longer there to delete, and the insert
// finds the _id taken): nothing is overwritten. Two Saves at once (a
// double click) copy the same documents twice, which the same rules make
// harmless.

func init() {
	extraIndexes = append(extraIndexes,
		index{colImportStage, bson.D{{Key: "import", Value: 1}, {Key: "seq", Value: 1}}, false},
		index{colImports, bson.D{{Key: "state", Value: 1}}, false},
	)
}

const (
	colImports     = "imports"
	colImportStage = "import_stage"
)

// Import states, in order.
const (
	importStaging   = "staging"
	importStaged    = "staged"
	importCommitted = "committed"
	importDone      = "done"
)

// staleStaging is how long an import may stay in the staging state: its
// writer finishes staging 1,000 quick wins in seconds, so one older than
// this was killed and can never be committed.
const staleStaging = 10 * time.Minute

// importBatch is how many documents one step of the copy writes: each
// batch costs a scan of the target collection (the find and the delete of
// the documents it replaces) on the embedded database, so fewer, larger
// batches are faster; 500 keeps each call well within the client's 15 s
// operation timeout (10,000 renamed OPDs: 15 s in all, measured). A
// variable only so that the kill tests can cut a small import into
// several batches.
var importBatch = 500

// importRecord is the commit record of one import.
type importRecord struct {
	ID        string                 `bson:"_id"`
	TenantID  string                 `bson:"tenant"`
	Kind      string                 `bson:"kind"` // commitments or opds
	State     string                 `bson:"state"`
	ActorID   string                 `bson:"actor"`
	Docs      int                    `bson:"docs"` // staged documents, checked before the commit point
	Summary   quickwin.ImportSummary `bson:"summary"`
	CreatedAt time.Time              `bson:"created_at"`
	ExpiresAt time.Time              `bson:"expires_at"`
}

// stagedDoc is one document waiting to be copied into Target.
type stagedDoc struct {
	ID      string   `bson:"_id"`
	Import  string   `bson:"import"`
	Seq     int      `bson:"seq"`
	Target  string   `bson:"target"` // a collection name
	Op      string   `bson:"op"`     // insert or replace
	DocID   string   `bson:"doc_id"`
	Version int      `bson:"version,omitempty"` // replace: the version the change was built on
	Match   bson.Raw `bson:"match,omitempty"`   // replace: the filter of the document being replaced
	Doc     bson.Raw `bson:"doc"`
}

const (
	opInsert  = "insert"
	opReplace = "replace"
)

// importFault, when set (tests), is called at each named point of an
// import and its error stops the import there, as a kill or a timeout
// would: "staged" (after the stage is written), "lines" (after the first
// batch's history lines, before its documents), "copy" (after the first
// batch of the copy).
var importFault func(point string) error

func fault(point string) error {
	if importFault != nil {
		return importFault(point)
	}
	return nil
}

// stager collects the documents of one import.
type stager struct {
	s    *Store
	rec  importRecord
	docs []stagedDoc
}

func (s *Store) newStager(tenantID, kind string, actor *quickwin.Member, ttl time.Duration) *stager {
	now := s.Now()
	return &stager{s: s, rec: importRecord{ID: newID(), TenantID: tenantID, Kind: kind, State: importStaging,
		ActorID: actorID(actor), CreatedAt: now, ExpiresAt: now.Add(ttl)}}
}

// add stages a document; match, for a replacement, selects the document
// it replaces while that is still the old one.
func (st *stager) add(target, op, docID string, version int, match bson.D, doc any) error {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("stage %s %s: %w", target, docID, err)
	}
	var m bson.Raw
	if match != nil {
		if m, err = bson.Marshal(match); err != nil {
			return fmt.Errorf("stage %s %s: %w", target, docID, err)
		}
	}
	n := len(st.docs)
	st.docs = append(st.docs, stagedDoc{ID: fmt.Sprintf("%s/%06d", st.rec.ID, n), Import: st.rec.ID, Seq: n,
		Target: target, Op: op, DocID: docID, Version: version, Match: m, Doc: raw})
	return nil
}

// audit stages an audit entry whose id derives from the import's, so a
// repeated copy writes it once.
func (st *stager) audit(actor *quickwin.Member, action, kind, objectID string, before, after any, reason string) error {
	id := fmt.Sprintf("%s-a%06d", st.rec.ID, len(st.docs))
	e := st.s.auditEntry(id, st.rec.TenantID, actor, action, kind, objectID, before, after, reason)
	return st.add(colAudit, opInsert, id, 0, nil, e)
}

// write stores the record and the stage, and marks the stage complete.
func (st *stager) write(ctx context.Context) error {
	st.rec.Docs = len(st.docs)
	if _, err := st.s.c(colImports).InsertOne(ctx, st.rec); err != nil {
		return wrap(err, "start import")
	}
	for from := 0; from < len(st.docs); from += importBatch * 5 {
		batch := make([]any, 0, importBatch*5)
		for _, d := range st.docs[from:min(from+importBatch*5, len(st.docs))] {
			batch = append(batch, d)
		}
		if _, err := st.s.c(colImportStage).InsertMany(ctx, batch); err != nil {
			return wrap(err, "stage import")
		}
	}
	if err := fault("staged"); err != nil {
		return err
	}
	_, err := st.s.c(colImports).UpdateOne(ctx, bson.D{{Key: "_id", Value: st.rec.ID}, {Key: "state", Value: importStaging}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: importStaged}}}})
	if err != nil {
		return wrap(err, "finish staging import")
	}
	st.rec.State = importStaged
	return nil
}

// commit flips a staged import to committed (the commit point) and copies
// it. check, when set, runs just before the commit point with the staged
// documents and may refuse the commit.
func (s *Store) commitImport(ctx context.Context, tenantID, id string, check func([]stagedDoc) error) (*importRecord, error) {
	var rec importRecord
	if err := s.findOne(ctx, colImports, bson.D{{Key: "_id", Value: id}, {Key: "tenant", Value: tenantID}}, &rec, "import "+id); err != nil {
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
			return nil, quickwin.Errorf(quickwin.ENOTFOUND, "import %s is gone", id).WithKey("import.gone", nil)
		}
		return nil, err
	}
	switch rec.State {
	case importDone:
		return &rec, nil
	case importStaging:
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "import %s was never staged completely", id).WithKey("import.gone", nil)
	case importStaged:
		if !rec.ExpiresAt.After(s.Now()) {
			return nil, quickwin.Errorf(quickwin.ENOTFOUND, "import %s expired", id).WithKey("import.gone", nil)
		}
		docs, err := s.stagedDocs(ctx, id)
		if err != nil {
			return nil, err
		}
		if len(docs) != rec.Docs {
			return nil, fmt.Errorf("import %s: %d staged documents, want %d", id, len(docs), rec.Docs)
		}
		if check != nil {
			if err := check(docs); err != nil {
				return nil, err
			}
		}
		res, err := s.c(colImports).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "state", Value: importStaged}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: importCommitted}}}})
		if err != nil {
			return nil, wrap(err, "commit import")
		}
		if res.ModifiedCount == 0 {
			// Another click or process committed or discarded it meanwhile.
			return s.commitImport(ctx, tenantID, id, nil)
		}
		rec.State = importCommitted
		return &rec, s.copyImport(ctx, &rec, docs)
	}
	// committed: finish an interrupted copy.
	docs, err := s.stagedDocs(ctx, id)
	if err != nil {
		return nil, err
	}
	return &rec, s.copyImport(ctx, &rec, docs)
}

func (s *Store) stagedDocs(ctx context.Context, id string) ([]stagedDoc, error) {
	var docs []stagedDoc
	err := s.findAll(ctx, colImportStage, bson.D{{Key: "import", Value: id}}, options.Find().SetSort(bson.D{{Key: "seq", Value: 1}}), &docs, "read staged import")
	return docs, err
}

// copyImport writes a committed import's staged documents where they
// belong; every write is idempotent (see the top of this file).
func (s *Store) copyImport(ctx context.Context, rec *importRecord, docs []stagedDoc) error {
	batches := 0
	for from := 0; from < len(docs); from += importBatch {
		batch := docs[from:min(from+importBatch, len(docs))]
		inserts := map[string][]any{}
		olds := map[string][]bson.Raw{}
		var order []string
		for _, d := range batch {
			if inserts[d.Target] == nil {
				order = append(order, d.Target)
			}
			inserts[d.Target] = append(inserts[d.Target], d.Doc)
			if d.Op == opReplace {
				olds[d.Target] = append(olds[d.Target], d.Match)
			}
		}
		s.noteImportedHistory(ctx, batch)
		if batches == 0 {
			if err := fault("lines"); err != nil {
				return err
			}
		}
		for _, target := range order {
			if err := s.deleteStillOld(ctx, target, olds[target]); err != nil {
				return err
			}
			if _, err := s.insertNew(ctx, target, inserts[target], "copy import into "+target); err != nil {
				return err
			}
		}
		// Quick wins copied make the tenant's summaries stale (summaries.go).
		if inserts[colQuickWins] != nil {
			s.markSummariesStale(ctx, bson.D{{Key: "tenant", Value: rec.TenantID}}, rec.TenantID, "")
		}
		if batches++; batches == 1 {
			if err := fault("copy"); err != nil {
				return err
			}
		}
	}
	if _, err := s.c(colImports).UpdateOne(ctx, bson.D{{Key: "_id", Value: rec.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: importDone}}}}); err != nil {
		return wrap(err, "finish import")
	}
	rec.State = importDone
	// The import is complete; a stage left behind by a failure here is
	// removed by the next RecoverImports.
	if err := s.dropStage(ctx, rec.ID, len(docs)); err != nil {
		s.log.WarnContext(ctx, "import stage not cleaned up", "import", rec.ID, "err", err)
	}
	return nil
}

// stageChunk is how many staged documents one delete removes: a stage of
// 10,000 OPDs deleted at once takes longer than the client's timeout on a
// busy embedded database.
const stageChunk = 2000

// dropStage deletes an import's stage of n documents in chunks of seq.
func (s *Store) dropStage(ctx context.Context, id string, n int) error {
	for from := 0; from < n; from += stageChunk {
		_, err := s.c(colImportStage).DeleteMany(ctx, bson.D{{Key: "import", Value: id},
			{Key: "seq", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: from + stageChunk}}}})
		if err != nil {
			return wrap(err, "clean up import stage")
		}
	}
	// Whatever a chunk missed (n unknown to the caller) goes last.
	_, err := s.c(colImportStage).DeleteMany(ctx, bson.D{{Key: "import", Value: id}})
	return wrap(err, "clean up import stage")
}

// deleteStillOld deletes the documents that the matches (filters of flat
// equalities, _id first) still select: the old versions of documents
// being replaced, not those an earlier attempt replaced already nor those
// someone changed since. It reads the batch's documents once and decides
// in Go: a DeleteMany with an $or of 200 filters takes seconds on the
// embedded database, one with $in on _id does not.
func (s *Store) deleteStillOld(ctx context.Context, target string, matches []bson.Raw) error {
	if len(matches) == 0 {
		return nil
	}
	ids := make(bson.A, 0, len(matches))
	byID := make(map[string]bson.Raw, len(matches))
	projection := bson.D{}
	for _, m := range matches {
		id := m.Lookup("_id").StringValue()
		ids = append(ids, id)
		byID[id] = m
		if len(projection) == 0 {
			elems, _ := m.Elements()
			for _, e := range elems {
				projection = append(projection, bson.E{Key: e.Key(), Value: 1})
			}
		}
	}
	cur, err := s.c(target).Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}, options.Find().SetProjection(projection))
	if err != nil {
		return wrap(err, "copy import into "+target)
	}
	var docs []bson.Raw
	if err := cur.All(ctx, &docs); err != nil {
		return wrap(err, "copy import into "+target)
	}
	old := bson.A{}
	for _, d := range docs {
		id := d.Lookup("_id").StringValue()
		if m, ok := byID[id]; ok && matchesAll(d, m) {
			old = append(old, id)
		}
	}
	if len(old) == 0 {
		return nil
	}
	_, err = s.c(target).DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: old}}}})
	return wrap(err, "copy import into "+target)
}

// matchesAll reports whether doc has every field of match with an equal
// value (numbers compared as numbers: the database may return an int32 as
// an int64).
func matchesAll(doc, match bson.Raw) bool {
	elems, err := match.Elements()
	if err != nil {
		return false
	}
	for _, e := range elems {
		want, got := e.Value(), doc.Lookup(e.Key())
		if wi, ok := want.AsInt64OK(); ok {
			if gi, ok := got.AsInt64OK(); ok && gi == wi {
				continue
			}
			return false
		}
		if !want.Equal(got) {
			return false
		}
	}
	return true
}

// discardImport deletes an import that has not reached the commit point.
// It reports false when the import is committed or done (nothing to undo).
func (s *Store) discardImport(ctx context.Context, tenantID, id string) (bool, error) {
	var rec importRecord
	_ = s.findOne(ctx, colImports, bson.D{{Key: "_id", Value: id}}, &rec, "import "+id)
	res, err := s.c(colImports).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "tenant", Value: tenantID},
		{Key: "state", Value: bson.D{{Key: "$in", Value: bson.A{importStaging, importStaged}}}}})
	if err != nil {
		return false, wrap(err, "discard import")
	}
	// The stage goes even when the record was already gone: a discard that
	// died after deleting the record is finished here.
	if err := s.dropStage(ctx, id, max(rec.Docs, stageChunk)); err != nil {
		return false, err
	}
	return res.DeletedCount > 0, nil
}

// RecoverImports finishes what interrupted imports left: it completes the
// copy of every committed import (roll forward), deletes the stages of
// expired imports that never reached the commit point, and stages whose
// record is gone. The store runs it when it opens. It returns how many
// imports it finished and how many it discarded.
func (s *Store) RecoverImports(ctx context.Context) (finished, discarded int, err error) {
	var recs []importRecord
	if err := s.findAll(ctx, colImports, bson.D{{Key: "state", Value: bson.D{{Key: "$ne", Value: importDone}}}}, options.Find(), &recs, "list unfinished imports"); err != nil {
		return 0, 0, err
	}
	now := s.Now()
	live := map[string]bool{}
	for _, r := range recs {
		switch {
		case r.State == importCommitted:
			if _, err := s.commitImport(ctx, r.TenantID, r.ID, nil); err != nil {
				return finished, discarded, fmt.Errorf("finish import %s: %w", r.ID, err)
			}
			finished++
		case !r.ExpiresAt.After(now), r.State == importStaging && now.Sub(r.CreatedAt) > staleStaging:
			if _, err := s.discardImport(ctx, r.TenantID, r.ID); err != nil {
				return finished, discarded, err
			}
			discarded++
		default:
			live[r.ID] = true
		}
	}
	// Stages without a record: a discard interrupted between its two
	// deletes, or a stage whose record insert never happened.
	// (A find rather than Distinct: the embedded database cannot decode an
	// empty Distinct answer.)
	var staged []struct {
		Import string `bson:"import"`
	}
	if err := s.findAll(ctx, colImportStage, bson.D{}, options.Find().SetProjection(bson.D{{Key: "import", Value: 1}}), &staged, "list import stages"); err != nil {
		return finished, discarded, err
	}
	seen := map[string]bool{}
	for _, d := range staged {
		id := d.Import
		if live[id] || seen[id] {
			continue
		}
		seen[id] = true
		var rec importRecord
		err := s.findOne(ctx, colImports, bson.D{{Key: "_id", Value: id}}, &rec, "import "+id)
		if quickwin.ErrorCode(err) == quickwin.ENOTFOUND || err == nil && rec.State == importDone {
			if err := s.dropStage(ctx, id, max(rec.Docs, stageChunk)); err != nil {
				return finished, discarded, err
			}
			discarded++
		}
	}
	return finished, discarded, nil
}
