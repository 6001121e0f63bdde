package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// requireData refuses a command that only reads or adds to an existing
// installation (job list, tenant list, export, invite bulk, ...) when the
// embedded database is not there: opening it would quietly create an empty
// ./data, with a fresh tenant, wherever the command happened to be run, and
// the command would then answer about that instead. serve and migrate
// create the database on purpose and do not call this.
func requireData(cfg *Config) error {
	if cfg.MongoURI != "" {
		return nil
	}
	if _, err := os.Stat(cfg.DataDir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no database in %s (QW_DATA_DIR): run this where the bot keeps its data, set QW_DATA_DIR or QW_MONGODB_URI, or create it with `quickwin migrate`", cfg.DataDir)
	}
	return nil
}
