package store

// SetImportFault makes every staged import call f at its named points
// ("staged", "copy"); an error stops the import there, as a kill would.
// nil removes it.
func SetImportFault(f func(point string) error) { importFault = f }
