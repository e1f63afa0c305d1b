package history

import (
	"bytes"
	"cmp"
	"math"
	"slices"
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
// being added; concurrent lookups alone are fine. The zero Index is empty
// and ready to use.
type Index struct {
	entries []entry

	// exact, norm and bands find entries by fingerprint and by LSH band
	// (numBands keys per entry with a signature).
	exact, norm, bands keyTable
	frozen             int  // entries[:frozen] are in the tables' sorted arrays
	bulk               bool // see beginBulk

	ids       map[uint64]struct{} // numeric ids, as X's are
	idStrings map[string]struct{} // other ids
	idText    map[int32]string    // entry index -> non-numeric id
	acctID    map[string]uint32   // AccountKey, and each spelling met -> acctName index
	acctName  []string
	times     []timeList // per account
	all       timeList   // every account
	sources   nameTable
}

// NewIndex returns an empty index.
func NewIndex() *Index { return newIndex(0) }

// newIndex returns an index sized for about n records, so that loading a
// large history does not grow its tables step by step.
func newIndex(n int) *Index {
	ix := new(Index)
	ix.init(n)
	return ix
}

// init makes an empty index's tables, sized for about n records.
func (ix *Index) init(n int) {
	ix.entries = make([]entry, 0, n)
	ix.ids = make(map[uint64]struct{}, n)
	ix.idStrings = make(map[string]struct{})
	ix.idText = make(map[int32]string)
	ix.acctID = make(map[string]uint32)
	ix.all = timeList{sorted: make([]int64, 0, n)}
	intern(&ix.sources, "") // number 0
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
	if ix.acctID == nil { // the zero Index
		ix.init(0)
	}
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

// accountID interns an account name. X's user names ignore case, so
// "AcmeCorp" and "acmecorp" are one account, named as it was first met.
// acctID holds each spelling met as well as the key, so that a known
// spelling costs no allocation, nor does a new one given as a string.
func accountID[T string | []byte](ix *Index, account T) uint32 {
	if id, ok := ix.acctID[string(account)]; ok {
		return id
	}
	name := string(account)
	key := AccountKey(name)
	id, ok := ix.acctID[key]
	if !ok {
		id = uint32(len(ix.acctName))
		ix.acctID[key] = id
		ix.acctName = append(ix.acctName, name)
		ix.times = append(ix.times, timeList{})
	}
	ix.acctID[name] = id
	return id
}

// AccountKey is an account name as the index tells accounts apart:
// without "@", its ASCII letters in lower case (X's user names are ASCII;
// other letters are left as they are, as SameAccount compares them). Two
// names are one account when their keys are equal.
func AccountKey(account string) string {
	account = strings.TrimPrefix(account, "@")
	for i := 0; i < len(account); i++ {
		if isUpper(account[i]) {
			b := []byte(account)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return account
}

// SameAccount reports whether two account names name one account: X's
// user names ignore case, and "@" is not part of them. It is
// AccountKey(a) == AccountKey(b), without allocating.
func SameAccount(a, b string) bool {
	a, b = strings.TrimPrefix(a, "@"), strings.TrimPrefix(b, "@")
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func lower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// timesOf is the time list of account, any spelling, or of every account
// when account is ""; false for an account the index has not met. A
// spelling met before costs no allocation.
func (ix *Index) timesOf(account string) (*timeList, bool) {
	if account == "" {
		return &ix.all, true
	}
	id, ok := ix.acctID[account]
	if !ok {
		id, ok = ix.acctID[AccountKey(account)]
	}
	if !ok {
		return nil, false
	}
	return &ix.times[id], true
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
	if ix.bulk {
		// Sorted once at the end: an archive lists the newest post first,
		// and inserting each in place would move all the others.
		ix.times[id].addUnsorted(e.at)
		ix.all.addUnsorted(e.at)
		return
	}
	ix.times[id].add(e.at)
	ix.all.add(e.at)
}

// beginBulk starts adding many records at once: their keys are indexed
// and their times sorted by endBulk, in one pass each, instead of one
// record at a time.
func (ix *Index) beginBulk() { ix.bulk = true }

// endBulk indexes what was added since beginBulk.
func (ix *Index) endBulk() {
	ix.bulk = false
	for i := range ix.times {
		ix.times[i].sort()
	}
	ix.all.sort()
	ix.freeze()
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
	times, ok := ix.timesOf(account)
	if !ok {
		return 0, time.Time{}
	}
	n, first := times.count(nanos(since), nanos(until))
	if n == 0 {
		return 0, time.Time{}
	}
	return n, time.Unix(0, first).UTC()
}

// NthOldest returns the time of the n-th oldest record (0 the oldest) of
// account (every account when account is "") with At in [since, until),
// and false when there are no more than n. A window of a usage cap holding
// c records frees up for one more when its (c-cap)-th leaves it. It costs
// O(log n).
func (ix *Index) NthOldest(account string, since, until time.Time, n int) (time.Time, bool) {
	times, ok := ix.timesOf(account)
	if !ok {
		return time.Time{}, false
	}
	t, ok := times.nth(nanos(since), nanos(until), n)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(0, t).UTC(), true
}

// Stats returns each account's post count and first and last post time,
// sorted by account. Records without an account are listed under "".
func (ix *Index) Stats() []AccountStats {
	out := make([]AccountStats, 0, len(ix.acctName))
	for id, name := range ix.acctName {
		t := &ix.times[id]
		if t.len() == 0 {
			continue
		}
		first, last := t.bounds()
		out = append(out, AccountStats{
			Account: name,
			Posts:   t.len(),
			First:   time.Unix(0, first).UTC(),
			Last:    time.Unix(0, last).UTC(),
		})
	}
	slices.SortFunc(out, func(a, b AccountStats) int { return cmp.Compare(a.Account, b.Account) })
	return out
}

// Lookup returns the records with At in [since, until] (every account: the
// caller filters) that are identical to text, equal to it after
// normalisation, or near-duplicates of it; each record once, with its
// strongest kind. Matches are sorted by kind, then newest first (of one
// time, the one added first). The cost is that of normalising the text,
// ten searches (fingerprints and LSH bands) and one check per record
// sharing a key with the text, of which it visits at most MaxVisits a
// key; it does not grow with the history.
func (ix *Index) Lookup(text string, since, until time.Time) []Match {
	return ix.LookupRecord(NewRecord(time.Time{}, "", "", "", text, false), since, until)
}

// LookupRecord is Lookup for a record made by NewRecord: a caller that
// looks a post up and then adds it normalises its text only once. A
// record without fingerprints (no text) matches nothing. Like Visit, it
// looks at the last MaxVisits records added under each key.
func (ix *Index) LookupRecord(r Record, since, until time.Time) []Match {
	var hits []Hit
	ix.Visit(r, since, until, func(h Hit) { hits = append(hits, h) })
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(b.at, a.at), cmp.Compare(a.pos, b.pos))
	})
	out := make([]Match, len(hits))
	for i, h := range hits {
		out[i] = h.Match()
	}
	return out
}

// MaxVisits is how many records holding one key (a fingerprint, or an
// LSH band of the near-duplicate signature) a lookup looks at, the last
// added first. Only posting one text in bulk makes more records share a
// key; a lookup that visited them all would cost as much as the history
// holds of them, and a batch of n copies n² visits.
const MaxVisits = 512

// A Hit is a recorded post found by Visit. It refers to the index, which
// builds its Record only when asked: a caller that wants a few of many
// matches (the newest, the oldest, how many) pays for those alone.
type Hit struct {
	Kind       MatchKind
	Similarity float64
	ix         *Index
	pos        int32
	at         int64 // entries[pos].at
}

// At returns when the post was published.
func (h Hit) At() time.Time { return time.Unix(0, h.at).UTC() }

// UnixNano returns when the post was published, as time.Time.UnixNano.
func (h Hit) UnixNano() int64 { return h.at }

// After reports whether the post was published after t.
func (h Hit) After(t time.Time) bool { return h.at > nanos(t) }

// Account returns the posting account, without "@".
func (h Hit) Account() string { return h.ix.acctName[h.ix.entries[h.pos].acct] }

// Compare orders hits by when the post was published, then by source,
// then by id (as strings).
func (h Hit) Compare(o Hit) int {
	if c := cmp.Compare(h.at, o.at); c != 0 {
		return c
	}
	e, f := &h.ix.entries[h.pos], &o.ix.entries[o.pos]
	if h.ix != o.ix || e.source != f.source {
		if c := strings.Compare(h.ix.sources.names[e.source], o.ix.sources.names[f.source]); c != 0 {
			return c
		}
	}
	if e.flags&f.flags&idNumeric != 0 { // the usual case, without allocating
		var a, b [20]byte
		return bytes.Compare(strconv.AppendUint(a[:0], e.id, 10), strconv.AppendUint(b[:0], f.id, 10))
	}
	return strings.Compare(h.ix.id(h.pos), o.ix.id(o.pos))
}

// id returns entry i's post id, if any.
func (ix *Index) id(i int32) string {
	if e := &ix.entries[i]; e.flags&idNumeric != 0 {
		return strconv.FormatUint(e.id, 10)
	}
	if len(ix.idText) == 0 {
		return ""
	}
	return ix.idText[i]
}

// Match returns the hit as Lookup would: its record rebuilt.
func (h Hit) Match() Match {
	return Match{Record: h.ix.record(h.pos), Kind: h.Kind, Similarity: h.Similarity}
}

// Visit calls fn once for each record inside [since, until] that is
// identical to r, equal to it after normalisation, or a near-duplicate of
// it, with its strongest kind, in no particular order, without building
// the records. It looks at the last MaxVisits records added under each of
// r's keys, and reports whether that was all of them: when not, older
// records may match too. It allocates nothing; its cost is ten searches
// and a few comparisons per record visited.
func (ix *Index) Visit(r Record, since, until time.Time, fn func(Hit)) (all bool) {
	lo, hi := nanos(since), nanos(until)
	exact, okExact := parseHex64(r.Exact)
	normKey, okNorm := parseHex64(r.Norm)
	if !okExact && !okNorm {
		return true
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
	// Each record is reported once, with its strongest kind. Rather than
	// remember the records seen, which costs a set as large as the
	// matches, a record met under a later key is recognised by the
	// earlier keys it also holds.
	inWindow := func(e *entry) bool { return e.at >= lo && e.at <= hi }
	identical := func(e *entry) bool {
		return okExact && e.flags&hasExact != 0 && e.exact == exact && inWindow(e)
	}
	normalized := func(e *entry) bool {
		return okNorm && e.flags&hasNorm != 0 && e.norm == normKey && inWindow(e)
	}
	var buf [MaxVisits]int32
	pos, all := ix.exact.last(hitsExact, buf[:])
	for _, i := range pos {
		if e := &ix.entries[i]; identical(e) {
			fn(Hit{Kind: Identical, Similarity: 1, ix: ix, pos: i, at: e.at})
		}
	}
	pos, more := ix.norm.last(hitsNorm, buf[:])
	all = all && more
	for _, i := range pos {
		if e := &ix.entries[i]; normalized(e) && !identical(e) {
			fn(Hit{Kind: Normalized, Similarity: 1, ix: ix, pos: i, at: e.at})
		}
	}
	if errSig != nil {
		return all
	}
	for b, h := range hitsBands {
		pos, more := ix.bands.last(h, buf[:])
		all = all && more
		for _, i := range pos {
			e := &ix.entries[i]
			if e.flags&hasSig == 0 || e.sig.nums != sig.nums || !inWindow(e) || identical(e) || normalized(e) {
				continue
			}
			if sig.sameBand(&e.sig, b) {
				continue // visited under an earlier band
			}
			if s := sig.similarity(&e.sig); s >= NearThreshold {
				fn(Hit{Kind: Near, Similarity: s, ix: ix, pos: i, at: e.at})
			}
		}
	}
	return all
}

// sameBand reports whether o agrees with s on one of the bands before
// band b. Their number fingerprints being equal, o then holds that band's
// key, and a lookup of s meets it under that key first. (A band key is a
// 64-bit hash of the band; keys equal for unequal bands are left aside.)
func (s *signature) sameBand(o *signature, b int) bool {
	for i := 0; i < b*bandRows; i += bandRows {
		if [bandRows]uint8(s.mins[i:]) == [bandRows]uint8(o.mins[i:]) {
			return true
		}
	}
	return false
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
	r.ID = ix.id(i)
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
