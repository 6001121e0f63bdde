package scheduler

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics count what the dispatcher did, by outcome.
type metrics struct {
	sent    prometheus.Counter
	failed  *prometheus.CounterVec // reason: blocked, bad_request, gave_up
	retried *prometheus.CounterVec // reason: rate_limited, server_error, network
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "quickwin_outbox_sent_total", Help: "Outbox messages Telegram accepted.",
		}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quickwin_outbox_failed_total", Help: "Outbox messages given up on, by reason.",
		}, []string{"reason"}),
		retried: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quickwin_outbox_retried_total", Help: "Outbox sends to be tried again, by reason.",
		}, []string{"reason"}),
	}
	if reg != nil {
		m.sent = register(reg, m.sent)
		m.failed = register(reg, m.failed)
		m.retried = register(reg, m.retried)
	}
	return m
}

// register registers c, or returns the collector registered before under
// the same name (a second dispatcher in one process shares the counters).
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
	}
	return c
}
