package history

import "hash/maphash"

// nameTable interns names, giving each distinct one a number in the order
// they come. It does what a map[string]uint32 beside a []string does with
// one hash and one probe a name, found or added, where the map needs two
// of each to add one; and growing it moves 8-byte slots without hashing
// the names again. A check run interns a source for every draft file.
type nameTable struct {
	names []string
	slots []nameSlot // len 0 or a power of two, at most half in use
}

// nameSlot holds the low bits of a name's hash and its number plus one; 0
// marks an empty slot.
type nameSlot struct{ hash, id uint32 }

var nameSeed = maphash.MakeSeed()

// intern returns the number of name, adding it if it is new.
func intern[T string | []byte](t *nameTable, name T) uint32 {
	var h uint64
	switch s := any(name).(type) {
	case string:
		h = maphash.String(nameSeed, s)
	case []byte:
		h = maphash.Bytes(nameSeed, s)
	}
	h32 := uint32(h)
	if 2*(len(t.names)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	for i := h32 & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.id == 0 {
			id := uint32(len(t.names))
			t.names = append(t.names, string(name))
			*sl = nameSlot{h32, id + 1}
			return id
		}
		if sl.hash == h32 && t.names[sl.id-1] == string(name) {
			return sl.id - 1
		}
	}
}

func (t *nameTable) grow() {
	old := t.slots
	t.slots = make([]nameSlot, max(2*len(old), 16))
	mask := uint32(len(t.slots) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := sl.hash & mask
		for t.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
	}
}
