package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// health asks the running bot on QW_LISTEN for /healthz (which answers 200
// when the database answers) and succeeds only on 200: Docker's
// HEALTHCHECK runs it, since the distroless image has no curl.
func (m *Main) health(ctx context.Context, cfg *Config, args []string, _ *flag.FlagSet) error {
	if len(args) != 0 {
		return usageError{errors.New("usage: quickwin health (checks http://QW_LISTEN/healthz)")}
	}
	url, err := healthURL(cfg.Listen)
	if err != nil {
		return usageError{err}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s %s", url, res.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(m.Stdout, "%s: %s\n", url, strings.TrimSpace(string(body)))
	return nil
}

// healthURL is the /healthz address of a listen address.
func healthURL(listen string) (string, error) {
	base, err := localBase(listen)
	return base + "/healthz", err
}

// localBase is http://host:port of a listen address, as a command on this
// machine reaches the running bot: a wildcard host (":8080",
// "0.0.0.0:8080", "[::]:8080") is asked on the loopback.
func localBase(listen string) (string, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", fmt.Errorf("QW_LISTEN %q is not host:port: %w", listen, err)
	}
	if host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}
