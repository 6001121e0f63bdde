package telegram

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the edge's Prometheus series.
type Metrics struct {
	// Refused counts updates that were skipped because they could not be
	// decoded or lacked what their kind needs.
	Refused prometheus.Counter
	// RateLimited counts Telegram's 429 answers, by scope: chat (one chat
	// paused) or global (everything paused).
	RateLimited *prometheus.CounterVec
}

// NewMetrics makes the series and registers them on reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Refused: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "quickwin_updates_refused_total", Help: "Telegram updates skipped as malformed.",
		}),
		RateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quickwin_telegram_rate_limited_total", Help: "Telegram 429 answers, by the pause they caused.",
		}, []string{"scope"}),
	}
	if reg != nil {
		reg.MustRegister(m.Refused, m.RateLimited)
	}
	return m
}
