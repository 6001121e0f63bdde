package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// CreateInvites implements quickwin.InviteBatchService. The invites go in
// with one InsertMany, each marked with the batch's id. Without
// transactions a failure half-way may leave some of them behind, so the
// batch's invites are deleted again by that mark before the error is
// returned; should even that fail (or the process die in between), the
// leftovers are harmless: their tokens were never shown to anyone, they
// cannot be guessed, and they expire.
func (s *Store) CreateInvites(ctx context.Context, actor *quickwin.Member, b quickwin.InviteBatch) ([]quickwin.Invite, error) {
	if actor == nil {
		return nil, quickwin.Authorize(nil, "", quickwin.ActManage, "")
	}
	if err := quickwin.Authorize(actor, actor.TenantID, quickwin.ActManage, ""); err != nil {
		return nil, err
	}
	ttl, err := quickwin.InviteValidity(b.Days)
	if err != nil {
		return nil, err
	}
	opds, err := s.OPDs(ctx, actor.TenantID, false)
	if err != nil {
		return nil, err
	}
	invs, err := quickwin.PlanInvites(b, opds)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	batch := newID()
	docs := make([]any, len(invs))
	for i := range invs {
		invs[i].Token = s.newInviteToken()
		invs[i].TenantID = actor.TenantID
		invs[i].CreatedBy = actor.ID
		invs[i].CreatedAt = now
		invs[i].ExpiresAt = now.Add(ttl)
		docs[i] = batchInvite{Invite: invs[i], Batch: batch}
	}
	if _, err := s.c(colInvites).InsertMany(ctx, docs); err != nil {
		s.forgetBatch(ctx, batch)
		return nil, wrap(err, "create invites")
	}
	_ = s.audit(ctx, actor.TenantID, actor, "invite.create_batch", "invite", "", nil, invs, "")
	return invs, nil
}

// batchInvite is an invite as a batch stores it: marked with the batch, so
// that a failed batch can find its own invites (and only those).
type batchInvite struct {
	quickwin.Invite `bson:",inline"`
	Batch           string `bson:"batch"`
}

// forgetBatch deletes the invites of a failed batch, with a context of its
// own: the caller's may be the one that just ran out.
func (s *Store) forgetBatch(ctx context.Context, batch string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if _, err := s.c(colInvites).DeleteMany(ctx, bson.D{{Key: "batch", Value: batch}}); err != nil {
		s.log.ErrorContext(ctx, "invites of a failed batch not deleted; they expire unused", "batch", batch, "err", err)
	}
}

// OpenInvites implements quickwin.InviteBatchService.
func (s *Store) OpenInvites(ctx context.Context, tenantID string) ([]quickwin.Invite, error) {
	filter := bson.D{
		{Key: "tenant", Value: tenantID},
		{Key: "used_by", Value: bson.D{{Key: "$exists", Value: false}}},
		{Key: "expires_at", Value: bson.D{{Key: "$gt", Value: s.Now()}}},
	}
	var out []quickwin.Invite
	opts := options.Find().SetSort(bson.D{{Key: "opd", Value: 1}, {Key: "role", Value: 1}, {Key: "expires_at", Value: 1}})
	return out, s.findAll(ctx, colInvites, filter, opts, &out, "list open invites")
}
