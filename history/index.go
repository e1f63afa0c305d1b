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

// entry is a record as the index keeps it: fingerprints as integers and no
// text, about 140 bytes plus the id.
type entry struct {
	at          int64 // UnixNano
	exact, norm uint64
	sig         signature
	acct        uint32
	flags       uint8
	id, source  string
}

// Index answers duplicate and usage lookups over a set of records in time
// independent of its size. It is not safe for concurrent use while records
// are being added; concurrent lookups alone are fine.
type Index struct {
	entries []entry

	// Hash chains: head maps a key to 1+ the newest entry holding it; next
	// links each entry to 1+ the previous one with the same key (0 ends).
	exactHead, normHead map[uint64]int32
	exactNext, normNext []int32
	bandHead            map[uint64]int32
	bandNext            []int32 // numBands per entry

	ids      map[string]struct{}
	acctID   map[string]uint32
	acctName []string
	times    [][]int64 // per account, sorted
	all      []int64   // every account, sorted
	sources  map[string]string
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{
		exactHead: make(map[uint64]int32),
		normHead:  make(map[uint64]int32),
		bandHead:  make(map[uint64]int32),
		ids:       make(map[string]struct{}),
		acctID:    make(map[string]uint32),
		sources:   make(map[string]string),
	}
}

// Len returns the number of records added.
func (ix *Index) Len() int { return len(ix.entries) }

// HasID reports whether a record with this X post id was added. The empty
// id is never present.
func (ix *Index) HasID(id string) bool {
	if id == "" {
		return false
	}
	_, ok := ix.ids[id]
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
		id:     r.ID,
		source: ix.source([]byte(r.Source)),
		acct:   ix.accountID([]byte(strings.TrimPrefix(r.Account, "@"))),
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
	ix.add(e)
}

// accountID interns an account name; a known name costs no allocation.
func (ix *Index) accountID(account []byte) uint32 {
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

// source interns a source name: a history holds few distinct ones.
func (ix *Index) source(src []byte) string {
	if len(src) == 0 {
		return ""
	}
	if s, ok := ix.sources[string(src)]; ok {
		return s
	}
	s := string(src)
	ix.sources[s] = s
	return s
}

// add indexes an entry whose acct and source are already interned.
func (ix *Index) add(e entry) {
	id := e.acct
	n := int32(len(ix.entries)) + 1 // chain links are 1-based
	ix.entries = append(ix.entries, e)
	var next int32
	if e.flags&hasExact != 0 {
		next = ix.exactHead[e.exact]
		ix.exactHead[e.exact] = n
	}
	ix.exactNext = append(ix.exactNext, next)
	next = 0
	if e.flags&hasNorm != 0 {
		next = ix.normHead[e.norm]
		ix.normHead[e.norm] = n
	}
	ix.normNext = append(ix.normNext, next)
	for b := 0; b < numBands; b++ {
		next = 0
		if e.flags&hasSig != 0 {
			k := e.sig.band(b)
			next = ix.bandHead[k]
			ix.bandHead[k] = n
		}
		ix.bandNext = append(ix.bandNext, next)
	}
	if e.id != "" {
		ix.ids[e.id] = struct{}{}
	}
	ix.times[id] = insertSorted(ix.times[id], e.at)
	ix.all = insertSorted(ix.all, e.at)
}

func insertSorted(s []int64, t int64) []int64 {
	if len(s) == 0 || s[len(s)-1] <= t {
		return append(s, t)
	}
	i := sort.Search(len(s), func(i int) bool { return s[i] > t })
	return slices.Insert(s, i, t)
}

// nanos converts t to UnixNano, clamping times outside the int64 range
// (such as the zero Time used as "since the beginning").
func nanos(t time.Time) int64 {
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
// depends on the text and the number of records sharing its fingerprints
// or an LSH band, not on the size of the index.
func (ix *Index) Lookup(text string, since, until time.Time) []Match {
	lo, hi := nanos(since), nanos(until)
	exact := fingerprint(strings.TrimSpace(text))
	normalised := normText(text)
	normKey := fingerprint(normalised)
	seen := make(map[int32]bool)
	var out []Match
	inWindow := func(e *entry) bool { return e.at >= lo && e.at <= hi }
	for i := ix.exactHead[exact]; i != 0; i = ix.exactNext[i-1] {
		e := &ix.entries[i-1]
		if e.exact == exact && inWindow(e) {
			seen[i] = true
			out = append(out, Match{Record: ix.record(e), Kind: Identical, Similarity: 1})
		}
	}
	for i := ix.normHead[normKey]; i != 0; i = ix.normNext[i-1] {
		e := &ix.entries[i-1]
		if !seen[i] && e.norm == normKey && inWindow(e) {
			seen[i] = true
			out = append(out, Match{Record: ix.record(e), Kind: Normalized, Similarity: 1})
		}
	}
	if sig, ok := nearSignature(normalised); ok {
		for b := 0; b < numBands; b++ {
			for i := ix.bandHead[sig.band(b)]; i != 0; i = ix.bandNext[int(i-1)*numBands+b] {
				if seen[i] {
					continue
				}
				seen[i] = true
				e := &ix.entries[i-1]
				if e.flags&hasSig == 0 || e.sig.nums != sig.nums || !inWindow(e) {
					continue
				}
				if s := sig.similarity(&e.sig); s >= NearThreshold {
					out = append(out, Match{Record: ix.record(e), Kind: Near, Similarity: s})
				}
			}
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

// record rebuilds the public form of an entry.
func (ix *Index) record(e *entry) Record {
	r := Record{
		V:       RecordVersion,
		At:      time.Unix(0, e.at).UTC(),
		Account: ix.acctName[e.acct],
		ID:      e.id,
		Source:  e.source,
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
