package history

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortKeys compares sortKeys with a stable comparison sort on keys
// spread evenly, keys sharing their top bits (which the bucket pass cannot
// tell apart) and repeated keys, whose positions must stay in order.
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gens := map[string]func(i int) uint64{
		"hashes":   func(int) uint64 { return rng.Uint64() },
		"few":      func(int) uint64 { return rng.Uint64N(50) << 60 },
		"repeated": func(int) uint64 { return splitmix64(rng.Uint64N(300)) },
		"low bits": func(int) uint64 { return rng.Uint64N(1 << 20) },
		"one top":  func(int) uint64 { return 1<<63 | rng.Uint64N(1<<40) },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 255, 256, 257, 1000, 4096, 50_000} {
			a := make([]keyPos, n)
			for i := range a {
				a[i] = keyPos{gen(i), int32(i)}
			}
			want := slices.Clone(a)
			slices.SortStableFunc(want, func(x, y keyPos) int { return cmp.Compare(x.key, y.key) })
			if got := sortKeys(a); !slices.Equal(got, want) {
				t.Errorf("%s, %d keys: sortKeys differs from a stable sort", name, n)
			}
		}
	}
}

// TestKeyTable adds keys in batches, freezing between them, and checks
// every lookup against a map, frozen and recent keys alike.
func TestKeyTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var kt keyTable
	want := map[uint64][]int32{}
	var pending []keyPos
	pos := int32(0)
	check := func() {
		t.Helper()
		for key, ps := range want {
			var got []int32
			kt.lookup(key, func(p int32) bool { got = append(got, p); return true })
			slices.Reverse(got) // the last added first
			if !slices.Equal(got, ps) {
				t.Fatalf("after %d keys, lookup(%#x) = %v, want %v", pos, key, got, ps)
			}
		}
		for range 100 {
			key := rng.Uint64()
			if _, ok := want[key]; !ok {
				kt.lookup(key, func(p int32) bool { t.Fatalf("lookup(%#x) found %d", key, p); return false })
			}
		}
	}
	for _, batch := range []int{10, 300, 5000, 700, 20_000, 3, 9000} {
		for range batch {
			// Some keys repeat, some share their top bits.
			key := rng.Uint64()
			switch rng.IntN(4) {
			case 0:
				key = splitmix64(rng.Uint64N(500))
			case 1:
				key &= 0xFFF0_0000_0000_00FF
			}
			kt.addRecent(key, pos)
			pending = append(pending, keyPos{key, pos})
			want[key] = append(want[key], pos)
			pos++
		}
		check()
		kt.freeze(slices.Clone(pending))
		pending = pending[:0]
		check()
	}
	// lookup stops when fn says so.
	for key, ps := range want {
		if len(ps) > 1 {
			n := 0
			kt.lookup(key, func(int32) bool { n++; return false })
			if n != 1 {
				t.Fatalf("lookup went on after false: %d calls", n)
			}
			break
		}
	}
}
