package twittertext

import (
	"iter"
	"strings"
	"sync"
	"unicode/utf8"
)

// URL extraction, as twitter-text's extractUrlsWithIndices: its regular
// expression (extractUrl) walked the way JavaScript walks it, by hand so
// that it runs in linear time: the domain here, the port, path and query
// in tail.go. Tests check the hand-written parts against the expressions
// compiled by Go's regexp, whose leftmost-first semantics equal
// JavaScript's backtracking for them.

const (
	maxURLLength      = 4096 // twitter-text's MAX_URL_LENGTH, in UTF-16 units
	maxTcoSlugLength  = 40
	maxDNSLabelLength = 63
)

var initOnce sync.Once

func initURL() {
	initOnce.Do(func() {
		initClasses()
	})
}

// tcoEnd is validTcoUrl: for a URL on t.co it returns the end of
// "http(s)://t.co/slug?query" within url and the slug's length, or -1.
func tcoEnd(url string, domainEnd int) (end, slug int) {
	p := domainEnd
	if p >= len(url) || url[p] != '/' {
		return -1, 0
	}
	p++
	s := p
	for p < len(url) && isASCIIAlnum(url[p]) {
		p++
	}
	if p == s {
		return -1, 0
	}
	slug = p - s
	if p < len(url) && url[p] == '?' {
		last := -1
		for q := p + 1; q < len(url) && url[q] < utf8.RuneSelf && queryASCII[url[q]]; q++ {
			if qEndASCII[url[q]] {
				last = q + 1
			}
		}
		if last > 0 {
			p = last
		}
	}
	return p, slug
}

// domainScanner matches validDomain in one text, remembering what it learnt
// about labels so that each start position costs O(1) amortised.
type domainScanner struct {
	t string
	// The last run of label characters scanned.
	runStart, runEnd, runLastUnderscore int
	runLastIsDomainChar                 bool
	// memo maps a label start to 2 + the end of the domain matched from it
	// (1 for none, 0 for not known yet); set up only for chains of several
	// labels, from bufs.
	memo []int32
	// bufs holds the memo and the stack of long chains, taken from
	// scanBufsPool when first needed and handed back by release.
	bufs *scanBufs
	// lastQ and lastTLDq cache the most recent tail and TLD lookups.
	lastQ, lastRes, lastFailEnd int
	tailFailEnd                 int // set by tail
	lastTLDq, lastTLDRes        int
	// skip's caches: the last dot seen and where its label run starts.
	skipDot, skipRunStart int
	// failEnd is set by domainAt.
	failEnd int
}

// chainFrame is a label of the chain tail walks: where it starts, and
// whether it is a validDomainName. The next label starts where the next
// frame's does, or, after the last, where the walk stopped: not keeping it
// saves a third of the frames' memory, and a hostile chain ("a.a.a.…")
// has a label every two bytes of text.
type chainFrame struct {
	q    int
	name bool
}

// scanBufs are the buffers of long label chains ("a.a.a.…", which hostile
// posts are made of). They are as long as the text, and allocating them
// for each text was most of what URL extraction allocated, so they are
// reused from one text to the next.
type scanBufs struct {
	memo  []int32
	stack []chainFrame
}

var scanBufsPool = sync.Pool{New: func() any { return new(scanBufs) }}

// maxPooledMemo bounds the memo kept in the pool, so that one huge text
// does not pin its memo for good.
const maxPooledMemo = 1 << 16

// getBufs returns the scanner's buffers, taking them from the pool the
// first time.
func (d *domainScanner) getBufs() *scanBufs {
	if d.bufs == nil {
		d.bufs = scanBufsPool.Get().(*scanBufs)
	}
	return d.bufs
}

// release hands the scanner's buffers back to the pool; the scanner must
// not be used afterwards.
func (d *domainScanner) release() {
	b := d.bufs
	if b == nil {
		return
	}
	d.bufs, d.memo = nil, nil
	if cap(b.memo) > maxPooledMemo {
		b.memo = nil
	}
	if cap(b.stack) > maxPooledMemo {
		b.stack = nil
	}
	scanBufsPool.Put(b)
}

