package twittertext

import (
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Entity is something found in a text. Start and End are byte offsets into
// the original (not NFC-normalised) Go string, End exclusive.
type Entity struct {
	Text       string
	Start, End int
}

// appendEntities appends es to out, doubling out when it is full. Go's
// append grows a large slice by a quarter at a time, so the millions of
// mentions or links of a hostile post would allocate five times what is
// kept; doubling allocates twice.
func appendEntities(out []Entity, es ...Entity) []Entity {
	if len(out)+len(es) > cap(out) {
		grown := make([]Entity, len(out), max(2*cap(out), len(out)+len(es), 4))
		copy(grown, out)
		out = grown
	}
	return append(out, es...)
}

// Result is what Parse reports about a post.
type Result struct {
	// WeightedLength is twitter-text's parseTweet weightedLength (the
	// weighted sum divided by Config.Scale, rounded down).
	WeightedLength int
	// Valid is parseTweet's valid: not empty, within the maximum and free of
	// the characters twitter-text refuses (U+FFFE, U+FEFF, U+FFFF).
	Valid bool
	// ValidEnd is the byte offset in the original text where the longest
	// valid prefix ends, so the first character past the limit starts
	// there; it is len(text) when the text is within the maximum. Like
	// parseTweet's validRangeEnd it also stops before the first refused
	// character.
	ValidEnd int
	// URLs are the URLs counted, found in the NFC text as ExtractURLs finds
	// them; Start and End are mapped back to the original text and Text is
	// the original text of that span.
	URLs []Entity
}

// offsetMap maps byte offsets of the NFC form of a text back to the text.
// The NFC text is a sequence of chunks: runs copied unchanged, and
// normalised segments that map to their source segment as a whole. The
// zero offsetMap maps a text already in NFC to itself.
type offsetMap struct {
	// chunks in order; the last one marks the end of both texts.
	chunks []chunk
}

type chunk struct {
	nfc, orig int  // where the chunk starts in each text
	copied    bool // whether it is an unchanged copy
}

// isNFCStable reports whether r is NFC quick-check "yes", has canonical
// combining class 0 and combines with nothing before it: a text made of
// such code points is in NFC whatever surrounds them, and each is a
// normalisation boundary. Nearly every code point is; nfcDoubt, worked out
// from golang.org/x/text at development time (see nfcStableRune), lists
// those below U+20000 that are not, so that quickSpan asks norm's quick
// check only about combining marks and their like. Above U+1FFFF only the
// tags, which emoji flags use, are taken as stable; norm checks the rest.
func isNFCStable(r rune) bool {
	if r < 0x20000 {
		return !nfcDoubt.has(r)
	}
	return r >= 0xE0020 && r <= 0xE007F
}

// maxStretch bounds how far quickSpan looks for the end of a stretch of
// other code points before handing the rest to norm, keeping it linear.
const maxStretch = 256

// spanCache is what quickSpan remembers across calls on suffixes of one
// text, as len(text) minus a position, which survives re-slicing; -1 is
// unknown.
type spanCache struct {
	stretchEnd int // where the current stretch of other code points ends
	invalid    int // the next byte of invalid UTF-8 (len(text) for none)
}

func newSpanCache() spanCache { return spanCache{-1, -1} }

// quickSpan returns n such that text[:n] is in NFC, as
// norm.NFC.QuickSpanString, checking stable code points itself and asking
// norm only about the stretches between them. A byte of invalid UTF-8
// stands for itself and composes with nothing.
func quickSpan(text string, sc *spanCache) int {
	p := 0
	for p < len(text) {
		c := text[p]
		if c < utf8.RuneSelf {
			p = asciiEnd(text, p+1)
			continue
		}
		// Valid two-, three- and four-byte characters are decoded here,
		// as the call to decodeRune would cost as much as the rest.
		// nfcDoubt holds the surrogates, which are invalid; U+FFFD goes
		// on to the general case, as utf8 also returns it for errors.
		switch {
		case c >= 0xC2 && c < 0xE0 && p+1 < len(text):
			if c1 := text[p+1]; c1&0xC0 == 0x80 && !nfcDoubt.has(rune(c&0x1F)<<6|rune(c1&0x3F)) {
				p += 2
				continue
			}
		case c >= 0xE0 && c < 0xF0 && p+2 < len(text):
			c1, c2 := text[p+1], text[p+2]
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && r >= 0x800 && r != utf8.RuneError && !nfcDoubt.has(r) {
				p += 3
				continue
			}
		case c == 0xF0 && p+3 < len(text):
			// U+10000..U+3FFFF; the stable ones are below U+20000.
			c1, c2, c3 := text[p+1], text[p+2], text[p+3]
			r := rune(c1&0x3F)<<12 | rune(c2&0x3F)<<6 | rune(c3&0x3F)
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && c3&0xC0 == 0x80 && r >= 0x10000 && r < 0x20000 && !nfcDoubt.has(r) {
				p += 4
				continue
			}
		}
		r, size := decodeRune(text, p)
		if isNFCStable(r) && r != utf8.RuneError || invalidByte(r, size) {
			// A byte of invalid UTF-8 stands for itself and composes
			// with nothing: a boundary, like a stable code point.
			p += size
			continue
		}
		// A stretch of other code points, from the stable one before it
		// (a boundary) to the next stable one (also a boundary).
		from := p
		if p > 0 {
			if r, prev := utf8.DecodeLastRuneInString(text[:p]); !invalidByte(r, prev) {
				from = p - prev
			}
		}
		q := len(text) - sc.stretchEnd
		if sc.stretchEnd < 0 || q <= p {
			q = p + size
			for q < len(text) && q-p < maxStretch {
				c := text[q]
				if c < utf8.RuneSelf {
					break
				}
				r, size := decodeAt(text, q)
				if isNFCStable(r) && r != utf8.RuneError || invalidByte(r, size) {
					break
				}
				q += size
			}
			if q-p >= maxStretch {
				// A long stretch (a run of combining marks, say): norm's
				// own quick check, which stops at the first doubtful
				// segment.
				sc.stretchEnd = -1
				// x/text takes a byte of invalid UTF-8 for a starter (or,
				// at the end, for part of a cut-off character) and reads
				// on: ask it only up to the next one, found once.
				inv := len(text) - sc.invalid
				if sc.invalid < 0 || inv < from {
					inv = len(text)
					if i := firstInvalid(text[from:]); i >= 0 {
						inv = from + i
					}
					sc.invalid = len(text) - inv
				}
				return from + norm.NFC.QuickSpanString(text[from:inv])
			}
			sc.stretchEnd = len(text) - q
		}
		if n := norm.NFC.QuickSpanString(text[from:q]); n < q-from {
			return from + n
		}
		p = q
	}
	return p
}

// invalidByte reports whether r and size, as decodeRune returns them,
// stand for a byte of invalid UTF-8.
func invalidByte(r rune, size int) bool { return r == utf8.RuneError && size == 1 }

// firstInvalid returns the offset of the first byte of invalid UTF-8 in s,
// or -1.
func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if invalidByte(r, size) {
			return i
		}
		i += size
	}
	return -1
}

