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
	// recent finds the keys added since the last freeze: an open
	// addressing hash table (linear probing) whose slots hold a key and
	// its list of positions in nodes, in the order they were added. The
	// keys are hashes already, so a slot costs a multiplication to find,
	// and an add or a lookup one cache miss, where a Go map costs several
	// times more; nodes rather than a slice a key save an allocation an
	// entry.
	recent []recentSlot // len 0 or a power of two
	used   int          // slots of recent in use
	nodes  []recentNode
}

// recentSlot is a slot of keyTable.recent; head 0 marks an empty one.
type recentSlot struct {
	key  uint64
	head int32 // the key's newest node, plus one
}

type recentNode struct {
	pos  int32
	next int32 // the node added before, -1 at the end of a list
}

// freeze adds keys, in position order and all after the table's, to the
// sorted array, and empties the hash table of recent keys, which held
// them. It may keep keys as its array.
func (t *keyTable) freeze(keys []keyPos) {
	keys = sortKeys(keys)
	switch {
	case len(t.frozen) == 0:
		t.frozen = slices.Clip(keys)
	case cap(t.frozen) >= len(t.frozen)+len(keys):
		t.frozen = mergeKeys(t.frozen, keys)
	default:
		// A table that grows while it is used (a check run's) freezes
		// again and again: room for as many keys again lets the next
		// merge or so happen in place instead of copying into a new
		// array each time.
		grown := make([]keyPos, len(t.frozen), 2*(len(t.frozen)+len(keys)))
		copy(grown, t.frozen)
		t.frozen = mergeKeys(grown, keys)
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
	// The hash table keeps its room for the next entries.
	clear(t.recent)
	t.used = 0
	t.nodes = t.nodes[:0]
}

// mergeKeys merges b into a, both sorted by key and then position, every
// position in b after those in a, and returns a extended by len(b), which
// must fit in its capacity. It merges from the back, so that no key of a
// is overwritten before it is moved.
func mergeKeys(a, b []keyPos) []keyPos {
	out := a[:len(a)+len(b)]
	i, j := len(a)-1, len(b)-1
	for k := len(out) - 1; j >= 0; k-- {
		// Equal keys: b's, the later positions, go last.
		if i >= 0 && a[i].key > b[j].key {
			out[k] = a[i]
			i--
		} else {
			out[k] = b[j]
			j--
		}
	}
	return out
}

// keyHits are the entries holding a key: the list of recent nodes from
// head-1 (none when head is 0), then frozen[lo:hi].
type keyHits struct{ lo, hi, head int32 }

// find returns where the entries holding key are. A lookup of several
// keys finds them all before visiting any: the searches are independent
// memory reads, which the processor then overlaps, and most of them miss
// the cache.
func (t *keyTable) find(key uint64) (h keyHits) {
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
		for ; i < hi && t.frozen[i].key < key; i++ {
		}
		j := i
		for ; j < hi && t.frozen[j].key == key; j++ {
			if j-i == 16 {
				// A key many entries share (one text posted in bulk):
				// find the end of their run without reading it.
				j += sort.Search(hi-j, func(k int) bool { return t.frozen[j+k].key != key })
				break
			}
		}
		h.lo, h.hi = int32(i), int32(j)
	}
	if t.used == 0 {
		return h
	}
	mask := len(t.recent) - 1
	for i := slotOf(key, mask); ; i = (i + 1) & mask {
		sl := &t.recent[i]
		if sl.head == 0 || sl.key == key {
			h.head = sl.head
			return h
		}
	}
}

// last copies the positions of the last len(buf) entries of h added, the
// last first, into buf, and returns them and whether that was all of
// them.
func (t *keyTable) last(h keyHits, buf []int32) (pos []int32, all bool) {
	pos = buf[:0]
	for n := h.head - 1; n >= 0; n = t.nodes[n].next {
		if len(pos) == len(buf) {
			return pos, false
		}
		pos = append(pos, t.nodes[n].pos)
	}
	for i := h.hi - 1; i >= h.lo; i-- {
		if len(pos) == len(buf) {
			return pos, false
		}
		pos = append(pos, t.frozen[i].pos)
	}
	return pos, true
}

// slotOf returns where key's search begins in a hash table of mask+1
// slots. Fingerprints are FNV hashes, whose high bits mix better than
// their low ones: the multiplication spreads them all into the top bits.
func slotOf(key uint64, mask int) int {
	return int((key * 0x9E3779B97F4A7C15) >> 32 & uint64(mask))
}

func (t *keyTable) addRecent(key uint64, pos int32) {
	// At most half the slots in use keeps the probe sequences short.
	if 2*(t.used+1) > len(t.recent) {
		t.growRecent()
	}
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, recentNode{pos: pos, next: -1})
	mask := len(t.recent) - 1
	for i := slotOf(key, mask); ; i = (i + 1) & mask {
		sl := &t.recent[i]
		if sl.head == 0 {
			*sl = recentSlot{key: key, head: n + 1}
			t.used++
			return
		}
		if sl.key == key {
			t.nodes[n].next = sl.head - 1
			sl.head = n + 1
			return
		}
	}
}

// growRecent doubles the hash table and puts its keys back in.
func (t *keyTable) growRecent() {
	old := t.recent
	t.recent = make([]recentSlot, max(2*len(old), 256))
	mask := len(t.recent) - 1
	for _, sl := range old {
		if sl.head == 0 {
			continue
		}
		i := slotOf(sl.key, mask)
		for t.recent[i].head != 0 {
			i = (i + 1) & mask
		}
		t.recent[i] = sl
	}
}

// sortKeys sorts a by key (ties by pos, as the input is built in pos
// order) and returns it, in a or in a new array.
//
// The keys are hashes, spread evenly: one counting pass by their top bits,
// about one key a bucket, puts each key within a few places of where it
// belongs, and an insertion sort, which moves each key past those of its
// own bucket only, finishes. That is three sequential passes where a radix
// sort needs two a digit. Equal keys share a bucket and do not move past
// each other; should many unequal keys share one after all, a
// comparison sort takes over.
func sortKeys(a []keyPos) []keyPos {
	if len(a) < 256 {
		slices.SortStableFunc(a, cmpKeyPos)
		return a
	}
	bits := 1
	for 1<<bits < len(a) {
		bits++
	}
	shift := 64 - bits
	count := make([]int32, 1<<bits)
	for _, kp := range a {
		count[kp.key>>shift]++
	}
	sum, most := int32(0), int32(0)
	for i, c := range count {
		count[i] = sum
		sum += c
		most = max(most, c)
	}
	out := make([]keyPos, len(a))
	for _, kp := range a {
		d := kp.key >> shift
		out[count[d]] = kp
		count[d]++
	}
	if most > 64 {
		slices.SortStableFunc(out, cmpKeyPos)
		return out
	}
	for i := 1; i < len(out); i++ {
		kp := out[i]
		j := i
		for ; j > 0 && out[j-1].key > kp.key; j-- {
			out[j] = out[j-1]
		}
		out[j] = kp
	}
	return out
}

func cmpKeyPos(x, y keyPos) int { return cmp.Compare(x.key, y.key) }
