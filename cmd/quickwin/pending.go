package main

import (
	"context"
	"errors"
	"flag"
)

func (m *Main) export(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	return errors.New("export: wiring pending")
}
func (m *Main) jobList(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	return errors.New("job list: wiring pending")
}
func (m *Main) jobRun(ctx context.Context, cfg *Config, args []string, fs *flag.FlagSet) error {
	return errors.New("job run: wiring pending")
}
