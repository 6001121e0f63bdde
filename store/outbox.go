package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// The outbox keeps every message the scheduler (or anyone else) wants sent
// until Telegram accepted it. A message is one document keyed by its Key, so
// enqueueing it again is a duplicate key and changes nothing. Dispatchers
// claim messages for a lease; a dispatcher that dies mid-send loses nothing:
// its claims expire and another dispatcher sends them.
//
// The unavoidable window: when a process dies after Telegram accepted a
// message and before MarkSent stored that, the message is sent again once
// its claim expires. Dispatchers call MarkSent right after each send, so at
// most one message per dispatcher worker can be in that window.
//
// On the embedded database every filtered read scans the whole collection
// (ARCHITECTURE.md), and a conditional update is only atomic when all
// writers share one connection (pool size 1 in one process). So: claims
// read the candidates with one find and take each with a conditional
// update by _id (cheap there); sent messages drop their attachments; and
// PruneOutbox keeps the collection small.

const colOutbox = "outbox"

func init() {
	extraIndexes = append(extraIndexes,
		// Claims: due pending messages, and expired claims.
		index{colOutbox, bson.D{{Key: "state", Value: 1}, {Key: "next_attempt", Value: 1}}, false},
		index{colOutbox, bson.D{{Key: "state", Value: 1}, {Key: "claimed_until", Value: 1}}, false},
		// Listing a tenant's messages, newest last.
		index{colOutbox, bson.D{{Key: "tenant", Value: 1}, {Key: "created_at", Value: 1}}, false},
	)
}

// outboxDoc is an OutboxMessage as stored: seq keeps the order of the
// messages of one Enqueue call (a digest's parts, then its chart), which
// share one created_at. The keyboard is stored as rows of documents,
// because the embedded database refuses nested arrays ([][]Button).
type outboxDoc struct {
	quickwin.OutboxMessage `bson:",inline"`
	Seq                    int         `bson:"seq"`
	Rows                   []buttonRow `bson:"rows,omitempty"`
}

type buttonRow struct {
	Buttons []quickwin.Button `bson:"b"`
}

func newOutboxDoc(m quickwin.OutboxMessage, seq int) outboxDoc {
	d := outboxDoc{OutboxMessage: m, Seq: seq}
	for _, r := range m.Buttons {
		d.Rows = append(d.Rows, buttonRow{r})
	}
	d.Buttons = nil
	return d
}

func (d *outboxDoc) message() quickwin.OutboxMessage {
	m := d.OutboxMessage
	m.Buttons = nil
	for _, r := range d.Rows {
		m.Buttons = append(m.Buttons, r.Buttons)
	}
	return m
}

// Enqueue implements quickwin.Outbox: it stores the messages whose Key is
// not stored yet, pending and due now, and returns how many were new. A
// duplicate Key (already queued or sent) is not an error. Messages need a
// Key and a ChatID (EINVALID).
func (s *Store) Enqueue(ctx context.Context, msgs ...quickwin.OutboxMessage) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	now := s.Now()
	docs := make([]any, 0, len(msgs))
	for i, m := range msgs {
		if m.Key == "" || m.ChatID == 0 {
			return 0, quickwin.Errorf(quickwin.EINVALID, "outbox message %d: key and chat are required", i)
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = now
		}
		m.State, m.Attempts, m.NextAttempt = quickwin.OutboxPending, 0, now
		m.ClaimedBy, m.ClaimedUntil, m.SentAt, m.LastError = "", time.Time{}, time.Time{}, ""
		docs = append(docs, newOutboxDoc(m, i))
	}
	fresh, err := s.insertNew(ctx, colOutbox, docs, "enqueue messages")
	return len(fresh), err
}

// outboxQueue is the outbox as a work queue, claimed in order of
// priority, then age.
var outboxQueue = workQueue{col: colOutbox, pending: quickwin.OutboxPending, taken: quickwin.OutboxSending,
	order: bson.D{{Key: "priority", Value: 1}, {Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}, what: "messages"}

// ClaimOutbox claims up to limit due messages for owner until now+lease, in
// order of priority, then age, and returns them (state sending): see claim.
// The lease must be longer than the dispatcher's send timeout.
func (s *Store) ClaimOutbox(ctx context.Context, owner string, limit int, now time.Time, lease time.Duration) ([]quickwin.OutboxMessage, error) {
	var docs []outboxDoc
	if err := s.claim(ctx, outboxQueue, owner, limit, now, lease, &docs); err != nil || len(docs) == 0 {
		return nil, err
	}
	out := make([]quickwin.OutboxMessage, len(docs))
	for i, d := range docs {
		out[i] = d.message()
	}
	return out, nil
}

// MarkSent records that Telegram accepted a message. It is an update by
// key alone (the cheapest write the embedded database has, and the one on
// the hot path of every broadcast): if this claim had expired and another
// dispatcher took the message meanwhile, the message went out twice
// whatever is recorded, and "sent" is true either way.
func (s *Store) MarkSent(ctx context.Context, owner, key string) error {
	_, err := s.c(colOutbox).UpdateOne(ctx, bson.D{{Key: "_id", Value: key}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.OutboxSent}, {Key: "sent_at", Value: s.Now()}, {Key: "last_error", Value: ""}}},
		{Key: "$unset", Value: bson.D{{Key: "photo", Value: ""}, {Key: "file", Value: ""}}},
	})
	return wrap(err, "mark sent "+key)
}

