package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"quickwin"
)

// Config says which database to use.
type Config struct {
	URI      string // a MongoDB; empty: the embedded database under DataDir
	DataDir  string // where the embedded database keeps its files
	Listen   string // in embedded mode, the address to expose it on (empty: a private loopback port)
	Database string // database name; default "quickwin"
	// PoolSize caps the driver's connections; 0 means the driver's default,
	// or 1 for the embedded database (see Open). Tests that share one
	// embedded database through its URI set 1.
	PoolSize uint64
	Logger   *slog.Logger
}

// Store is the MongoDB implementation of the domain services.
type Store struct {
	client   *mongo.Client
	db       *mongo.Database
	embedded *Embedded
	log      *slog.Logger

	locations sync.Map // tenant id → *time.Location

	// Clock is the program's clock; tests replace it.
	Clock quickwin.Clock

	// auditFault, when set (tests), is called between an audit entry's
	// history line and its insert into the log; its error stops audit
	// there, as a kill would.
	auditFault func() error
	// inviteTokens, when set (tests), gives the tokens of new invites, so
	// that a test can make a batch collide half-way.
	inviteTokens func() string
}

// Now is the time on the store's clock.
func (s *Store) Now() time.Time { return s.Clock.Now() }

// Open connects to the configured database (starting the embedded one when
// no URI is given) and makes sure the indexes exist.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	s := &Store{log: log, Clock: quickwin.SystemClock{}}
	uri := cfg.URI
	opts := options.Client()
	if uri == "" {
		e, err := StartEmbedded(cfg.DataDir, cfg.Listen, log)
		if err != nil {
			return nil, err
		}
		s.embedded = e
		uri = e.URI()
		// The embedded database loses concurrent updates to one document
		// over several connections; one connection serialises them.
		opts.SetMaxPoolSize(1)
	}
	if cfg.PoolSize > 0 {
		opts.SetMaxPoolSize(cfg.PoolSize)
	}
	opts.ApplyURI(uri).SetServerSelectionTimeout(5 * time.Second).SetTimeout(15 * time.Second)
	client, err := mongo.Connect(opts)
	if err != nil {
		s.stopEmbedded()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	s.client = client
	name := cfg.Database
	if name == "" {
		name = "quickwin"
	}
	s.db = client.Database(name)
	if err := s.Ping(ctx); err != nil {
		_ = s.Close(context.Background())
		return nil, fmt.Errorf("database %s: %w", redactURI(uri), err)
	}
	if err := s.Migrate(ctx); err != nil {
		_ = s.Close(context.Background())
		return nil, err
	}
	if _, _, err := s.RecoverImports(ctx); err != nil {
		_ = s.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// Embedded reports whether the store runs on the embedded database.
func (s *Store) Embedded() bool { return s.embedded != nil }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.client.Ping(ctx, nil)
}

// Close disconnects and stops the embedded database.
func (s *Store) Close(ctx context.Context) error {
	err := s.client.Disconnect(ctx)
	s.stopEmbedded()
	return err
}

// Drop deletes the whole database (tests use it to clean up).
func (s *Store) Drop(ctx context.Context) error { return s.db.Drop(ctx) }

func (s *Store) stopEmbedded() {
	if s.embedded != nil {
		s.embedded.Stop()
	}
}

func (s *Store) c(name string) *mongo.Collection { return s.db.Collection(name) }

// Collection names.
const (
	colTenants       = "tenants"
	colOPDs          = "opds"
	colMembers       = "members"
	colInvites       = "invites"
	colGroups        = "groups"
	colQuickWins     = "commitments"
	colReports       = "reports"
	colQuestions     = "questions"
	colAudit         = "audit"
	colCounters      = "counters"
	colUpdates       = "processed_updates"
	colConversations = "conversations"
)

// newID returns a random 24-character hex id.
func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// wrap turns a driver error into a domain error: ENOTFOUND for no document,
// ECONFLICT for a duplicate key, EUNAVAILABLE when the database cannot be
// reached, and an internal error (with what failed) otherwise.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var qe *quickwin.Error
	switch {
	case errors.As(err, &qe):
		return err
	case errors.Is(err, mongo.ErrNoDocuments):
		return quickwin.Errorf(quickwin.ENOTFOUND, "%s: not found", what)
	case mongo.IsDuplicateKeyError(err):
		return quickwin.Errorf(quickwin.ECONFLICT, "%s: already exists", what)
	case unavailable(err):
		return &quickwin.Error{Code: quickwin.EUNAVAILABLE, Message: fmt.Sprintf("%s: %v", what, err)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// insertNew inserts the documents whose _id is not taken yet and returns
// them: one unordered InsertMany, in which a document already there (a
// write repeated after a failure, a key queued before) does not stop the
// others and is no error.
func (s *Store) insertNew(ctx context.Context, col string, docs []any, what string) ([]any, error) {
	_, err := s.c(col).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return docs, nil
	}
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		return nil, wrap(err, what)
	}
	taken := map[int]bool{}
	for _, we := range bwe.WriteErrors {
		if we.Code != 11000 && we.Code != 11001 {
			return nil, wrap(err, what)
		}
		taken[we.Index] = true
	}
	fresh := make([]any, 0, len(docs)-len(taken))
	for i, d := range docs {
		if !taken[i] {
			fresh = append(fresh, d)
		}
	}
	return fresh, nil
}

func unavailable(err error) bool {
	var ne net.Error
	return mongo.IsNetworkError(err) || mongo.IsTimeout(err) || errors.As(err, &ne) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, mongo.ErrClientDisconnected) ||
		errors.As(err, &topology.ServerSelectionError{})
}

func redactURI(uri string) string {
	// Never log credentials: keep scheme and host only.
	for i := 0; i+3 <= len(uri); i++ {
		if uri[i:i+3] == "://" {
			rest := uri[i+3:]
			for j := 0; j < len(rest); j++ {
				if rest[j] == '@' {
					return uri[:i+3] + "***@" + rest[j+1:]
				}
			}
		}
	}
	return uri
}