// run returns the run of [validDomainChars_-] starting at or containing i.
func (d *domainScanner) run(i int) {
	if i >= d.runStart && i < d.runEnd {
		return
	}
	d.runStart, d.runLastUnderscore, d.runLastIsDomainChar = i, -1, false
	t := d.t
	p := i
	for p < len(t) {
		if b := t[p]; b < utf8.RuneSelf {
			switch {
			case b == '_':
				d.runLastUnderscore = p
				d.runLastIsDomainChar = false
			case b == '-':
				d.runLastIsDomainChar = false
			case domainASCII[b]:
				d.runLastIsDomainChar = true
			default:
				d.runEnd = p
				return
			}
			p++
			continue
		}
		r, size := decodeRune(t, p)
		if !isDomainChar(r) {
			break
		}
		d.runLastIsDomainChar = true
		p += size
	}
	d.runEnd = p
}

// label describes the label starting at i: whether it is a validSubdomain
// (followed by '.'), a validDomainName, and where the next label starts.
// When it is not a validSubdomain, next is noLabelStart if no label can
// start at i, and -1 if the run of label characters i is in ends badly.
func (d *domainScanner) label(i int) (sub, name bool, next int) {
	if i >= len(d.t) {
		return false, false, noLabelStart
	}
	if b := d.t[i]; b < utf8.RuneSelf {
		if !domainASCII[b] {
			return false, false, noLabelStart
		}
	} else if r, _ := decodeRune(d.t, i); !isDomainChar(r) {
		return false, false, noLabelStart
	}
	d.run(i)
	if d.runEnd >= len(d.t) || d.t[d.runEnd] != '.' || !d.runLastIsDomainChar {
		return false, false, -1
	}
	return true, d.runLastUnderscore < i, d.runEnd + 1
}

// tail returns the end of the domain when the label at q (just after a '.')
// or a later one of the chain is the domain name, preferring the latest, as
// the greedy validSubdomain* does; -1 when there is none.
//
// When there is none and the whole chain was walked, tailFailEnd is the
// dot before its first label with an underscore, or its last dot: a
// domain starting in any of the labels before fails as well (see
// domainAt). Otherwise tailFailEnd is -1.
func (d *domainScanner) tail(q int) int {
	if q == d.lastQ {
		d.tailFailEnd = d.lastFailEnd
		return d.lastRes
	}
	var stackBuf [16]chainFrame
	stack := stackBuf[:0]
	long := false // whether the frames are in d.bufs.stack instead
	res := -1
	cur := q
	walked := true // the whole chain, not its end from the memo
	for {
		if d.memo != nil && cur < len(d.memo) && d.memo[cur] != 0 {
			res = int(d.memo[cur]) - 2
			walked = false
			break
		}
		sub, name, next := d.label(cur)
		if !sub {
			break
		}
		f := chainFrame{cur, name}
		switch {
		case long:
			d.bufs.stack = append(d.bufs.stack, f)
		case len(stack) < len(stackBuf):
			stack = append(stack, f)
		default:
			// A long chain: on in the pooled stack rather than in a
			// new one for each text.
			b := d.getBufs()
			b.stack = append(append(b.stack[:0], stack...), f)
			long = true
		}
		cur = next
	}
	if long {
		stack = d.bufs.stack
	}
	// Short chains are cheap to walk again; long ones (a.a.a.…) are
	// remembered so that every start stays O(1). The memo is as long as
	// the text, so "long" starts at a dozen labels: chains of a few
	// ("a.b.c.d.e.f.com") are common and not worth clearing it.
	if len(stack) >= 12 && d.memo == nil {
		b := d.getBufs()
		if cap(b.memo) < len(d.t)+1 {
			b.memo = make([]int32, len(d.t)+1)
		}
		d.memo = b.memo[:len(d.t)+1]
		clear(d.memo)
	}
	for i, next := len(stack)-1, cur; i >= 0; i-- {
		if res < 0 && stack[i].name {
			res = tldAt(d.t, next)
		}
		if d.memo != nil {
			d.memo[stack[i].q] = int32(res + 2)
		}
		next = stack[i].q
	}
	failEnd := -1
	if res < 0 && walked && len(stack) > 0 {
		failEnd = cur - 1
		for _, f := range stack {
			if !f.name {
				failEnd = f.q - 1
				break
			}
		}
	}
	d.lastQ, d.lastRes, d.lastFailEnd, d.tailFailEnd = q, res, failEnd, failEnd
	return res
}

