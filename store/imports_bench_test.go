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
