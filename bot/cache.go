package bot

import (
	"sync"
	"time"
)

// ttlCache keeps what this instance read for at most ttl: almost every
// update needs its sender's membership and tenant, which rarely change.
// Changes made through this instance forget the copy at once; a change
// made elsewhere is seen within ttl.
type ttlCache[K comparable, V any] struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[K]ttlEntry[V]
}

type ttlEntry[V any] struct {
	v  V
	at time.Time
}

// get returns the value of k read less than ttl before now, or loads it.
func (c *ttlCache[K, V]) get(k K, now time.Time, load func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < c.ttl {
		return e.v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]ttlEntry[V]{}
	}
	c.m[k] = ttlEntry[V]{v, now}
	c.mu.Unlock()
	return v, nil
}

func (c *ttlCache[K, V]) forget(keys ...K) {
	c.mu.Lock()
	for _, k := range keys {
		delete(c.m, k)
	}
	c.mu.Unlock()
}