const noLabelStart = -2

// domainAt returns the end of the validDomain starting at s, or -1.
//
// When there is none, failEnd tells how far on there is none either: a
// domain starting anywhere in the same run of label characters sees the
// same run end and the same labels after it, and differs only in whether
// an underscore comes before it (validDomainName allows none). So if the
// domain fails at s for a reason other than s's own character, it fails at
// every later start up to failEnd: the run's end, or its last underscore
// when that is at or after s. failEnd is -1 when nothing is known.
func (d *domainScanner) domainAt(s int) int {
	d.failEnd = -1
	sub, name, next := d.label(s)
	// s's run, before tail looks at the labels after it.
	runEnd, lastUnderscore := d.runEnd, d.runLastUnderscore
	if !sub {
		if next != noLabelStart {
			d.failEnd = runEnd
		}
		return -1
	}
	if e := d.tail(next); e >= 0 {
		return e
	}
	if name {
		if next != d.lastTLDq {
			d.lastTLDq, d.lastTLDRes = next, tldAt(d.t, next)
		}
		if d.lastTLDRes < 0 {
			// Every label of the chain was tried as the domain name
			// (tail), and so was s's: a domain starting in a later label
			// of the chain fails the same way, up to the first with an
			// underscore, which the tries skipped.
			d.failEnd = max(runEnd, d.tailFailEnd)
		}
		return d.lastTLDRes
	}
	d.failEnd = lastUnderscore
	return -1
}

// urlCandidate is one match of twitter-text's extractUrl expression.
type urlCandidate struct {
	before                 int // start of the preceding character ($2)
	start, end             int // the URL ($3)
	proto                  bool
	domainStart, domainEnd int
	path                   bool // the path group ($7) matched
	// midRune is set when JavaScript would start the URL at the low
	// surrogate of the supplementary character before domainStart.
	midRune bool
}

func hasProtocolAt(t string, s int) int {
	if s >= len(t) || t[s]|0x20 != 'h' {
		return -1
	}
	if len(t)-s >= 7 && strings.EqualFold(t[s:s+7], "http://") {
		return s + 7
	}
	if len(t)-s >= 8 && strings.EqualFold(t[s:s+8], "https://") {
		return s + 8
	}
	return -1
}

// urlAt matches the URL part of extractUrl at s.
func (d *domainScanner) urlAt(s int, c *urlCandidate) bool {
	ds := s
	de := -1
	if pe := hasProtocolAt(d.t, s); pe >= 0 {
		if de = d.domainAt(pe); de >= 0 {
			ds = pe
			c.proto = true
		}
	}
	if de < 0 {
		// Without the protocol the domain would start at "http", whose label
		// ends at ':', so only s itself is worth trying.
		if de = d.domainAt(s); de < 0 {
			return false
		}
		c.proto = false
	}
	c.start, c.domainStart, c.domainEnd = s, ds, de
	c.end, c.path = de, false
	if de < len(d.t) && (d.t[de] == ':' || d.t[de] == '/' || d.t[de] == '?') {
		c.end, c.path = matchTail(d.t, de)
	}
	return true
}

