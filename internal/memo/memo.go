// Package memo remembers the results of costly string functions, such as
// IDNA conversion of hosts, within a bounded amount of memory.
package memo

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
)

// Strings maps strings to strings, holding at most Max of them. It is a
// direct-mapped cache: each key has one slot, chosen by its hash, and a
// new entry replaces the one in its slot. It stays small without
// tracking which entries are used, and a lookup is a hash, an atomic load
// and a comparison, without a lock (a map behind a mutex cost 1.6 times
// as much: go test -bench Strings). Keys whose hashes share a slot evict
// each other, so Max should leave room to spare. Strings is safe for
// concurrent use; its zero value with Max set is ready.
type Strings struct {
	Max int

	once  sync.Once
	seed  maphash.Seed
	slots []atomic.Pointer[entry]
}

type entry struct{ k, v string }

// slot returns k's slot.
func (c *Strings) slot(k string) *atomic.Pointer[entry] {
	c.once.Do(func() {
		n := 1 // a power of two: a slot is the hash's low bits
		for n*2 <= c.Max && n < 1<<30 {
			n <<= 1
		}
		c.seed = maphash.MakeSeed()
		c.slots = make([]atomic.Pointer[entry], n)
	})
	return &c.slots[maphash.String(c.seed, k)&uint64(len(c.slots)-1)]
}

// Get returns the value remembered for k.
func (c *Strings) Get(k string) (string, bool) {
	if e := c.slot(k).Load(); e != nil && e.k == k {
		return e.v, true
	}
	return "", false
}

// Put remembers v for k. It keeps a copy of k, which is often a piece of
// a long text that the copy lets go.
func (c *Strings) Put(k, v string) {
	c.slot(k).Store(&entry{strings.Clone(k), v})
}
