package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"quickwin"
	"quickwin/bot"
	"quickwin/dashboard"
	"quickwin/digest"
	"quickwin/evidence"
	"quickwin/store"
	"quickwin/telegram"
)

// The evidence archive's wiring. Bytes live in GridFS when QW_MONGODB_URI
// is set (every instance shares them) and as content-addressed files under
// QW_DATA_DIR/evidence/ on the embedded database, which reads whole
// collections and so must not hold them. Every instance runs the
// archive's worker: claims are atomic, so no leader is needed.

// evidenceBlobs is where the archive keeps bytes for this configuration.
func evidenceBlobs(cfg *Config, s *store.Store) quickwin.EvidenceBlobs {
	if cfg.MongoURI != "" {
		return s.GridFSBlobs()
	}
	return evidence.Dir{Root: filepath.Join(cfg.DataDir, "evidence")}
}

// evidenceFiles opens archived evidence for the bot, the dashboard and the
// export.
func evidenceFiles(cfg *Config, s *store.Store) evidence.Files {
	return evidence.Files{Records: s, Blobs: evidenceBlobs(cfg, s)}
}

// newArchiver makes the worker that fetches reports' files from Telegram.
func newArchiver(cfg *Config, s *store.Store, client *telegram.Client, instance string, clock quickwin.Clock, log *slog.Logger) *evidence.Archiver {
	return &evidence.Archiver{
		Records: s, Blobs: evidenceBlobs(cfg, s), Telegram: client, Owner: instance, Clock: clock, Log: log,
		Permanent: func(err error) bool { return errors.Is(err, telegram.ErrTooLarge) },
	}
}

// botArchive is the bot's seam to the archive.
func botArchive(cfg *Config, s *store.Store, pub *digest.Publisher, arch *evidence.Archiver) bot.Archive {
	files := evidenceFiles(cfg, s)
	return bot.Archive{Files: files, Wake: arch.Wake, Export: digest.EvidenceZip{Publisher: pub, Files: files}}
}

// exportEvidence writes `export --evidence`: the workbook and the
// evidence files of the reports dated (and the steps done) from --from
// to --to (inclusive days, in the tenant's zone) as a ZIP, streamed to a
// temporary file beside out and renamed into place when complete.
func (m *Main) exportEvidence(ctx context.Context, cfg *Config, s *store.Store, t *quickwin.Tenant, lang, out string, fs *flag.FlagSet) error {
	from, to, err := exportPeriod(fs, t.Location())
	if err != nil {
		return usageError{err}
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".quickwin-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	z := digest.EvidenceZip{Publisher: digest.New(s, m.Clock).WithPaper(cfg.Paper), Files: evidenceFiles(cfg, s)}
	st, err := z.Write(ctx, tmp, t.ID, lang, from, to)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s (%d bytes): %d reports, %d evidence files", out, info.Size(), st.Reports, st.Files)
	if st.Steps > 0 {
		fmt.Fprintf(m.Stdout, " (%d action steps marked done with files have folders of their own)", st.Steps)
	}
	if st.Missing > 0 {
		fmt.Fprintf(m.Stdout, "; %d files not archived (yet, or over 20 MB) are listed in the workbook only", st.Missing)
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

// exportPeriod reads --from and --to (YYYY-MM-DD, both days included) as
// [from, to) in loc; an absent bound is open.
func exportPeriod(fs *flag.FlagSet, loc *time.Location) (from, to time.Time, err error) {
	parse := func(name string) (time.Time, error) {
		v := fs.Lookup(name).Value.String()
		if v == "" {
			return time.Time{}, nil
		}
		d, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("--%s must be a date like 2027-03-31, got %q", name, v)
		}
		return d, nil
	}
	if from, err = parse("from"); err != nil {
		return
	}
	if to, err = parse("to"); err != nil {
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, fmt.Errorf("--from %s is after --to", from.Format("2006-01-02"))
	}
	return from, to, nil
}

// The dashboard's thumbnails come from the same archive.
var _ dashboard.EvidenceFiles = evidence.Files{}
