// Package memo remembers the results of costly string functions, such as
// IDNA conversion of hosts, within a bounded amount of memory.
package memo

import (
	"strings"
	"sync"
)

// Strings maps strings to strings, holding at most Max of them: it is
// cleared when full, which keeps it small without tracking which entries
// are used. A run meets the same few values over and over, so the misses
// after a clearing are few. Strings is safe for concurrent use; its zero
// value with Max set is ready.
type Strings struct {
	Max int

	mu sync.Mutex
	m  map[string]string
}

// Get returns the value remembered for k.
func (c *Strings) Get(k string) (string, bool) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	return v, ok
}

// Put remembers v for k. It keeps a copy of k, which is often a piece of
// a long text that the copy lets go.
func (c *Strings) Put(k, v string) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.Max {
		c.m = make(map[string]string)
	}
	c.m[strings.Clone(k)] = v
	c.mu.Unlock()
}
