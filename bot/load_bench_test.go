package bot

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin/telegram"
	"quickwin/telegramtest"
)

// loadUsers is how many people send at once in the load benchmarks.
const loadUsers = 50

// BenchmarkUpdates measures the bot through the fake Telegram on the
// embedded database: each iteration, 50 members send one update at once and
// wait for their reply. It reports updates/s and the time from sending an
// update to receiving its reply (p50, p99).
//
//	go test ./bot -run '^$' -bench BenchmarkUpdates -benchtime 20x
func BenchmarkUpdates(b *testing.B) {
	for _, tc := range []struct {
		name string
		send func(u *telegramtest.User)
		prep func(h *harness, u *telegramtest.User)
	}{
		{"start", func(u *telegramtest.User) { u.Send("/start") }, nil},
		{"help", func(u *telegramtest.User) { u.Send("/bantuan") }, nil},
		{"wizard_step", func(u *telegramtest.User) { u.Send("Posyandu") }, func(h *harness, u *telegramtest.User) {
			u.Send("/gema")
			h.message(u)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			h, users := loadHarness(b)
			var lat, handling []time.Duration
			var mu sync.Mutex
			h.bot.observe = func(d time.Duration) {
				mu.Lock()
				handling = append(handling, d)
				mu.Unlock()
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if tc.prep != nil {
					b.StopTimer()
					for _, u := range users {
						tc.prep(h, u)
					}
					b.StartTimer()
				}
				var wg sync.WaitGroup
				for _, u := range users {
					wg.Add(1)
					go func() {
						defer wg.Done()
						start := time.Now()
						tc.send(u)
						h.message(u)
						mu.Lock()
						lat = append(lat, time.Since(start))
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			b.ReportMetric(float64(b.N*loadUsers)/b.Elapsed().Seconds(), "updates/s")
			mu.Lock()
			defer mu.Unlock()
			reportPercentiles(b, "handle", handling)
			reportPercentiles(b, "reply", lat)
		})
	}
}

// BenchmarkUpdatesFloor is the floor the bot is compared with: a bare loop
// on the same fake Telegram that only records each update id in the same
// database (one insert), and replies nothing.
//
//	go test ./bot -run '^$' -bench BenchmarkUpdatesFloor -benchtime 20x
func BenchmarkUpdatesFloor(b *testing.B) {
	h := newHarness(b)
	h.stop()
	h.openStore()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(h.srv.Token(), h.srv.APIEndpoint())
	if err != nil {
		b.Fatal(err)
	}
	users := make([]*telegramtest.User, loadUsers)
	for i := range users {
		users[i] = h.srv.NewUser(int64(1000+i), "U", "id")
	}
	b.ResetTimer()
	handled := 0
	offset := 0
	for i := 0; i < b.N; i++ {
		for _, u := range users {
			u.Send("/bantuan")
		}
		for got := 0; got < loadUsers; {
			cfg := tgbotapi.NewUpdate(offset)
			cfg.Timeout = 1
			ups, err := api.GetUpdates(cfg)
			if err != nil {
				b.Fatal(err)
			}
			for _, u := range ups {
				if _, err := h.store.ClaimUpdate(context.Background(), telegram.Key(u), "floor"); err != nil {
					b.Fatal(err)
				}
				offset = u.UpdateID + 1
				got++
				handled++
			}
		}
	}
	b.ReportMetric(float64(handled)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkOpenWizards reports the process's heap with 1,000 wizards open:
// wizard state lives in the database, so the heap should not grow with it.
//
//	go test ./bot -run '^$' -bench BenchmarkOpenWizards -benchtime 1x
func BenchmarkOpenWizards(b *testing.B) {
	for i := 0; i < b.N; i++ {
		h := newHarness(b)
		h.restart(nil, echoWizard)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		users := make([]*telegramtest.User, 1000)
		for j := range users {
			m, err := h.store.EnsureAdmin(context.Background(), h.tenant.ID, int64(5000+j))
			if err != nil {
				b.Fatal(err)
			}
			_ = m
			users[j] = h.srv.NewUser(int64(5000+j), "U", "id")
		}
		for j := 0; j < len(users); j += loadUsers {
			var wg sync.WaitGroup
			for _, u := range users[j : j+loadUsers] {
				wg.Add(1)
				go func() {
					defer wg.Done()
					u.Send("/gema")
					h.message(u)
				}()
			}
			wg.Wait()
		}
		h.srv.Drain()
		runtime.GC()
		runtime.ReadMemStats(&after)
		idle, _ := h.store.IdleConversations(context.Background(), h.clock().Add(time.Hour), 2000)
		if len(idle) != 1000 {
			b.Fatalf("open wizards = %d, want 1000", len(idle))
		}
		b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "heap-MiB")
		b.ReportMetric((float64(after.HeapAlloc)-float64(before.HeapAlloc))/(1<<20), "heap-growth-MiB")
	}
}

// loadHarness is a bot whose 50 load users are admins (so every command
// answers) with the echo wizard registered. It measures the bot alone, as
// the floor does: its replies are not paced (in production the one limiter
// caps them at QW_SEND_PER_SECOND, Telegram's 30 messages/s, which then
// bounds a reply-per-update load at 30 updates/s whatever the bot can do).
func loadHarness(b *testing.B) (*harness, []*telegramtest.User) {
	h := newHarness(b)
	h.restart(func(cfg *Config) {
		cfg.Client = telegram.NewClient(telegram.ClientConfig{API: cfg.Client.API(), Limiter: telegram.NewLimiter(telegram.Limits{}), Log: cfg.Log})
	}, echoWizard)
	users := make([]*telegramtest.User, loadUsers)
	for i := range users {
		id := int64(1000 + i)
		if _, err := h.store.EnsureAdmin(context.Background(), h.tenant.ID, id); err != nil {
			b.Fatal(err)
		}
		users[i] = h.srv.NewUser(id, fmt.Sprintf("User %d", i), "id")
	}
	return h, users
}

// reportPercentiles reports p50 and p99 of durations in milliseconds.
func reportPercentiles(b *testing.B, name string, ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	pct := func(p float64) float64 {
		if len(ds) == 0 {
			return 0
		}
		return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), name+"-p50-ms")
	b.ReportMetric(pct(0.99), name+"-p99-ms")
}
