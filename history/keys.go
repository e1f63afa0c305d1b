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
	// dir[b] is the first entry of frozen whose key's top bits (key>>shift)
	// are b or more: the keys are hashes, spread evenly, so a lookup
	// reads dir and a few neighbouring entries instead of binary
	// searching the whole array, a cache miss a step. It costs 4 bytes
	// for every 8 keys.
	dir   []int32
	shift uint8
	// recent maps a key to its list of positions in nodes, in the order
	// they were added; nodes rather than a slice a key save an
	// allocation an entry.
	recent map[uint64]recentList
	nodes  []recentNode
}

type recentList struct{ first, last int32 }

type recentNode struct {
	pos  int32
	next int32 // -1 at the end of a list
}

// freeze adds keys, in position order and all after the table's, to the
// sorted array, and empties the map of recent keys, which held them.
func (t *keyTable) freeze(keys []keyPos) {
	sortKeys(keys)
	if len(t.frozen) == 0 {
		t.frozen = slices.Clip(keys)
	} else {
		t.frozen = mergeKeys(t.frozen, keys)
	}
	// About 8 keys a bucket of dir, as the keys are spread evenly.
	bits := 0
	for 8<<bits < len(t.frozen) {
		bits++
	}
	t.shift = uint8(64 - bits)
	if cap(t.dir) >= 1<<bits+1 {
		t.dir = t.dir[:1<<bits+1]
	} else {
		t.dir = make([]int32, 1<<bits+1)
	}
	b := 0
	for i, kp := range t.frozen {
		for top := int(kp.key >> t.shift); b <= top; b++ { // a shift by 64 gives 0
			t.dir[b] = int32(i)
		}
	}
	for ; b < len(t.dir); b++ {
		t.dir[b] = int32(len(t.frozen))
	}
	// The map keeps its room for the next entries.
	clear(t.recent)
	t.nodes = t.nodes[:0]
}

// mergeKeys merges two arrays sorted by key and then position, every
// position in b after those in a.
func mergeKeys(a, b []keyPos) []keyPos {
	out := make([]keyPos, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].key < a[0].key {
			out = append(out, b[0])
			b = b[1:]
		} else {
			out = append(out, a[0])
			a = a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// lookup calls fn with every entry holding key, until fn returns false.
func (t *keyTable) lookup(key uint64, fn func(pos int32) bool) {
	if len(t.dir) > 0 {
		b := key >> t.shift
		lo, hi := int(t.dir[b]), int(t.dir[b+1])
		// Equal keys share their top bits: all of them are in [lo, hi).
		i := lo
		if hi-lo > 16 {
			// An unusually full bucket: keys are not spread evenly after
			// all.
			i += sort.Search(hi-lo, func(i int) bool { return t.frozen[lo+i].key >= key })
		}
		for ; i < hi && t.frozen[i].key <= key; i++ {
			if t.frozen[i].key == key && !fn(t.frozen[i].pos) {
				return
			}
		}
	}
	l, ok := t.recent[key]
	if !ok {
		return
	}
	for n := l.first; n >= 0; n = t.nodes[n].next {
		if !fn(t.nodes[n].pos) {
			return
		}
	}
}

func (t *keyTable) addRecent(key uint64, pos int32) {
	if t.recent == nil {
		t.recent = make(map[uint64]recentList)
	}
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, recentNode{pos: pos, next: -1})
	if l, ok := t.recent[key]; ok {
		t.nodes[l.last].next = n
		t.recent[key] = recentList{l.first, n}
	} else {
		t.recent[key] = recentList{n, n}
	}
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