func (s *Store) MarkRetry(ctx context.Context, owner, key string, next time.Time, reason string) error {
	return s.finishClaim(ctx, owner, key, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.OutboxPending}, {Key: "next_attempt", Value: next}, {Key: "last_error", Value: reason}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	}, "mark retry")
}

// Postpone gives a claimed message back, due at next, without counting an
// attempt: Telegram asked to slow down (429), a chat's rate limit is far
// ahead, or the dispatcher is shutting down. ECONFLICT when owner no longer
// holds the claim.
func (s *Store) Postpone(ctx context.Context, owner, key string, next time.Time, reason string) error {
	return s.finishClaim(ctx, owner, key, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.OutboxPending}, {Key: "next_attempt", Value: next}, {Key: "last_error", Value: reason}}},
	}, "postpone")
}

// MarkFailed gives up on a message claimed by owner (bot blocked, bad
// request, too many attempts). ECONFLICT when owner no longer holds the claim.
func (s *Store) MarkFailed(ctx context.Context, owner, key, reason string) error {
	return s.finishClaim(ctx, owner, key, bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.OutboxFailed}, {Key: "last_error", Value: reason}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	}, "mark failed")
}

func (s *Store) finishClaim(ctx context.Context, owner, key string, update bson.D, what string) error {
	res, err := s.c(colOutbox).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: key}, {Key: "state", Value: quickwin.OutboxSending}, {Key: "claimed_by", Value: owner}}, update)
	if err != nil {
		return wrap(err, what+" "+key)
	}
	if res.MatchedCount == 0 {
		return quickwin.Errorf(quickwin.ECONFLICT, "%s %s: claim of %s lost", what, key, owner)
	}
	return nil
}

// RenewClaims extends every claim owner holds to until: a dispatcher renews
// its claims while it works on them, so that a short claim lease lets
// another instance take over quickly when this one dies, without a live one
// losing claims on messages that wait for their turn.
func (s *Store) RenewClaims(ctx context.Context, owner string, until time.Time) (int64, error) {
	res, err := s.c(colOutbox).UpdateMany(ctx,
		bson.D{{Key: "state", Value: quickwin.OutboxSending}, {Key: "claimed_by", Value: owner}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "claimed_until", Value: until}}}})
	if err != nil {
		return 0, wrap(err, "renew claims")
	}
	return res.MatchedCount, nil
}

// ReleaseClaims gives every message owner holds back to the outbox, due at
// now, without counting an attempt.
func (s *Store) ReleaseClaims(ctx context.Context, owner string, now time.Time) (int64, error) {
	res, err := s.c(colOutbox).UpdateMany(ctx,
		bson.D{{Key: "state", Value: quickwin.OutboxSending}, {Key: "claimed_by", Value: owner}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: quickwin.OutboxPending}, {Key: "next_attempt", Value: now}}}})
	if err != nil {
		return 0, wrap(err, "release claims")
	}
	return res.ModifiedCount, nil
}

// OutboxMessage returns one message by key. ENOTFOUND.
func (s *Store) OutboxMessage(ctx context.Context, key string) (*quickwin.OutboxMessage, error) {
	var d outboxDoc
	if err := s.findOne(ctx, colOutbox, bson.D{{Key: "_id", Value: key}}, &d, "outbox message "+key); err != nil {
		return nil, err
	}
	m := d.message()
	return &m, nil
}

// OutboxMessages lists a tenant's messages in one state (any state when
// empty), oldest first, in the order they were enqueued.
func (s *Store) OutboxMessages(ctx context.Context, tenantID string, state quickwin.OutboxState) ([]quickwin.OutboxMessage, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if state != "" {
		filter = append(filter, bson.E{Key: "state", Value: state})
	}
	var docs []outboxDoc
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "seq", Value: 1}})
	if err := s.findAll(ctx, colOutbox, filter, opts, &docs, "list outbox"); err != nil {
		return nil, err
	}
	out := make([]quickwin.OutboxMessage, len(docs))
	for i := range docs {
		out[i] = docs[i].message()
	}
	return out, nil
}

// CountOutbox counts the messages in a state, for metrics and health.
func (s *Store) CountOutbox(ctx context.Context, state quickwin.OutboxState) (int64, error) {
	n, err := s.c(colOutbox).CountDocuments(ctx, bson.D{{Key: "state", Value: state}})
	return n, wrap(err, "count outbox")
}

// PruneOutbox deletes sent and failed messages created before before. Keep
// them longer than any job could be re-run for the same period (catch-up,
// a failed run taken over), since their keys are what stops a re-run from
// sending again.
func (s *Store) PruneOutbox(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.c(colOutbox).DeleteMany(ctx, bson.D{
		{Key: "state", Value: bson.D{{Key: "$in", Value: bson.A{quickwin.OutboxSent, quickwin.OutboxFailed}}}},
		{Key: "created_at", Value: bson.D{{Key: "$lt", Value: before}}},
	})
	if err != nil {
		return 0, wrap(err, "prune outbox")
	}
	return res.DeletedCount, nil
}
