package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Embedded is a FerretDB (SQLite backend) running inside this process. Its
// data lives in one .sqlite file per database under its directory, so it
// survives restarts.
type Embedded struct {
	db     *ferretdb.FerretDB
	cancel context.CancelFunc
	done   chan struct{}
	uri    string
}

// StartEmbedded starts FerretDB with its state in dir, listening on listen
// (host:port; "127.0.0.1:0" picks a free loopback port). A listen address
// other than loopback lets mongosh or Compass look in.
func StartEmbedded(dir, listen string, log *slog.Logger) (*Embedded, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("embedded database directory: %w", err)
	}
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	if log == nil {
		log = slog.Default()
	}
	// FerretDB logs every error reply it sends at Info/Warn; duplicate key
	// errors are normal here, so only its own errors are worth a line.
	quiet := slog.New(log.Handler()).With("component", "ferretdb")
	quiet = slog.New(levelFilter{quiet.Handler(), slog.LevelError})
	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/", // FerretDB wants the trailing slash
		Logger:    quiet,
	})
	if err != nil {
		return nil, fmt.Errorf("start embedded database: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Embedded{db: db, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		_ = db.Run(ctx)
	}()
	e.uri = db.MongoDBURI()
	return e, nil
}

// URI is the mongodb:// address of the embedded database.
func (e *Embedded) URI() string { return e.uri }

// Stop shuts the database down and waits until its files are closed.
func (e *Embedded) Stop() {
	e.cancel()
	<-e.done
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (h levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{h.Handler.WithAttrs(a), h.min}
}

func (h levelFilter) WithGroup(n string) slog.Handler {
	return levelFilter{h.Handler.WithGroup(n), h.min}
}
