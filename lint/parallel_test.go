package lint

import (
	"sync/atomic"
	"testing"
)

// TestParallel checks that parallel calls fn once for every index, for
// counts around its block size.
func TestParallel(t *testing.T) {
	for _, block := range []int{1, 3, 256} {
		for _, n := range []int{0, 1, 2, 255, 256, 257, 1000} {
			calls := make([]atomic.Int32, n)
			parallel(n, block, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("n %d, block %d: index %d called %d times", n, block, i, c)
				}
			}
		}
	}
}
