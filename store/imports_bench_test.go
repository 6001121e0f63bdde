package store_test

import (
	"fmt"
	"testing"

	"quickwin"
	"quickwin/store/storetest"
)

// BenchmarkImportOPDs10000 imports 10,000 new OPDs in one staged import
// (the file that used to fail with "context deadline exceeded" after 765
// rows). Run with -benchtime=1x.
func BenchmarkImportOPDs10000(b *testing.B) {
	opds := make([]quickwin.OPD, 10000)
	for i := range opds {
		opds[i] = quickwin.OPD{Code: fmt.Sprintf("OPD%05d", i), Name: fmt.Sprintf("Unit kerja %d", i)}
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := storetest.New(b)
		t, err := s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		created, _, err := s.ImportOPDs(ctx, t.ID, append([]quickwin.OPD(nil), opds...))
		if err != nil || created != 10000 {
			b.Fatalf("%d created: %v", created, err)
		}
	}
}

// BenchmarkImportOPDs10000Renamed imports the same 10,000 OPDs again with
// every name changed: 10,000 replacements. Run with -benchtime=1x.
func BenchmarkImportOPDs10000Renamed(b *testing.B) {
	opds := make([]quickwin.OPD, 10000)
	renamed := make([]quickwin.OPD, 10000)
	for i := range opds {
		opds[i] = quickwin.OPD{Code: fmt.Sprintf("OPD%05d", i), Name: fmt.Sprintf("Unit kerja %d", i)}
		renamed[i] = quickwin.OPD{Code: opds[i].Code, Name: opds[i].Name + " (baru)"}
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := storetest.New(b)
		t, err := s.EnsureTenant(ctx, "Kabupaten Sumedang", "Asia/Jakarta", "id")
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.ImportOPDs(ctx, t.ID, append([]quickwin.OPD(nil), opds...)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, updated, err := s.ImportOPDs(ctx, t.ID, append([]quickwin.OPD(nil), renamed...))
		if err != nil || updated != 10000 {
			b.Fatalf("%d updated: %v", updated, err)
		}
	}
}