// next finds the next extractUrl match at or after from, as a global
// JavaScript regular expression's exec does.
func (d *domainScanner) next(from int, c *urlCandidate) bool {
	// Every domain holds a '.': skip returns len(t) past the last one.
	for p := from; p < len(d.t); {
		p = d.skip(p)
		size := 0
		if p < len(d.t) {
			if b := d.t[p]; b < utf8.RuneSelf && !urlPrecedingASCII[b] && p > 0 {
				// No URL follows this character, nor any of the ASCII
				// characters like it after it: on to the next other one.
				p++
				for p < len(d.t) && d.t[p] < utf8.RuneSelf && !urlPrecedingASCII[d.t[p]] {
					p++
				}
				continue
			}
			var r rune
			r, size = decodeAt(d.t, p)
			if isURLPrecedingChar(r) {
				if r >= 0x10000 {
					// JavaScript first tries the URL at the low surrogate.
					if d.urlAt(p, c) && !c.proto {
						c.before, c.midRune = p, true
						return true
					}
				}
				if d.urlAt(p+size, c) {
					c.before, c.midRune = p, false
					return true
				}
				if d.failEnd > p {
					// No URL starts up to failEnd (see domainAt): on to
					// the character there as the one before a URL.
					p = d.failEnd
					continue
				}
			}
		}
		if p == 0 && d.urlAt(0, c) {
			c.before, c.midRune = 0, false
			return true
		}
		if size == 0 {
			break
		}
		p += size
	}
	return false
}

// skip returns the first position at or after p where extractUrl could
// match. A match's domain starts in the run of label characters that ends
// at a '.', just after "://" when the protocol is before it, so the scan
// jumps to the character before the next such run or protocol. A dot with
// no label characters before it, or with none after it, ends no domain's
// first label: the runs before such dots are passed over ("...", "end.").
func (d *domainScanner) skip(p int) int {
	t := d.t
	lo := p // the answer is at or after lo
	// skipDot is still the first dot at or after lo when not behind it.
	if d.skipDot < lo && !d.findDot(lo, lo) {
		return len(t)
	}
	for {
		dot := d.skipDot
		cand := max(lo, d.skipRunStart)
		if r0 := d.skipRunStart; r0-3 >= lo && r0 < dot && t[r0-3] == ':' && t[r0-2] == '/' && t[r0-1] == '/' {
			// "://" just before the run: the match may start at the
			// protocol. (A protocol's domain starts right after "://",
			// and its first label runs to the next dot, so this is the
			// only run where it can.)
			proto := r0 - 3
			h := proto
			for h > lo && proto-h < len("https") && isASCIIAlnum(t[h-1]) {
				h--
			}
			cand = h
		} else if cand == dot || dot+1 == len(t) || t[dot+1] < utf8.RuneSelf && !domainASCII[t[dot+1]] {
			// No label before the dot or none after it: on to the next
			// dot, with this one as a possible preceding character. The
			// dots of a row ("...") have no label before them either.
			for dot+1 < len(t) && t[dot+1] == '.' {
				dot++
			}
			lo = dot
			if !d.findDot(dot+1, lo) {
				return len(t)
			}
			continue
		}
		if cand > lo {
			// Back up over the preceding character.
			_, size := utf8.DecodeLastRuneInString(t[:cand])
			cand = max(lo, cand-size)
		}
		return cand
	}
}

