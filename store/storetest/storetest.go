// Package storetest gives each test its own database: on the embedded
// database by default (one FerretDB per test binary, started on first use),
// or on the MongoDB at QW_TEST_MONGODB_URI. The database is dropped when the
// test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"quickwin/store"
)

var (
	once     sync.Once
	shared   *store.Embedded
	startErr error
	dir      string
)

// URI returns the database server tests use and the pool size to use with it.
func URI(t testing.TB) (string, uint64) {
	if uri := os.Getenv("QW_TEST_MONGODB_URI"); uri != "" {
		return uri, 0
	}
	once.Do(func() {
		dir, startErr = os.MkdirTemp("", "quickwin-test-db-")
		if startErr != nil {
			return
		}
		shared, startErr = store.StartEmbedded(dir, "127.0.0.1:0", slog.New(slog.DiscardHandler))
	})
	if startErr != nil {
		t.Fatalf("start embedded database: %v", startErr)
	}
	return shared.URI(), 1
}

// DatabaseName returns a fresh database name for t.
func DatabaseName(t testing.TB) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())
	if len(name) > 40 {
		name = name[:40]
	}
	return "t_" + name + "_" + hex.EncodeToString(b[:])
}

// Config returns a store configuration for a fresh database of t; the
// database is dropped when t ends.
func Config(t testing.TB) store.Config {
	cfg := config(t)
	t.Cleanup(func() {
		s, err := store.Open(context.Background(), cfg)
		if err != nil {
			return
		}
		_ = s.Drop(context.Background())
		_ = s.Close(context.Background())
	})
	return cfg
}

func config(t testing.TB) store.Config {
	uri, pool := URI(t)
	return store.Config{URI: uri, PoolSize: pool, Database: DatabaseName(t), Logger: slog.New(slog.DiscardHandler)}
}

// New opens a store on a fresh database of t, closed and dropped when t ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), config(t))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		_ = s.Drop(context.Background())
		_ = s.Close(context.Background())
	})
	return s
}
