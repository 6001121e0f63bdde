package evidence

import (
	"context"
	"io"

	"quickwin"
)

// Files opens archived evidence, for the bot (the verifier is shown the
// archived file), the dashboard's thumbnails and the export. A report's
// evidence (and a step's) carries the hash of its archived bytes, so
// opening it reads no record.
type Files struct {
	Records quickwin.EvidenceArchive
	Blobs   quickwin.EvidenceBlobs
}

// Open returns the content of one piece of evidence of tenantID and its
// MIME type. ENOTFOUND when it is not archived (yet). The evidence comes
// from a report or a quick win's step its caller read for the tenant, and
// carries the content's hash: tenantID is part of the seam's shape, not
// needed to find it.
func (f Files) Open(ctx context.Context, tenantID string, ev quickwin.Evidence) (io.ReadCloser, string, error) {
	if ev.SHA256 == "" {
		return nil, "", quickwin.Errorf(quickwin.ENOTFOUND, "evidence %s is not archived", ev.FileID)
	}
	body, err := f.Blobs.Open(ctx, ev.SHA256)
	if err != nil {
		return nil, "", err
	}
	return body, ev.ContentType, nil
}

// EvidenceOfTenant lists every record of the tenant, for the export.
func (f Files) EvidenceOfTenant(ctx context.Context, tenantID string) ([]quickwin.EvidenceRecord, error) {
	return f.Records.EvidenceOfTenant(ctx, tenantID)
}

// OpenBlob reads archived content by its sha256.
func (f Files) OpenBlob(ctx context.Context, sum string) (io.ReadCloser, error) {
	return f.Blobs.Open(ctx, sum)
}
