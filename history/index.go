package history

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MatchKind says how a recorded post matches a text.
type MatchKind int

// The kinds of match, strongest first.
const (
	// Identical: the same text, surrounding whitespace aside.
	Identical MatchKind = iota
	// Normalized: the same text after Normalize.
	Normalized
	// Near: a near-duplicate (see NearThreshold).
	Near
)

// String returns "identical", "normalized" or "near".
func (k MatchKind) String() string {
	switch k {
	case Identical:
		return "identical"
	case Normalized:
		return "normalized"
	case Near:
		return "near"
	}
	return "MatchKind(" + strconv.Itoa(int(k)) + ")"
}

// Match is a recorded post that matches a looked-up text.
type Match struct {
	// Record is the matching post. The index keeps no text, so Text is
	// empty; At, Account, ID, Source and the fingerprints are set.
	Record Record
	// Kind is the strongest way the post matches.
	Kind MatchKind
	// Similarity is 1 for Identical and Normalized matches and the
	// estimated Jaccard similarity of the shingle sets for Near ones.
	Similarity float64
}

// AccountStats summarises one account's posts in an Index.
type AccountStats struct {
	Account     string
	Posts       int
	First, Last time.Time
}

const (
	hasExact = 1 << iota
	hasNorm
	hasSig
)

// entry is a record as the index keeps it: fingerprints as integers, no
// text, and no pointers (so the garbage collector need not scan millions
// of them), 120 bytes.
type entry struct {
	at          int64 // UnixNano
	exact, norm uint64
	sig         signature
	id          uint64 // a numeric post id; see idNumeric
	acct        uint32 // index into acctName
	source      uint32 // index into sources.names
	flags       uint8
}

// idNumeric marks an entry whose id is the number in entry.id; other ids
// (not decimal, or not in canonical form) live in Index.idText.
const idNumeric = 1 << 7

// Index answers duplicate and usage lookups over a set of records without
// scanning them: a lookup costs a few binary searches (about 20 µs against
// a million records). It is not safe for concurrent use while records are
// being added; concurrent lookups alone are fine.
type Index struct {
	entries []entry

	// exact, norm and bands find entries by fingerprint and by LSH band
	// (numBands keys per entry with a signature).
	exact, norm, bands keyTable
	frozen             int  // entries[:frozen] are in the tables' sorted arrays
	bulk               bool // Load adds without indexing keys, then freezes

	ids       map[uint64]struct{} // numeric ids, as X's are
	idStrings map[string]struct{} // other ids
	idText    map[int32]string    // entry index -> non-numeric id
	acctID    map[string]uint32
	acctName  []string
	times     [][]int64 // per account, sorted
	all       []int64   // every account, sorted
	sources   nameTable
}

// NewIndex returns an empty index.
func NewIndex() *Index { return newIndex(0) }

// newIndex returns an index sized for about n records, so that loading a
// large history does not grow its tables step by step.
func newIndex(n int) *Index {
	ix := &Index{
		entries:   make([]entry, 0, n),
		ids:       make(map[uint64]struct{}, n),
		idStrings: make(map[string]struct{}),
		idText:    make(map[int32]string),
		acctID:    make(map[string]uint32),
		all:       make([]int64, 0, n),
	}
	intern(&ix.sources, "") // number 0
	return ix
}

