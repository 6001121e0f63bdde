// Package evidence owns the evidence archive's moving parts: the worker
// that fetches each report's files (and those sent with an action step
// marked done) from Telegram into the archive (with retries), the
// content-addressed file store used with the embedded database, and the
// reader that opens an archived file for the bot, the dashboard and the
// export. It imports only the domain (quickwin): the
// records live in store (quickwin.EvidenceArchive), the downloads come
// through a Downloader (telegram.Client in cmd/quickwin).
package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"quickwin"
)

// Dir keeps evidence bytes as files named by their sha256 under Root, two
// levels of folders deep (ab/cd/abcd…), so no folder grows past 65,536
// entries. It is the store beside the embedded database, which reads whole
// collections and so must not hold a year of photos. Back it up with the
// database.
type Dir struct{ Root string }

func (d Dir) path(sum string) (string, error) {
	if !validSum(sum) {
		return "", quickwin.Errorf(quickwin.EINVALID, "%q is not a sha256", sum)
	}
	return filepath.Join(d.Root, sum[:2], sum[2:4], sum), nil
}

// validSum reports whether s is a lower-case hex sha256, so that a name
// never climbs out of Root.
func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Put implements quickwin.EvidenceBlobs. The content is written to a
// temporary file and renamed into place once its hash is checked, so a
// crash never leaves a half file under a content name.
func (d Dir) Put(ctx context.Context, sum string, r io.Reader) error {
	name, err := d.path(sum)
	if err != nil {
		return err
	}
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".put-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return quickwin.Errorf(quickwin.EINVALID, "evidence content hashes to %s, not %s", got, sum)
	}
	return os.Rename(tmp.Name(), name)
}

// Open implements quickwin.EvidenceBlobs.
func (d Dir) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	name, err := d.path(sum)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "evidence %s is not stored", sum)
	}
	return f, err
}

var _ quickwin.EvidenceBlobs = Dir{}
