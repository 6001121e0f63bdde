package store_test

import (
	"context"
	"fmt"
	"testing"

	"quickwin"
	"quickwin/store/storetest"
)

// BenchmarkSaveConversation is the write of one wizard step, with the open
// forms of a busy day's members in the collection (each replace reads the
// whole collection on the embedded database).
//
//	go test ./store -run '^$' -bench SaveConversation -benchtime 200x
func BenchmarkSaveConversation(b *testing.B) {
	for _, open := range []int{50, 500} {
		b.Run(fmt.Sprint(open, "-open"), func(b *testing.B) {
			s := storetest.New(b)
			ctx := context.Background()
			form := func(user int64) *quickwin.Conversation {
				data := map[string]string{}
				for k := range 12 {
					data[fmt.Sprint("k", k)] = fmt.Sprintf("jawaban nomor %d untuk pengguna %d", k, user)
				}
				return &quickwin.Conversation{ChatID: user, UserID: user, Wizard: "qw_new", State: "budget",
					History: []string{"title", "indicator", "kind", "base", "target", "unit"}, Data: data}
			}
			for u := range open {
				if err := s.SaveConversation(ctx, form(int64(1000+u))); err != nil {
					b.Fatal(err)
				}
			}
			c := form(1000)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c.Data["k0"] = fmt.Sprint(i)
				if err := s.SaveConversation(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
