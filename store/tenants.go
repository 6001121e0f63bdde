package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// EnsureTenant implements quickwin.TenantService. The first tenant gets the
// fixed id "default" so that two instances starting at once create one.
func (s *Store) EnsureTenant(ctx context.Context, name, tz, lang string) (*quickwin.Tenant, error) {
	var first quickwin.Tenant
	err := s.findOne(ctx, colTenants, bson.D{}, &first, "read tenant")
	if err == nil {
		return &first, nil
	}
	if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
		return nil, err
	}
	if _, err := time.LoadLocation(tz); err != nil || tz == "" {
		return nil, quickwin.Errorf(quickwin.EINVALID, "unknown time zone %q", tz)
	}
	t := quickwin.Tenant{ID: "default", Name: name, TimeZone: tz, Lang: lang, CreatedAt: s.Now()}
	if _, err := s.c(colTenants).InsertOne(ctx, t); err != nil && quickwin.ErrorCode(wrap(err, "")) != quickwin.ECONFLICT {
		return nil, wrap(err, "create tenant")
	}
	_ = s.audit(ctx, t.ID, nil, "tenant.create", "tenant", t.ID, nil, t, "")
	return s.Tenant(ctx, t.ID)
}

// CreateTenant adds another tenant (a province hosting several regencies).
func (s *Store) CreateTenant(ctx context.Context, t quickwin.Tenant) (*quickwin.Tenant, error) {
	if t.ID == "" {
		t.ID = newID()
	}
	if _, err := time.LoadLocation(t.TimeZone); err != nil || t.TimeZone == "" {
		return nil, quickwin.Errorf(quickwin.EINVALID, "unknown time zone %q", t.TimeZone)
	}
	t.CreatedAt = s.Now()
	if _, err := s.c(colTenants).InsertOne(ctx, t); err != nil {
		return nil, wrap(err, "create tenant")
	}
	_ = s.audit(ctx, t.ID, nil, "tenant.create", "tenant", t.ID, nil, t, "")
	return &t, nil
}

// Tenant implements quickwin.TenantService.
func (s *Store) Tenant(ctx context.Context, id string) (*quickwin.Tenant, error) {
	var t quickwin.Tenant
	if err := s.findOne(ctx, colTenants, bson.D{{Key: "_id", Value: id}}, &t, "tenant "+id); err != nil {
		return nil, err
	}
	return &t, nil
}

// Tenants implements quickwin.TenantService.
func (s *Store) Tenants(ctx context.Context) ([]quickwin.Tenant, error) {
	var out []quickwin.Tenant
	return out, s.findAll(ctx, colTenants, bson.D{}, options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}}), &out, "list tenants")
}

// SetSchedules implements quickwin.TenantService.
func (s *Store) SetSchedules(ctx context.Context, actor *quickwin.Member, tenantID string, specs map[string]string) error {
	return s.setTenantField(ctx, actor, tenantID, "schedules", specs, "tenant.schedules")
}

// SetHolidays implements quickwin.TenantService.
func (s *Store) SetHolidays(ctx context.Context, actor *quickwin.Member, tenantID string, days []string) error {
	for _, d := range days {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return quickwin.Errorf(quickwin.EINVALID, "holiday %q is not YYYY-MM-DD", d)
		}
	}
	return s.setTenantField(ctx, actor, tenantID, "holidays", days, "tenant.holidays")
}

func (s *Store) setTenantField(ctx context.Context, actor *quickwin.Member, tenantID, field string, value any, action string) error {
	if err := quickwin.Authorize(actor, tenantID, quickwin.ActManage, ""); err != nil {
		return err
	}
	before, err := s.Tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	_, err = s.c(colTenants).UpdateOne(ctx, bson.D{{Key: "_id", Value: tenantID}}, bson.D{{Key: "$set", Value: bson.D{{Key: field, Value: value}}}})
	if err != nil {
		return wrap(err, "update tenant")
	}
	var old any = before.Schedules
	if field == "holidays" {
		old = before.Holidays
	}
	_ = s.audit(ctx, tenantID, actor, action, "tenant", tenantID, old, value, "")
	return nil
}
