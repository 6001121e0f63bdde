package bot

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus series.
type Metrics struct {
	Updates  *prometheus.CounterVec   // by outcome: ok, duplicate, error, unavailable, panic
	Duration *prometheus.HistogramVec // handling time by kind: command, callback, text, other
}

// NewMetrics makes the series and registers them on reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quickwin_updates_total", Help: "Telegram updates by outcome.",
		}, []string{"outcome"}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "quickwin_update_seconds", Help: "Time to handle one update.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}, []string{"kind"}),
	}
	if reg != nil {
		reg.MustRegister(m.Updates, m.Duration)
	}
	return m
}