// findDot sets skipDot to the first dot at or after from and skipRunStart
// to the start of the run of label characters before it, not below lo. It
// reports false when there is no dot.
func (d *domainScanner) findDot(from, lo int) bool {
	t := d.t
	i := strings.IndexByte(t[from:], '.')
	if i < 0 {
		return false
	}
	dot := from + i
	r0 := dot
	underscore := -1 // the last '_' of the run
	lastIsDomainChar := false
	for r0 > lo {
		if b := t[r0-1]; b < utf8.RuneSelf {
			if !labelRunASCII[b] {
				break
			}
			if b == '_' && underscore < 0 {
				underscore = r0 - 1
			}
			if r0 == dot {
				lastIsDomainChar = domainASCII[b]
			}
			r0--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(t[:r0])
		if !isDomainChar(r) { // '_' and '-' are ASCII
			break
		}
		if r0 == dot {
			lastIsDomainChar = true
		}
		r0 -= size
	}
	d.skipDot, d.skipRunStart = dot, r0
	if r0 < dot {
		// The run is what run would find from any start in it (the same
		// characters decode backwards as forwards), so the first label
		// tried in it need not scan it again.
		d.runStart, d.runEnd, d.runLastUnderscore, d.runLastIsDomainChar = r0, dot, underscore, lastIsDomainChar
	}
	return true
}

// ExtractURLs returns the URLs in text as twitter-text's
// extractUrlsWithIndices finds them, with and without protocol. Text is the
// URL as twitter-text reports it; it differs from text[Start:End] only in
// the rare protocol-less case where twitter-text rebuilds it from an ASCII
// part of a longer non-ASCII domain. ExtractURLs does not normalise text.
func ExtractURLs(text string) []Entity {
	return extractURLs(text, nil)
}

func extractURLs(text string, out []Entity) []Entity {
	eachURL(text, func(e Entity) bool {
		out = appendEntities(out, e)
		return true
	})
	return out
}

// URLs yields the URLs ExtractURLs returns, one at a time, without
// collecting them: a caller that reads each once needs no slice as long as
// a text's links.
func URLs(text string) iter.Seq[Entity] {
	return func(yield func(Entity) bool) { eachURL(text, yield) }
}

// eachURL calls fn with each URL of text, in order, until fn returns
// false. Entities go to fn by value, so that the buffer a match's URLs are
// gathered in (protocol-less ones may give several) stays on the stack.
func eachURL(text string, fn func(Entity) bool) {
	d := &domainScanner{t: text, runStart: -1, runEnd: -1, lastQ: -1, lastTLDq: -1}
	// Every domain holds a '.'; skip starts from this first one.
	if !d.findDot(0, 0) {
		return
	}
	initURL()
	defer d.release()
	var c urlCandidate
	var buf [4]Entity
	for from := 0; from <= len(text) && d.next(from, &c); {
		from = c.end
		if c.end == c.before {
			from++ // cannot happen: a URL is never empty
		}
		for _, e := range d.accept(&c, buf[:0]) {
			if !fn(e) {
				return
			}
		}
	}
}

// accept applies extractUrlsWithIndices' checks to a match.
func (d *domainScanner) accept(c *urlCandidate, out []Entity) []Entity {
	t := d.t
	url := t[c.start:c.end]
	domain := t[c.domainStart:c.domainEnd]
	protoLen := c.domainStart - c.start
	if !c.proto {
		protoLen = len("https://")
	}
	// Most domains are plain ASCII ([-a-zA-Z0-9.]): their labels are their
	// own punycode, and the whole domain is its one validAsciiDomain.
	plain := !c.midRune && isPlainASCIIDomain(domain)
	if !validURLLength(url, domain, protoLen, c.midRune, plain) {
		return out
	}
	if c.proto {
		if !strings.EqualFold(domain, "t.co") {
			return append(out, Entity{Text: url, Start: c.start, End: c.end})
		}
		if end, slug := tcoEnd(url, c.domainEnd-c.start); end >= 0 {
			if slug > maxTcoSlugLength {
				return out
			}
			url = url[:end]
		}
		return append(out, Entity{Text: url, Start: c.start, End: c.start + len(url)})
	}
	// Protocol-less: refused after [-_./], and only its ASCII domains count.
	if c.before < c.start && !c.midRune {
		switch t[c.start-1] {
		case '-', '_', '.', '/':
			return out
		}
	}
	first := len(out)
	if plain {
		// nextASCIIDomain(domain, 0) would match it all: the greedy labels
		// reach the last dot, and the TLD after it, which validDomain
		// matched, ends the string (TestPlainASCIIDomain checks this).
		out = append(out, Entity{Text: domain, Start: c.domainStart, End: c.domainEnd})
	}
	asciiEnd := 0
	for p := 0; p < len(domain) && !plain; {
		ms, me := nextASCIIDomain(domain, p)
		if ms < 0 {
			break
		}
		// twitter-text locates the match with indexOf from the last end.
		at := strings.Index(domain[asciiEnd:], domain[ms:me]) + asciiEnd
		asciiEnd = at + (me - ms)
		out = append(out, Entity{Text: domain[ms:me], Start: c.domainStart + at, End: c.domainStart + asciiEnd})
		p = me
	}
	if len(out) == first {
		return out
	}
	if c.path {
		last := &out[len(out)-1]
		if last.End == c.domainEnd {
			last.Text = t[last.Start:c.end]
		} else {
			last.Text = last.Text + t[c.domainEnd:c.end]
		}
		last.End = c.end
	}
	return out
}

// validURLLength is isValidUrl: the domain's labels must punycode to 1..63
// characters, an "xn--" domain must hold an ASCII domain, and the URL with
// its protocol must fit MAX_URL_LENGTH.
func validURLLength(url, domain string, protoLen int, midRune, plain bool) bool {
	if plain {
		// Each label is its own punycode, and every UTF-16 unit a byte.
		start := 0
		for i := 0; i <= len(domain); i++ {
			if i == len(domain) || domain[i] == '.' {
				if n := i - start; n == 0 || n > maxDNSLabelLength {
					return false
				}
				start = i + 1
			}
		}
		return protoLen+len(url) <= maxURLLength || protoLen+utf16Len(url) <= maxURLLength
	}
	if strings.HasPrefix(domain, "xn--") {
		if s, _ := nextASCIIDomain(domain, 0); s < 0 {
			return false
		}
	}
	start := 0
	for i := 0; i <= len(domain); i++ {
		if i == len(domain) || domain[i] == '.' {
			if !labelFits(domain[start:i], start == 0 && midRune) {
				return false
			}
			start = i + 1
		}
	}
	// A URL has at most as many UTF-16 units as bytes.
	if protoLen+len(url) <= maxURLLength {
		return true
	}
	n := protoLen + utf16Len(url)
	if midRune {
		n--
	}
	return n <= maxURLLength
}

// nextASCIIDomain finds the first validAsciiDomain match in domain at or
// after p: (?:[-a-z0-9latinAccent]+\.)+ then a TLD, where the end of domain
// counts as the end of input.
func nextASCIIDomain(domain string, p int) (int, int) {
	var memo []int32 // as domainScanner.memo
	// after returns the match end when labels continue from q (just after a
	// '.'), preferring the longest chain, or -1.
	after := func(q int) int {
		type frame struct{ q, next int }
		var buf [8]frame
		stack := buf[:0]
		res := -1
		cur := q
		for {
			if memo != nil && cur < len(memo) && memo[cur] != 0 {
				res = int(memo[cur]) - 2
				break
			}
			e := asciiLabelEnd(domain, cur)
			if e < 0 {
				break
			}
			stack = append(stack, frame{cur, e + 1})
			cur = e + 1
		}
		if len(stack) >= 4 && memo == nil {
			memo = make([]int32, len(domain)+1)
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if res < 0 {
				res = tldAt(domain, stack[i].next)
			}
			if memo != nil {
				memo[stack[i].q] = int32(res + 2)
			}
		}
		return res
	}
	for p < len(domain) {
		r, size := decodeAt(domain, p)
		if !isASCIIDomainChar(r) {
			p += size
			continue
		}
		// Every start inside this run of label characters sees the same
		// labels after it, so the run succeeds at its start or not at all.
		e := asciiLabelEnd(domain, p)
		if e >= 0 {
			if end := after(e + 1); end >= 0 {
				return p, end
			}
			if end := tldAt(domain, e+1); end >= 0 {
				return p, end
			}
			p = e + 1
			continue
		}
		for p < len(domain) {
			r, size := decodeAt(domain, p)
			if !isASCIIDomainChar(r) {
				break
			}
			p += size
		}
	}
	return -1, -1
}

// asciiLabelEnd returns the index of the '.' ending a non-empty run of
// validAsciiDomain label characters at q, or -1.
func asciiLabelEnd(s string, q int) int {
	p := q
	for p < len(s) {
		r, size := decodeAt(s, p)
		if !isASCIIDomainChar(r) {
			break
		}
		p += size
	}
	if p == q || p >= len(s) || s[p] != '.' {
		return -1
	}
	return p
}

// isPlainASCIIDomain reports whether domain holds only [-a-zA-Z0-9.].
func isPlainASCIIDomain(domain string) bool {
	for i := 0; i < len(domain); i++ {
		if c := domain[i]; !isASCIIAlnum(c) && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func utf16Len(s string) int {
	// ASCII counts one unit a byte; the rest is decoded.
	i := asciiEnd(s, 0)
	n := i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := decodeAt(s, i)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}
