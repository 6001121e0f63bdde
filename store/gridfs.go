package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// GridFSBlobs keeps the evidence archive's bytes in GridFS (the driver's
// own GridFSBucket), so every instance sharing a MongoDB shares them. A
// file's GridFS id is its sha256: the files collection's unique _id makes
// the same content stored once, whoever uploads it. It is meant for a real
// MongoDB: on the embedded database, which reads whole collections, a
// year of photos in a collection would make every read of it read them all
// (cmd/quickwin keeps files on disk there).
type GridFSBlobs struct {
	bucket *mongo.GridFSBucket
}

// EvidenceBucket is the GridFS bucket name: collections evidence_blobs.files
// and evidence_blobs.chunks.
const EvidenceBucket = "evidence_blobs"

// GridFSBlobs returns the evidence bytes store of the store's database.
func (s *Store) GridFSBlobs() *GridFSBlobs {
	return &GridFSBlobs{bucket: s.db.GridFSBucket(options.GridFSBucket().SetName(EvidenceBucket))}
}

// Put implements quickwin.EvidenceBlobs.
func (g *GridFSBlobs) Put(ctx context.Context, sum string, r io.Reader) error {
	if has, err := g.has(ctx, sum); err != nil || has {
		return err
	}
	err := g.upload(ctx, sum, r)
	if mongo.IsDuplicateKeyError(err) {
		if has, herr := g.has(ctx, sum); herr != nil || has {
			return herr // someone else stored the same content meanwhile
		}
		// Chunks of an upload that died before its files document: the
		// content cannot be read, so it is removed for this upload.
		if _, derr := g.bucket.GetChunksCollection().DeleteMany(ctx, bson.D{{Key: "files_id", Value: sum}}); derr != nil {
			return wrap(derr, "remove broken evidence chunks")
		}
		return quickwin.Errorf(quickwin.EUNAVAILABLE, "evidence %s: an earlier upload was broken; try again", sum)
	}
	return err
}

func (g *GridFSBlobs) upload(ctx context.Context, sum string, r io.Reader) error {
	h := sha256.New()
	if err := g.bucket.UploadFromStreamWithID(ctx, sum, sum, io.TeeReader(r, h)); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		_ = g.bucket.Delete(context.WithoutCancel(ctx), sum)
		return quickwin.Errorf(quickwin.EINVALID, "evidence content hashes to %s, not %s", got, sum)
	}
	return nil
}

func (g *GridFSBlobs) has(ctx context.Context, sum string) (bool, error) {
	err := g.bucket.GetFilesCollection().FindOne(ctx, bson.D{{Key: "_id", Value: sum}}).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, wrap(err, "find evidence "+sum)
}

// Open implements quickwin.EvidenceBlobs.
func (g *GridFSBlobs) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	ds, err := g.bucket.OpenDownloadStream(ctx, sum)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil, quickwin.Errorf(quickwin.ENOTFOUND, "evidence %s is not stored", sum)
	}
	if err != nil {
		return nil, wrap(err, "open evidence "+sum)
	}
	return ds, nil
}

var _ quickwin.EvidenceBlobs = (*GridFSBlobs)(nil)

// FileCount is how many distinct contents the bucket holds.
func (g *GridFSBlobs) FileCount(ctx context.Context) (int64, error) {
	n, err := g.bucket.GetFilesCollection().CountDocuments(ctx, bson.D{})
	return n, wrap(err, "count evidence files")
}
