package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"quickwin"
)

// Downloader fetches a file people sent to the bot by its Telegram file id
// (telegram.Client, which honours QW_TELEGRAM_API_ENDPOINT).
type Downloader interface {
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// Archiver is the worker that fetches queued evidence into the archive.
// Every instance runs one: claims are atomic (two workers never fetch the
// same file at once) and an instance that dies mid-download leaves a claim
// that expires, so running it everywhere needs no leader and spreads the
// downloads; Telegram's download limits are per bot and generous.
type Archiver struct {
	Records  quickwin.EvidenceArchive
	Blobs    quickwin.EvidenceBlobs
	Telegram Downloader
	// Permanent reports a download error that no retry can fix (a file
	// over Telegram's 20 MB limit): the record is abandoned.
	Permanent func(error) bool
	Owner     string
	Clock     quickwin.Clock
	Log       *slog.Logger
	// Poll is how often the worker looks for due records (a minute);
	// Wake makes it look at once.
	Poll time.Duration
	// Timeout bounds one download (two minutes); the claim lasts longer.
	Timeout time.Duration

	wakeOnce sync.Once
	wake     chan struct{}
}

func (a *Archiver) init() {
	a.wakeOnce.Do(func() {
		a.wake = make(chan struct{}, 1)
		if a.Clock == nil {
			a.Clock = quickwin.SystemClock{}
		}
		if a.Log == nil {
			a.Log = slog.New(slog.DiscardHandler)
		}
		if a.Poll <= 0 {
			a.Poll = time.Minute
		}
		if a.Timeout <= 0 {
			a.Timeout = 2 * time.Minute
		}
		if a.Permanent == nil {
			a.Permanent = func(error) bool { return false }
		}
	})
}

// Wake makes a running worker look for due records now (a report with
// files was just saved).
func (a *Archiver) Wake() {
	a.init()
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// Run archives due records until ctx ends. It first records the files of
// action steps that have no record yet (steps done before the archive kept
// them), then queues again what a process that died between recording and
// queueing a file left behind.
func (a *Archiver) Run(ctx context.Context) error {
	a.init()
	if n, err := a.Records.SweepStepEvidence(ctx); err != nil {
		a.Log.WarnContext(ctx, "steps' evidence not swept", "err", err)
	} else if n > 0 {
		a.Log.InfoContext(ctx, "steps' evidence queued for the archive", "files", n)
	}
	if n, err := a.Records.RequeueStranded(ctx); err != nil {
		a.Log.WarnContext(ctx, "stranded evidence not requeued", "err", err)
	} else if n > 0 {
		a.Log.InfoContext(ctx, "stranded evidence requeued", "files", n)
	}
	for {
		n, err := a.ArchiveDue(ctx)
		if err != nil && ctx.Err() == nil {
			a.Log.WarnContext(ctx, "evidence archive pass failed", "err", err)
		}
		if n > 0 && err == nil {
			continue // there may be more
		}
		t := a.Clock.NewTimer(a.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-a.wake:
			t.Stop()
		case <-t.C():
		}
	}
}

// batch is how many records one pass claims.
const batch = 8

// ArchiveDue claims due records and fetches each; it returns how many it
// handled (archived, retried later or abandoned).
func (a *Archiver) ArchiveDue(ctx context.Context) (int, error) {
	a.init()
	now := a.Clock.Now()
	recs, err := a.Records.ClaimEvidence(ctx, a.Owner, batch, now, batch*a.Timeout+time.Minute)
	if err != nil {
		return 0, err
	}
	for _, r := range recs {
		if err := a.archive(ctx, r); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// archive fetches one file and records the outcome; only a failure to
// record it is returned (the claim then expires and the file is tried
// again).
func (a *Archiver) archive(ctx context.Context, r quickwin.EvidenceRecord) error {
	dctx, cancel := context.WithTimeout(ctx, a.Timeout)
	data, err := a.Telegram.Download(dctx, r.FileID, quickwin.MaxEvidenceBytes)
	cancel()
	if err == nil {
		var sum string
		sum, err = a.keep(ctx, data)
		if err == nil {
			return a.Records.MarkEvidenceArchived(ctx, r, sum, int64(len(data)), ContentType(r.Evidence, data), a.Clock.Now())
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if a.Permanent(err) {
		a.Log.WarnContext(ctx, "evidence cannot be archived", "record", r.ID, "err", err)
		return a.Records.MarkEvidenceAbandoned(ctx, r.ID, err.Error())
	}
	next := a.Clock.Now().Add(quickwin.EvidenceRetryDelay(r.Attempts + 1))
	a.Log.InfoContext(ctx, "evidence not archived yet; will retry", "record", r.ID, "attempt", r.Attempts+1, "next", next, "err", err)
	return a.Records.MarkEvidenceRetry(ctx, r.ID, next, err.Error())
}

// keep stores data by its hash and returns the hash.
func (a *Archiver) keep(ctx context.Context, data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	return sum, a.Blobs.Put(ctx, sum, bytes.NewReader(data))
}

// ContentType is the MIME type of a file: sniffed from its bytes, or
// from its name's extension when the bytes say nothing more specific.
func ContentType(e quickwin.Evidence, data []byte) string {
	t := http.DetectContentType(data)
	if byName := mime.TypeByExtension(strings.ToLower(path.Ext(e.FileName))); byName != "" &&
		(strings.HasPrefix(t, "application/octet-stream") || strings.HasPrefix(t, "text/plain") || t == "application/zip") {
		return byName
	}
	return t
}
