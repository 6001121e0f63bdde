package store

import "testing"

// SetImportFault makes every staged import call f at its named points
// ("staged", "lines", "copy"); an error stops the import there, as a kill would.
// nil removes it.
func SetImportFault(f func(point string) error) { importFault = f }

// SetImportBatch makes the copy's batches n documents long until the test
// ends, so that a small import is copied in several batches.
func SetImportBatch(t testing.TB, n int) {
	old := importBatch
	importBatch = n
	t.Cleanup(func() { importBatch = old })
}
