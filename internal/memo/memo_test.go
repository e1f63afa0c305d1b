package memo

import (
	"strconv"
	"sync"
	"testing"
	"unsafe"
)

func TestStrings(t *testing.T) {
	c := Strings{Max: 100}
	if _, ok := c.Get("a"); ok {
		t.Fatal("an empty memo found a")
	}
	c.Put("a", "1")
	c.Put("a", "2")
	if v, ok := c.Get("a"); !ok || v != "2" {
		t.Errorf("Get(a) = %q, %v; want the value put last", v, ok)
	}
	// Of many keys, each found is found with its own value, and the memo
	// holds at most Max of them.
	for i := range 1000 {
		c.Put(strconv.Itoa(i), "v"+strconv.Itoa(i))
	}
	found := 0
	for i := range 1000 {
		if v, ok := c.Get(strconv.Itoa(i)); ok {
			found++
			if v != "v"+strconv.Itoa(i) {
				t.Errorf("Get(%d) = %q", i, v)
			}
		}
	}
	if found == 0 || found > c.Max {
		t.Errorf("%d of 1,000 keys found, want 1 to %d", found, c.Max)
	}
	// The last one put is always there.
	if v, ok := c.Get("999"); !ok || v != "v999" {
		t.Errorf("Get(999) = %q, %v", v, ok)
	}
}

// TestStringsKeepsCopy: the memo must not keep a key that is a piece of
// a larger buffer the caller reuses.
func TestStringsKeepsCopy(t *testing.T) {
	c := Strings{Max: 8}
	buf := []byte("bücher.de")
	c.Put(unsafe.String(&buf[0], len(buf)), "xn--bcher-kva.de")
	copy(buf, "xxxxxxxxxx")
	if v, ok := c.Get("bücher.de"); !ok || v != "xn--bcher-kva.de" {
		t.Errorf("Get = %q, %v", v, ok)
	}
}

func TestStringsConcurrent(t *testing.T) {
	c := Strings{Max: 50}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				k := strconv.Itoa((i * (g + 1)) % 97)
				if v, ok := c.Get(k); ok && v != k+"!" {
					t.Errorf("Get(%s) = %q", k, v)
				}
				c.Put(k, k+"!")
			}
		})
	}
	wg.Wait()
}

// BenchmarkStrings looks up a working set of 3,000 hosts on every
// processor, putting the ones missing.
func BenchmarkStrings(b *testing.B) {
	keys := make([]string, 3000)
	for i := range keys {
		keys[i] = "host-" + strconv.Itoa(i) + ".example"
	}
	c := Strings{Max: 1 << 14}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			k := keys[i%len(keys)]
			if _, ok := c.Get(k); !ok {
				c.Put(k, k)
			}
			i += 7
		}
	})
}