// normalize returns the NFC form of text and, when it differs, the map
// back to text's offsets, whose chunks it appends to buf (nil will do).
// Already normal runs are copied as they are and only the segments around
// them are normalised.
//
// An NFC text that differs from text lives in a buffer of nfcBufPool, not
// copied out: it is garbage once Parse returns (Parse's URLs take their
// text from text). The caller puts back the buffer, when normalize
// returns one, once done with the NFC text, or leaves it to the collector.
func normalize(text string, buf []chunk) (string, offsetMap, *[]byte) {
	sc := newSpanCache()
	k := quickSpan(text, &sc)
	if k == len(text) {
		return text, offsetMap{}, nil
	}
	// The chunks are appended to a local slice, not through a pointer, so
	// that buf may live on the caller's stack.
	chunks := buf[:0]
	// The NFC text is built in a buffer reused from one text to the next.
	bp := nfcBufPool.Get().(*[]byte)
	out := (*bp)[:0]
	changed := false // whether a segment's NFC differs from it
	for pos := 0; pos < len(text); {
		if k > 0 {
			chunks = append(chunks, chunk{len(out), pos, true})
			out = append(out, text[pos:pos+k]...)
			pos += k
			if pos == len(text) {
				break
			}
		}
		if r, size := utf8.DecodeRuneInString(text[pos:]); invalidByte(r, size) {
			// Invalid UTF-8 stays as it is (quickSpan stops before such a
			// byte only after a long stretch).
			chunks = append(chunks, chunk{len(out), pos, true})
			out = append(out, text[pos])
			pos++
			k = quickSpan(text[pos:], &sc)
			continue
		}
		end := segmentEnd(text, pos)
		// The segment starts and ends at boundaries, so it normalises on
		// its own (TestNormalize checks the result).
		n := len(out)
		out = appendNFC(out, text[pos:end])
		// A segment the quick check doubted but NFC left alone ("क़")
		// maps one to one.
		same := string(out[n:]) == text[pos:end]
		changed = changed || !same
		chunks = append(chunks, chunk{n, pos, same})
		pos = end
		k = quickSpan(text[pos:], &sc)
	}
	chunks = append(chunks, chunk{len(out), len(text), false})
	*bp = out
	if !changed {
		// NFC left every doubted segment alone (a text with "क़", say):
		// the text is its own NFC. The map stays, as the identity in two
		// chunks, since Parse takes the URLs' text from the original text
		// only when there is one.
		putNFCBuf(bp)
		return text, offsetMap{append(chunks[:0], chunk{0, 0, true}, chunk{len(text), len(text), false})}, nil
	}
	return unsafe.String(unsafe.SliceData(out), len(out)), offsetMap{chunks}, bp
}