// numericID returns id as a number when it is a canonical decimal of at
// most 19 digits (X's post ids have 19 today; any such number fits in 64
// bits), so that it converts back to the same string.
func numericID[T string | []byte](id T) (uint64, bool) {
	if len(id) == 0 || len(id) > 19 || id[0] == '0' && len(id) > 1 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// Len returns the number of records added.
func (ix *Index) Len() int { return len(ix.entries) }

// HasID reports whether a record with this X post id was added. The empty
// id is never present.
func (ix *Index) HasID(id string) bool {
	if id == "" {
		return false
	}
	if v, ok := numericID(id); ok {
		_, ok = ix.ids[v]
		return ok
	}
	_, ok := ix.idStrings[id]
	return ok
}

// AddNew adds r unless a record with the same non-empty ID is already
// present, and reports whether it added it: importing the same posts twice
// adds nothing.
func (ix *Index) AddNew(r Record) bool {
	if ix.HasID(r.ID) {
		return false
	}
	ix.Add(r)
	return true
}

// Add adds a record. Records added in time order cost O(1) amortised; out
// of order they are still counted correctly. Missing or malformed
// fingerprints are computed from Text when it is present.
func (ix *Index) Add(r Record) {
	e := entry{
		at:     nanos(r.At),
		source: source(ix, r.Source),
		acct:   accountID(ix, strings.TrimPrefix(r.Account, "@")),
	}
	idText := ""
	if v, ok := numericID(r.ID); ok {
		e.id, e.flags = v, idNumeric
	} else {
		idText = r.ID
	}
	if v, ok := parseHex64(r.Exact); ok {
		e.exact, e.flags = v, e.flags|hasExact
	} else if r.Text != "" {
		e.exact = fingerprint(strings.TrimSpace(r.Text))
		e.flags |= hasExact
	}
	var normalised string
	if v, ok := parseHex64(r.Norm); ok {
		e.norm, e.flags = v, e.flags|hasNorm
	} else if r.Text != "" {
		normalised = normText(r.Text)
		e.norm, e.flags = fingerprint(normalised), e.flags|hasNorm
	}
	if sig, err := parseSignature(r.Sim); err == nil {
		e.sig, e.flags = sig, e.flags|hasSig
	} else if r.Text != "" {
		if normalised == "" {
			normalised = normText(r.Text)
		}
		if sig, ok := nearSignature(normalised); ok {
			e.sig, e.flags = sig, e.flags|hasSig
		}
	}
	ix.add(e, idText)
}

// accountID interns an account name; a known name costs no allocation,
// nor does a new one given as a string.
func accountID[T string | []byte](ix *Index, account T) uint32 {
	if id, ok := ix.acctID[string(account)]; ok {
		return id
	}
	name := string(account)
	id := uint32(len(ix.acctName))
	ix.acctID[name] = id
	ix.acctName = append(ix.acctName, name)
	ix.times = append(ix.times, nil)
	return id
}

// source interns a source name: a history holds few distinct ones, a
// check run one for each draft file.
func source[T string | []byte](ix *Index, src T) uint32 {
	return intern(&ix.sources, src)
}

// add indexes an entry whose acct and source are already interned; idText
// is its id when not numeric.
func (ix *Index) add(e entry, idText string) {
	id := e.acct
	pos := int32(len(ix.entries))
	ix.entries = appendDoubling(ix.entries, e)
	if !ix.bulk {
		ix.indexKeys(pos)
		// Keep the maps small: past a quarter of the sorted part, rebuild.
		if recent := len(ix.entries) - ix.frozen; recent > 4096 && recent > ix.frozen/4 {
			ix.freeze()
		}
	}
	if e.flags&idNumeric != 0 {
		ix.ids[e.id] = struct{}{}
	} else if idText != "" {
		ix.idStrings[idText] = struct{}{}
		ix.idText[pos] = idText
	}
	ix.times[id] = insertSorted(ix.times[id], e.at)
	ix.all = insertSorted(ix.all, e.at)
}

// indexKeys adds the keys of entry pos to the tables' maps.
func (ix *Index) indexKeys(pos int32) {
	e := &ix.entries[pos]
	if e.flags&hasExact != 0 {
		ix.exact.addRecent(e.exact, pos)
	}
	if e.flags&hasNorm != 0 {
		ix.norm.addRecent(e.norm, pos)
	}
	if e.flags&hasSig != 0 {
		for _, k := range e.sig.bands() {
			ix.bands.addRecent(k, pos)
		}
	}
}

// freeze moves the keys of the entries added since the last freeze from
// the maps into the sorted arrays. Only those keys are sorted, then merged
// with the arrays: a check run freezes every time its index grows by a
// quarter, and sorting every key each time cost more than the lookups.
func (ix *Index) freeze() {
	n := len(ix.entries) - ix.frozen
	exact := make([]keyPos, 0, n)
	norm := make([]keyPos, 0, n)
	bands := make([]keyPos, 0, n*numBands)
	for i := ix.frozen; i < len(ix.entries); i++ {
		e := &ix.entries[i]
		pos := int32(i)
		if e.flags&hasExact != 0 {
			exact = append(exact, keyPos{e.exact, pos})
		}
		if e.flags&hasNorm != 0 {
			norm = append(norm, keyPos{e.norm, pos})
		}
		if e.flags&hasSig != 0 {
			for _, k := range e.sig.bands() {
				bands = append(bands, keyPos{k, pos})
			}
		}
	}
	ix.exact.freeze(exact)
	ix.norm.freeze(norm)
	ix.bands.freeze(bands)
	ix.frozen = len(ix.entries)
}

func insertSorted(s []int64, t int64) []int64 {
	if len(s) == 0 || s[len(s)-1] <= t {
		return appendDoubling(s, t)
	}
	i := sort.Search(len(s), func(i int) bool { return s[i] > t })
	return slices.Insert(s, i, t)
}

// appendDoubling appends v to s, doubling its capacity when full. An
// index built a post at a time (a check run's) grows to tens of megabytes:
// append's growth by a quarter for large slices would copy it about four
// times over, doubling once.
func appendDoubling[S ~[]E, E any](s S, v E) S {
	if len(s) == cap(s) {
		s = slices.Grow(s, len(s)+1)
	}
	return append(s, v)
}

// Unix times of 1679-01-01 and 2261-01-01 UTC, a year inside the range of
// nanos, which no time zone's offset crosses.
const nanosSafeLo, nanosSafeHi = -9183024000, 9183110400

// nanos converts t to UnixNano, clamping times outside the int64 range
// (such as the zero Time used as "since the beginning").
func nanos(t time.Time) int64 {
	// Year is slow, and this runs three times a post checked: a time well
	// inside the range is in it whatever its location.
	if u := t.Unix(); u > nanosSafeLo && u < nanosSafeHi {
		return t.UnixNano()
	}
	switch {
	case t.Year() < 1678:
		return math.MinInt64
	case t.Year() > 2261:
		return math.MaxInt64
	}
	return t.UnixNano()
}

// Count returns how many records of account (every account when account
// is "") have At in [since, until), and the oldest such time, which is when
// the window's first slot frees up. It costs O(log n).
func (ix *Index) Count(account string, since, until time.Time) (n int, oldest time.Time) {
	times := ix.all
	account = strings.TrimPrefix(account, "@")
	if account != "" {
		id, ok := ix.acctID[account]
		if !ok {
			return 0, time.Time{}
		}
		times = ix.times[id]
	}
	lo, _ := slices.BinarySearch(times, nanos(since))
	hi, _ := slices.BinarySearch(times, nanos(until))
	if hi <= lo {
		return 0, time.Time{}
	}
	return hi - lo, time.Unix(0, times[lo]).UTC()
}

// Stats returns each account's post count and first and last post time,
// sorted by account. Records without an account are listed under "".
func (ix *Index) Stats() []AccountStats {
	out := make([]AccountStats, 0, len(ix.acctName))
	for id, name := range ix.acctName {
		t := ix.times[id]
		if len(t) == 0 {
			continue
		}
		out = append(out, AccountStats{
			Account: name,
			Posts:   len(t),
			First:   time.Unix(0, t[0]).UTC(),
			Last:    time.Unix(0, t[len(t)-1]).UTC(),
		})
	}
	slices.SortFunc(out, func(a, b AccountStats) int { return cmp.Compare(a.Account, b.Account) })
	return out
}

// Lookup returns the records with At in [since, until] (every account: the
// caller filters) that are identical to text, equal to it after
// normalisation, or near-duplicates of it; each record once, with its
// strongest kind. Matches are sorted by kind, then newest first. The cost
// is that of normalising the text, ten binary searches (fingerprints and
// LSH bands) and one check per record sharing a key with the text; it
// does not grow with the history otherwise.
func (ix *Index) Lookup(text string, since, until time.Time) []Match {
	return ix.LookupRecord(NewRecord(time.Time{}, "", "", "", text, false), since, until)
}

// LookupRecord is Lookup for a record made by NewRecord: a caller that
// looks a post up and then adds it normalises its text only once. A
// record without fingerprints (no text) matches nothing.
func (ix *Index) LookupRecord(r Record, since, until time.Time) []Match {
	lo, hi := nanos(since), nanos(until)
	exact, okExact := parseHex64(r.Exact)
	normKey, okNorm := parseHex64(r.Norm)
	if !okExact && !okNorm {
		return nil
	}
	sig, errSig := parseSignature(r.Sim)
	// Every key's entries are found before any is visited (see
	// keyTable.find).
	hitsExact, hitsNorm := ix.exact.find(exact), ix.norm.find(normKey)
	var hitsBands [numBands]keyHits
	if errSig == nil {
		for b, k := range sig.bands() {
			hitsBands[b] = ix.bands.find(k)
		}
	}
	var seen posSet
	var out []Match
	inWindow := func(e *entry) bool { return e.at >= lo && e.at <= hi }
	ix.exact.visit(hitsExact, func(i int32) bool {
		e := &ix.entries[i]
		if okExact && e.flags&hasExact != 0 && e.exact == exact && inWindow(e) {
			seen.add(i)
			out = append(out, Match{Record: ix.record(i), Kind: Identical, Similarity: 1})
		}
		return true
	})
	ix.norm.visit(hitsNorm, func(i int32) bool {
		e := &ix.entries[i]
		if okNorm && !seen.has(i) && e.flags&hasNorm != 0 && e.norm == normKey && inWindow(e) {
			seen.add(i)
			out = append(out, Match{Record: ix.record(i), Kind: Normalized, Similarity: 1})
		}
		return true
	})
	if errSig == nil {
		for _, h := range hitsBands {
			ix.bands.visit(h, func(i int32) bool {
				if !seen.add(i) {
					return true
				}
				e := &ix.entries[i]
				if e.flags&hasSig == 0 || e.sig.nums != sig.nums || !inWindow(e) {
					return true
				}
				if s := sig.similarity(&e.sig); s >= NearThreshold {
					out = append(out, Match{Record: ix.record(i), Kind: Near, Similarity: s})
				}
				return true
			})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return b.Record.At.Compare(a.Record.At)
	})
	return out
}

// posSet is a set of entries. A lookup sees few, which a short slice holds
// without the allocations of a map; past that it uses one.
type posSet struct {
	small []int32
	big   map[int32]bool
}

func (s *posSet) has(i int32) bool {
	if s.big != nil {
		return s.big[i]
	}
	return slices.Contains(s.small, i)
}

// add adds i and reports whether it was not there yet.
func (s *posSet) add(i int32) bool {
	if s.has(i) {
		return false
	}
	if s.big == nil && len(s.small) < 32 {
		s.small = append(s.small, i)
		return true
	}
	if s.big == nil {
		s.big = make(map[int32]bool, 2*len(s.small))
		for _, j := range s.small {
			s.big[j] = true
		}
	}
	s.big[i] = true
	return true
}

// record rebuilds the public form of entry i.
func (ix *Index) record(i int32) Record {
	e := &ix.entries[i]
	r := Record{
		V:       RecordVersion,
		At:      time.Unix(0, e.at).UTC(),
		Account: ix.acctName[e.acct],
		Source:  ix.sources.names[e.source],
	}
	if e.flags&idNumeric != 0 {
		r.ID = strconv.FormatUint(e.id, 10)
	} else {
		r.ID = ix.idText[i]
	}
	if e.flags&hasExact != 0 {
		r.Exact = hex64(e.exact)
	}
	if e.flags&hasNorm != 0 {
		r.Norm = hex64(e.norm)
	}
	if e.flags&hasSig != 0 {
		r.Sim = e.sig.String()
	}
	return r
}
