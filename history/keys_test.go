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
			got, all := kt.last(kt.find(key), make([]int32, len(ps)+1))
			got = slices.Clone(got)
			slices.Reverse(got) // the last added first
			if !all || !slices.Equal(got, ps) {
				t.Fatalf("after %d keys, last(%#x) = %v, %v; want %v", pos, key, got, all, ps)
			}
		}
		for range 100 {
			key := rng.Uint64()
			if _, ok := want[key]; !ok {
				if got, all := kt.last(kt.find(key), make([]int32, 4)); len(got) > 0 || !all {
					t.Fatalf("last(%#x) = %v, %v for a key never added", key, got, all)
				}
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
	// A buffer shorter than the list holds its last entries, and says so.
	for key, ps := range want {
		if len(ps) > 2 {
			got, all := kt.last(kt.find(key), make([]int32, 2))
			if all || !slices.Equal(got, []int32{ps[len(ps)-1], ps[len(ps)-2]}) {
				t.Fatalf("last(%#x) into 2 = %v, %v; want the last two of %v, not all", key, got, all, ps)
			}
			break
		}
	}
}
