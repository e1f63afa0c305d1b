package memo

import (
	"strconv"
	"sync"
	"testing"
)

func TestStrings(t *testing.T) {
	c := Strings{Max: 3}
	if _, ok := c.Get("a"); ok {
		t.Fatal("an empty memo found a")
	}
	for i := range 3 {
		c.Put(strconv.Itoa(i), "v"+strconv.Itoa(i))
	}
	for i := range 3 {
		if v, ok := c.Get(strconv.Itoa(i)); !ok || v != "v"+strconv.Itoa(i) {
			t.Errorf("Get(%d) = %q, %v", i, v, ok)
		}
	}
	// The fourth clears the memo: it stays at Max entries at most.
	c.Put("3", "v3")
	if _, ok := c.Get("0"); ok {
		t.Error("a full memo was not cleared")
	}
	if v, ok := c.Get("3"); !ok || v != "v3" {
		t.Errorf("Get(3) = %q, %v after clearing", v, ok)
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
