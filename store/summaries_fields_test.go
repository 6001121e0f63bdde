package store_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"quickwin"
	"quickwin/store"
)

// TestSummaryCopiesExactlyTheTrackedFields: a writer's copy of a quick win
// for its OPD's summary (trackedCopy) holds exactly what the projected
// read of the tracked fields returns, for a quick win with every field
// set, so that a field added to one list and not the other fails here.
func TestSummaryCopiesExactlyTheTrackedFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var c quickwin.QuickWin
	n := 0
	fillEveryField(reflect.ValueOf(&c).Elem(), &n)
	c.ID, c.TenantID, c.OPDCode = "qw-every-field", f.tenant.ID, "DINKES"
	if _, err := f.s.Collection("commitments").InsertOne(ctx, &c); err != nil {
		t.Fatal(err)
	}
	read, err := f.s.TrackedQuickWins(ctx, f.tenant.ID, "DINKES")
	if err != nil || len(read) != 1 {
		t.Fatalf("%d read: %v", len(read), err)
	}
	copied := store.TrackedCopy(&c)
	copied.In(f.tenant.Location())
	if a, b := quickWinLines([]quickwin.QuickWin{copied}), quickWinLines(read); a != b {
		t.Errorf("the writer's copy\n%s\nwant (the projected read)\n%s", a, b)
	}
}

// fillEveryField sets every field reachable from v to a distinct non-zero
// value (times to whole milliseconds in UTC, as BSON keeps them).
func fillEveryField(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprint("v", *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEveryField(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fillEveryField(v.Index(i), n)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillEveryField(v.Index(i), n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(*n) * time.Hour)))
			return
		}
		for i := range v.NumField() {
			fillEveryField(v.Field(i), n)
		}
	default:
		panic("fillEveryField: " + v.Kind().String())
	}
}
