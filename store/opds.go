package store

import (
	"context"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// CreateOPD implements quickwin.OPDService.
func (s *Store) CreateOPD(ctx context.Context, actor *quickwin.Member, o quickwin.OPD) (*quickwin.OPD, error) {
	if err := quickwin.Authorize(actor, o.TenantID, quickwin.ActManage, ""); err != nil {
		return nil, err
	}
	if err := o.Normalize(); err != nil {
		return nil, err
	}
	o.ID, o.Active = newID(), true
	if _, err := s.c(colOPDs).InsertOne(ctx, o); err != nil {
		err = wrap(err, "create OPD "+o.Code)
		if quickwin.ErrorCode(err) == quickwin.ECONFLICT {
			return nil, quickwin.Errorf(quickwin.ECONFLICT, "OPD %s exists", o.Code).WithKey("opd.exists", map[string]any{"Code": o.Code})
		}
		return nil, err
	}
	_ = s.audit(ctx, o.TenantID, actor, "opd.create", "opd", o.Code, nil, o, "")
	return &o, nil
}

// ImportOPDs implements quickwin.OPDService: every row is validated before
// anything is written, and the rows are then written as one staged import
// (see imports.go): all of them, also across a timeout or a kill half-way,
// or none. New OPDs are inserted in bulk; existing ones whose name changed
// or that were deactivated are replaced, active, with the new name.
func (s *Store) ImportOPDs(ctx context.Context, tenantID string, opds []quickwin.OPD) (created, updated int, err error) {
	seen := map[string]bool{}
	for i := range opds {
		o := &opds[i]
		o.TenantID = tenantID
		if err := o.Normalize(); err != nil {
			return 0, 0, err
		}
		if seen[o.Code] {
			return 0, 0, quickwin.Errorf(quickwin.EINVALID, "code %s appears twice", o.Code).
				WithKey("opd.import.duplicate", map[string]any{"Code": o.Code})
		}
		seen[o.Code] = true
	}
	if len(opds) == 0 {
		return 0, 0, nil
	}
	existing, err := s.OPDs(ctx, tenantID, false)
	if err != nil {
		return 0, 0, err
	}
	byCode := make(map[string]quickwin.OPD, len(existing))
	for _, o := range existing {
		byCode[o.Code] = o
	}
	st := s.newStager(tenantID, "opds", nil, time.Hour)
	for i := range opds {
		o := opds[i]
		old, ok := byCode[o.Code]
		switch {
		case !ok:
			o.ID, o.Active = newID(), true
			err = st.add(colOPDs, opInsert, o.ID, 0, nil, o)
			created++
		case old.Name != o.Name || !old.Active:
			o.ID, o.Active = old.ID, true
			err = st.add(colOPDs, opReplace, o.ID, 0, bson.D{{Key: "_id", Value: o.ID}, {Key: "name", Value: old.Name}, {Key: "active", Value: old.Active}}, o)
			updated++
		}
		if err != nil {
			return 0, 0, err
		}
	}
	if err := st.audit(nil, "opd.import", "opd", "", nil, opds, ""); err != nil {
		return 0, 0, err
	}
	if err := st.write(ctx); err != nil {
		return 0, 0, err
	}
	if _, err := s.commitImport(ctx, tenantID, st.rec.ID, nil); err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// OPDs implements quickwin.OPDService.
func (s *Store) OPDs(ctx context.Context, tenantID string, activeOnly bool) ([]quickwin.OPD, error) {
	filter := bson.D{{Key: "tenant", Value: tenantID}}
	if activeOnly {
		filter = append(filter, bson.E{Key: "active", Value: true})
	}
	var out []quickwin.OPD
	return out, s.findAll(ctx, colOPDs, filter, options.Find().SetSort(bson.D{{Key: "code", Value: 1}}), &out, "list OPDs")
}

// OPD implements quickwin.OPDService.
func (s *Store) OPD(ctx context.Context, tenantID, code string) (*quickwin.OPD, error) {
	var o quickwin.OPD
	code = strings.ToUpper(strings.TrimSpace(code))
	err := s.findOne(ctx, colOPDs, bson.D{{Key: "tenant", Value: tenantID}, {Key: "code", Value: code}}, &o, "OPD "+code)
	if quickwin.ErrorCode(err) == quickwin.ENOTFOUND {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "OPD %s", code).WithKey("opd.not_found", map[string]any{"Code": code})
	}
	return &o, err
}

// RenameOPD implements quickwin.OPDService.
func (s *Store) RenameOPD(ctx context.Context, actor *quickwin.Member, tenantID, code, name string) error {
	o, err := s.OPD(ctx, tenantID, code)
	if err != nil {
		return err
	}
	return s.updateOPD(ctx, actor, o, func(n *quickwin.OPD) { n.Name = name }, "opd.rename")
}

// SetOPDActive implements quickwin.OPDService.
func (s *Store) SetOPDActive(ctx context.Context, actor *quickwin.Member, tenantID, code string, active bool) error {
	o, err := s.OPD(ctx, tenantID, code)
	if err != nil {
		return err
	}
	return s.updateOPD(ctx, actor, o, func(n *quickwin.OPD) { n.Active = active }, "opd.active")
}

func (s *Store) updateOPD(ctx context.Context, actor *quickwin.Member, o *quickwin.OPD, change func(*quickwin.OPD), action string) error {
	if err := quickwin.Authorize(actor, o.TenantID, quickwin.ActManage, ""); err != nil {
		return err
	}
	n := *o
	change(&n)
	if err := n.Normalize(); err != nil {
		return err
	}
	_, err := s.c(colOPDs).UpdateOne(ctx, bson.D{{Key: "_id", Value: o.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: n.Name}, {Key: "active", Value: n.Active}}}})
	if err != nil {
		return wrap(err, "update OPD "+o.Code)
	}
	_ = s.audit(ctx, o.TenantID, actor, action, "opd", o.Code, o, n, "")
	return nil
}
