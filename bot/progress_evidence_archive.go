package bot

import (
	"context"
	"io"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Archive is the bot's seam to the evidence archive (package evidence,
// plugged in by cmd/quickwin).
type Archive struct {
	// Files opens an archived file; the verifier is shown it from the
	// archive, so evidence Telegram has forgotten is still seen.
	Files EvidenceFiles
	// Wake tells the archive's worker that a report with files was saved,
	// so it fetches them now rather than at its next look.
	Wake func()
	// Export writes the workbook with the evidence files as a ZIP
	// (/ekspor bukti); nil: not offered.
	Export EvidenceExporter
}

// EvidenceFiles opens archived evidence. ENOTFOUND when the file is not
// archived (yet).
type EvidenceFiles interface {
	Open(ctx context.Context, tenantID string, ev quickwin.Evidence) (io.ReadCloser, string, error)
}

// EvidenceExporter writes the tenant's workbook and its evidence files as
// a ZIP.
type EvidenceExporter interface {
	// EvidenceSize is the total size of the archived files of the reports
	// dated in [from, to) (zero: open), what the ZIP holds besides the
	// workbook.
	EvidenceSize(ctx context.Context, tenantID string, from, to time.Time) (int64, error)
	// WriteEvidenceZip streams the ZIP to w.
	WriteEvidenceZip(ctx context.Context, w io.Writer, tenantID, lang string, from, to time.Time) error
}

// wakeArchive tells the worker about new files.
func (b *Bot) wakeArchive(ev []quickwin.Evidence) {
	if len(ev) > 0 && b.Archive.Wake != nil {
		b.Archive.Wake()
	}
}

// maxPhotoUpload is Telegram's limit on a photo a bot uploads; a larger
// archived photo is shown by its file id.
const maxPhotoUpload = 10 << 20

// archivedBytes returns the archived content of a file, or nil when it is
// not archived (or cannot be read: the caller then sends the file id).
func (b *Bot) archivedBytes(r *Request, e quickwin.Evidence) []byte {
	if b.Archive.Files == nil || r.Tenant == nil {
		return nil
	}
	rc, _, err := b.Archive.Files.Open(r.Ctx, r.Tenant.ID, e)
	if err != nil {
		if quickwin.ErrorCode(err) != quickwin.ENOTFOUND {
			b.Log.WarnContext(r.Ctx, "archived evidence not read; sending the file id", "file", e.FileID, "err", err)
		}
		return nil
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, quickwin.MaxEvidenceBytes+1))
	if err != nil || len(data) > quickwin.MaxEvidenceBytes || e.Kind == "photo" && len(data) > maxPhotoUpload {
		return nil
	}
	return data
}

// evidenceMedia is one file of an album: the archived bytes when there
// are some, the Telegram file id otherwise.
func evidenceMedia(e quickwin.Evidence, data []byte) tgbotapi.RequestFileData {
	if data == nil {
		return tgbotapi.FileID(e.FileID)
	}
	name := e.FileName
	if name == "" {
		name = "bukti"
		if e.Kind == "photo" {
			name = "foto.jpg"
		}
	}
	return tgbotapi.FileBytes{Name: name, Bytes: data}
}
