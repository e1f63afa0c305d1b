package history

import (
	"cmp"
	"slices"
	"sort"
)

// keyPos maps a fingerprint or LSH band key to an entry.
type keyPos struct {
	key uint64
	pos int32
}

// keyTable finds the entries holding a key. Most keys sit in a sorted
// array built in one sequential pass (a radix sort), which is several
// times faster to build than a hash map of millions of keys, whose inserts
// each miss the cache, and needs 16 bytes a key; the keys of entries added
// since live in a small map until the next rebuild.
type keyTable struct {
	frozen []keyPos
	recent map[uint64][]int32
}

// lookup calls fn with every entry holding key, until fn returns false.
func (t *keyTable) lookup(key uint64, fn func(pos int32) bool) {
	i := sort.Search(len(t.frozen), func(i int) bool { return t.frozen[i].key >= key })
	for ; i < len(t.frozen) && t.frozen[i].key == key; i++ {
		if !fn(t.frozen[i].pos) {
			return
		}
	}
	for _, p := range t.recent[key] {
		if !fn(p) {
			return
		}
	}
}

func (t *keyTable) addRecent(key uint64, pos int32) {
	if t.recent == nil {
		t.recent = make(map[uint64][]int32)
	}
	t.recent[key] = append(t.recent[key], pos)
}

// sortKeys sorts by key (ties by pos, as the input is built in pos order)
// with an LSD radix sort on 16-bit digits: four sequential passes.
func sortKeys(a []keyPos) {
	if len(a) < 1<<12 {
		slices.SortStableFunc(a, func(x, y keyPos) int { return cmp.Compare(x.key, y.key) })
		return
	}
	tmp := make([]keyPos, len(a))
	src, dst := a, tmp
	var count [1 << 16]int
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count[:])
		for _, kp := range src {
			count[(kp.key>>shift)&0xFFFF]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, kp := range src {
			d := (kp.key >> shift) & 0xFFFF
			dst[count[d]] = kp
			count[d]++
		}
		src, dst = dst, src
	}
	// Four passes: the result is back in a.
}