// putNFCBuf puts a buffer of normalize's back into nfcBufPool, unless it
// grew too big to keep.
func putNFCBuf(bp *[]byte) {
	if bp != nil && cap(*bp) <= maxPooledNFC {
		nfcBufPool.Put(bp)
	}
}

// nfcBufPool holds the buffers normalize builds the NFC text in.
var nfcBufPool = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledNFC bounds the buffers kept in nfcBufPool, so that one huge
// text does not pin its buffer for good.
const maxPooledNFC = 1 << 16

// chunk returns the index of the chunk holding NFC offset x.
func (m *offsetMap) chunk(x int) int {
	i := sort.Search(len(m.chunks), func(i int) bool { return m.chunks[i].nfc > x }) - 1
	return max(0, min(i, len(m.chunks)-1))
}

// start maps an NFC offset to the original, rounding down to the start of
// a normalised segment.
func (m *offsetMap) start(x int) int {
	if m.chunks == nil {
		return x
	}
	c := m.chunks[m.chunk(x)]
	if c.copied {
		return c.orig + x - c.nfc
	}
	return c.orig
}

// end maps an NFC offset to the original, rounding up to the end of a
// normalised segment.
func (m *offsetMap) end(x int) int {
	if m.chunks == nil {
		return x
	}
	i := m.chunk(x)
	c := m.chunks[i]
	switch {
	case c.copied:
		return c.orig + x - c.nfc
	case x == c.nfc || i+1 == len(m.chunks):
		return c.orig
	default:
		return m.chunks[i+1].orig
	}
}

// Parse measures text as twitter-text's parseTweet does with config c (nil
// means V3, the default): NFC first, each URL counts c.TransformedURLLength,
// each emoji sequence c.DefaultWeight when c.EmojiParsingEnabled, and every
// other code point the weight of its range. Offsets are in the original
// text. A byte of invalid UTF-8 (which a post cannot hold: drafts are
// checked for it) stands for itself, composes with nothing and weighs as
// U+FFFD.
func Parse(text string, c *Config) Result {
	if c == nil {
		c = V3 // not DefaultConfig, which copies
	}
	// The map rarely has more chunks than this, and lives on the stack.
	var chunkBuf [16]chunk
	nt, m, ntBuf := normalize(text, chunkBuf[:0])
	var res Result
	res.URLs = extractURLs(nt, nil)
	emojiOn := c.EmojiParsingEnabled
	scale := c.Scale
	if scale <= 0 {
		scale = 1
	}
	limit := c.MaxWeightedTweetLength * scale
	asciiWeight, asciiUniform := c.asciiWeight()
	weighted := 0
	valid := true
	validEnd := 0
	ui := 0                 // next URL to consider
	lowSurrogate := rune(0) // the half of a pair a URL's length left unread
	// Emoji are matched one after the other, as twemoji's global expression
	// finds them: a match starts at or after ee, the end of the one before.
	// Those starting inside a URL are skipped, as parseTweet skips them,
	// but the scan still resumes after them.
	ee := 0
	// addASCII counts the ASCII characters nt[i:j] at once, when they all
	// weigh asciiWeight, and moves validEnd as counting them one by one
	// would.
	addASCII := func(i, j int) {
		w0 := weighted
		weighted += (j - i) * asciiWeight
		if valid {
			if weighted <= limit {
				validEnd = j
			} else if w0 <= limit {
				validEnd = i + (limit-w0)/asciiWeight // asciiWeight > 0 here
			}
		}
	}
	for i := 0; i < len(nt) || lowSurrogate != 0; {
		itemEnd := i
		if lowSurrogate != 0 {
			weighted += c.weight(lowSurrogate)
			lowSurrogate = 0
		} else {
			for ui < len(res.URLs) && res.URLs[ui].Start < i {
				ui++
			}
			if ui < len(res.URLs) && res.URLs[ui].Start == i {
				u := res.URLs[ui]
				weighted += c.TransformedURLLength * scale
				// parseTweet skips the length of the URL's text, which is
				// its span except in one rare protocol-less case.
				if end := i + len(u.Text); end <= len(nt) && nt[i:end] == u.Text {
					itemEnd = end
				} else {
					itemEnd, lowSurrogate = skipUTF16(nt, i, utf16Len(u.Text))
				}
				if emojiOn {
					for from := max(ee, i); ; {
						s, e := emoji.next(nt, from, itemEnd)
						if s < 0 {
							break
						}
						ee, from = e, e
					}
				}
			} else {
				// Characters, one by one, up to the next URL or emoji.
				stop := len(nt)
				if ui < len(res.URLs) {
					stop = res.URLs[ui].Start
				}
				e := -1 // the end of an emoji at i
				for i < stop {
					b := nt[i]
					if b < utf8.RuneSelf {
						j := i + 1
						if asciiUniform {
							j = asciiEnd(nt[:stop], j)
						}
						// Only a keycap starts in ASCII, and it needs a
						// non-ASCII character next.
						if k := j - 1; emojiOn && k >= ee && j < len(nt) && nt[j] >= utf8.RuneSelf && emoji.lead[nt[k]] {
							if e = emoji.match(nt, k); e >= 0 {
								j = k
							}
						}
						if asciiUniform {
							addASCII(i, j)
							i = j
						} else if j > i {
							weighted += c.weight(rune(b))
							i++
							if valid && weighted <= limit {
								validEnd = i
							}
						}
						if e >= 0 {
							break
						}
						continue
					}
					r, size := decodeRune(nt, i)
					// The character is decoded anyway: whether an emoji
					// starts with it is two bits away.
					if emojiOn && i >= ee && (emoji.single.has(r) || emoji.start.has(r)) {
						if e = emoji.match(nt, i); e >= 0 {
							break
						}
					}
					if r >= 0x10000 {
						weighted += c.weight(0xD800 + (r-0x10000)>>10)
					} else {
						weighted += c.weight(r)
						if isInvalidChar(r) {
							valid = false
						}
					}
					i += size
					if valid && weighted <= limit {
						validEnd = i
					}
				}
				if e < 0 {
					continue // at the next URL or the end
				}
				weighted += c.DefaultWeight
				itemEnd, ee = e, e
			}
		}
		if valid && weighted <= limit {
			validEnd = itemEnd
		}
		i = itemEnd
	}
	res.WeightedLength = weighted / scale
	res.Valid = valid && weighted > 0 && weighted <= limit
	res.ValidEnd = m.start(validEnd)
	for k := range res.URLs {
		u := &res.URLs[k]
		if m.chunks != nil {
			u.Start, u.End = m.start(u.Start), m.end(u.End)
		}
		// The span as written, whether or not NFC changed the text:
		// ExtractURLs's text differs from it for a link without protocol
		// whose domain has non-ASCII labels, which twitter-text rebuilds
		// from an ASCII part of the domain ("fox.blog.пример.dev:80/"
		// gives "fox.blog:80/").
		u.Text = text[u.Start:u.End]
	}
	putNFCBuf(ntBuf) // nothing returned holds a piece of nt
	return res
}

// asciiWeight returns the weight every ASCII character has, when they all
// have the same.
func (c *Config) asciiWeight() (int, bool) {
	for _, r := range c.Ranges {
		if r.End < 0 || r.Start > 0x7F {
			continue
		}
		if r.Start <= 0 && r.End >= 0x7F {
			return r.Weight, true
		}
		return 0, false
	}
	return c.DefaultWeight, true
}

// skipUTF16 advances n UTF-16 code units from byte i of s. When that ends
// inside a supplementary character it returns the character's end and its
// low surrogate, which parseTweet then weighs on its own.
func skipUTF16(s string, i, n int) (int, rune) {
	for n > 0 && i < len(s) {
		r, size := decodeAt(s, i)
		i += size
		if r >= 0x10000 {
			if n == 1 {
				return i, 0xDC00 + (r-0x10000)&0x3FF
			}
			n -= 2
		} else {
			n--
		}
	}
	return i, 0
}
