package history

import (
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"

	"github.com/xlint/xlint/internal/memo"
	"github.com/xlint/xlint/twittertext"
)

// trackingParams are query parameters that identify the click, not the page;
// X sees two posts differing only in them as the same post.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "ref_src": true, "ref_url": true, "igshid": true,
	"igsh": true, "si": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"twclid": true, "ttclid": true, "wt.mc_id": true,
}

// Normalize returns the form of text in which X's duplicate check sees two
// posts as the same: NFKC, format characters (zero-width spaces and joiners,
// BOM, word joiner, bidi marks), variation selectors and emoji skin-tone
// modifiers removed, case folded, emoji, symbols and punctuation dropped,
// whitespace collapsed to single spaces, and every URL canonicalised
// (scheme, "www." and trailing slash dropped, host lowercased, tracking
// parameters removed, remaining parameters sorted).
//
// Apostrophes inside words are deleted ("don't" and "dont" are one word);
// other punctuation separates words ("hello,world" is "hello world").
// A text made only of emoji and symbols would normalise to nothing and so
// equal every other such text; it normalises instead to its emoji with
// invisible characters, variation selectors and skin tones removed.
func Normalize(text string) string {
	s := normText(text)
	return s
}

// normText is Normalize.
//
// It runs once for every post checked and every record loaded without
// fingerprints, so it avoids the general machinery where it can: ASCII
// text is already NFKC and holds no invisible characters, other text is
// put through NFKC one segment at a time only where a rune may change
// (nfkcVisible), and the words and URLs are written straight into one
// buffer with single spaces between them instead of being collected,
// split and joined again.
func normText(text string) string {
	sc := getScratch()
	s := string(sc.normalize(text))
	putScratch(sc)
	return s
}

// normScratch holds the buffers normText works in, reused from text to
// text rather than allocated for each.
type normScratch struct {
	nfkc []byte // the text after NFKC and stripInvisible
	seg  []byte // one segment as norm returns it
	url  []byte // one canonical URL
	out  []byte // the normalised text
	// iter normalises a segment: Form.AppendString allocates its
	// working buffer, near a kilobyte, at every call, Iter keeps it.
	iter norm.Iter
	// segs remembers what short segments become (segment): a run of
	// posts meets the same letters with the same marks over and over,
	// nine times in ten in the corpus. It is cleared when full.
	segs map[string]string
}

// Segments of up to maxCachedSeg bytes go into normScratch.segs, which
// holds up to maxSegs of them.
const (
	maxCachedSeg = 32
	maxSegs      = 1024
)

// appendSegment appends the NFKC of seg, a segment of several runes,
// without its invisible characters.
func (sc *normScratch) appendSegment(b []byte, seg string) []byte {
	if v, ok := sc.segs[seg]; ok {
		return append(b, v...)
	}
	sc.seg = sc.seg[:0]
	for sc.iter.InitString(norm.NFKC, seg); !sc.iter.Done(); {
		sc.seg = append(sc.seg, sc.iter.Next()...)
	}
	start := len(b)
	b = appendVisible(b, sc.seg)
	if len(seg) <= maxCachedSeg {
		if sc.segs == nil || len(sc.segs) >= maxSegs {
			sc.segs = make(map[string]string, maxSegs)
		}
		sc.segs[strings.Clone(seg)] = string(b[start:])
	}
	return b
}

var scratchPool = sync.Pool{New: func() any { return new(normScratch) }}

func getScratch() *normScratch { return scratchPool.Get().(*normScratch) }

func putScratch(sc *normScratch) {
	// A huge text's buffers would stay around for good: let them go.
	const keep = 64 << 10
	if cap(sc.nfkc) > keep || cap(sc.seg) > keep || cap(sc.out) > keep || cap(sc.url) > keep {
		return
	}
	scratchPool.Put(sc)
}

// normalize returns Normalize(text) in sc.out, valid until its next use.
func (sc *normScratch) normalize(text string) []byte {
	s := text
	if !isASCII(s) {
		s = sc.nfkcVisible(s)
	}
	w := wordWriter{buf: sc.out[:0]}
	last := 0
	for e := range twittertext.URLs(s) {
		w.words(s[last:e.Start])
		w.brk()
		sc.url = appendCanonicalURL(sc.url[:0], s[e.Start:e.End])
		w.fields(sc.url)
		w.brk()
		last = e.End
	}
	w.words(s[last:])
	if len(w.buf) == 0 {
		// Emoji-only posts keep their emoji so that they still differ.
		w.buf = append(w.buf, strings.Join(strings.Fields(s), " ")...)
	}
	sc.out = w.buf
	return w.buf
}

// nfkcVisible returns stripInvisible(norm.NFKC.String(text)).
//
// NFKC works on segments, each beginning at a rune that combines with
// nothing before it (runeBoundary), and the NFKC of a text is that of its
// segments one after the other. Most segments are a single rune, which
// NFKC leaves alone or maps to a fixed string that runeBlock keeps; only a
// segment of several runes (a letter and its combining marks, Hangul
// jamo) goes through norm. Removing invisible characters after NFKC is the
// same as removing them from each segment's NFKC.
func (sc *normScratch) nfkcVisible(text string) string {
	b := sc.nfkc[:0]
	changed := false
	seg, segOut := 0, 0 // where the last segment begins in text and in b
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			// ASCII: unchanged, visible, each byte a segment.
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf {
				j++
			}
			b = append(b, text[i:j]...)
			seg, segOut = j-1, len(b)-1
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && n == 1 {
			// Invalid UTF-8, which stripInvisible turns into U+FFFD
			// only when it removes something: the general way.
			return stripInvisible(norm.NFKC.String(text))
		}
		blk := blockOf(r)
		info := blk.info[r&63]
		if info&runeBoundary != 0 {
			seg, segOut = i, len(b)
			switch {
			case info&runeNFKC != 0:
				// Right unless the next rune joins this segment, which
				// then goes through norm below.
				b = append(b, blk.nfkc[r&63]...)
				changed = true
			case info&runeInvisible != 0:
				changed = true
			default:
				b = append(b, text[i:i+n]...)
			}
			i += n
			continue
		}
		// r belongs to the segment begun at seg: normalise that segment,
		// up to the next boundary, with norm.
		j := i + n
		for j < len(text) && text[j] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == utf8.RuneError && n == 1 {
				return stripInvisible(norm.NFKC.String(text))
			}
			if blockOf(r).info[r&63]&runeBoundary != 0 {
				break
			}
			j += n
		}
		b = sc.appendSegment(b[:segOut], text[seg:j])
		changed = true
		i = j
	}
	sc.nfkc = b
	if !changed {
		return text
	}
	// The text lives in sc.nfkc, which is written again only by the next
	// call: normalize reads it until then and keeps nothing of it (what
	// it writes, it copies; idnaHost's cache clones), so it is not copied
	// out, which was a tenth of a check's garbage.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// isASCII reports whether s is all ASCII, which NFKC, invisible-character
// stripping and IDNA leave alone.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stripInvisible drops format characters (Cf: ZWSP, ZWJ, ZWNJ, BOM, word
// joiner, bidi controls, tag characters), variation selectors and emoji
// skin-tone modifiers: none of them changes what a reader sees as the text.
//
// When it drops something it also turns each byte of invalid UTF-8 into
// U+FFFD, as strings.Map, which it used to call, does; when it drops
// nothing it returns s unchanged.
func stripInvisible(s string) string {
	first := -1
	for i, r := range s {
		if isInvisible(r) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	from := 0
	if utf8.ValidString(s[:first]) {
		// Nothing to replace before the first invisible character.
		b, from = append(b, s[:first]...), first
	}
	for i, r := range s[from:] {
		i += from
		switch {
		case r == utf8.RuneError:
			// U+FFFD itself or a byte of invalid UTF-8: either way U+FFFD.
			b = utf8.AppendRune(b, r)
		case i >= first && isInvisible(r):
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

func isInvisible(r rune) bool {
	if r < 0x80 || r > unicode.MaxRune || maybeInvisible[(r>>6)/64]&(1<<((r>>6)%64)) == 0 {
		// Most text, in any script, has no invisible character among the
		// 64 code points around each of its characters.
		return false
	}
	switch {
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		return true
	case r == 0x034F: // combining grapheme joiner
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// maybeInvisible has bit n set when the 64 code points from n*64 hold one
// for which isInvisible is true.
var maybeInvisible = func() (m [(unicode.MaxRune + 1) / 64 / 64]uint64) {
	set := func(lo, hi, stride uint32) {
		for r := lo; r <= hi; r += stride {
			m[(r>>6)/64] |= 1 << ((r >> 6) % 64)
		}
	}
	for _, rg := range unicode.Cf.R16 {
		set(uint32(rg.Lo), uint32(rg.Hi), uint32(rg.Stride))
	}
	for _, rg := range unicode.Cf.R32 {
		set(rg.Lo, rg.Hi, rg.Stride)
	}
	set(0xFE00, 0xFE0F, 1)
	set(0xE0100, 0xE01EF, 1)
	set(0x1F3FB, 0x1F3FF, 1)
	set(0x034F, 0x034F, 1)
	return m
}()

// wordWriter builds a normalised text: tokens separated by single spaces,
// with no space at either end. It gives what strings.Join(strings.Fields(x),
// " ") gives for x the tokens with any run of spaces between them.
type wordWriter struct {
	buf []byte
	gap bool // a word break is pending
}

// brk ends the current token.
func (w *wordWriter) brk() { w.gap = true }

// sep writes the pending word break, if any, before a token's next byte.
func (w *wordWriter) sep() {
	if w.gap {
		if len(w.buf) > 0 {
			w.buf = append(w.buf, ' ')
		}
		w.gap = false
	}
}

func (w *wordWriter) byte(c byte) {
	w.sep()
	w.buf = append(w.buf, c)
}

// fields writes s as strings.Fields splits it; canonical URLs rarely hold
// a space, but the lowercased raw link of a URL that does not parse might.
func (w *wordWriter) fields(s []byte) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				w.brk()
			} else {
				w.byte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			w.brk()
		} else {
			w.sep()
			w.buf = append(w.buf, s[i:i+n]...)
		}
		i += n
	}
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// words case-folds s and writes its letters, marks and digits, turning
// everything else (punctuation, symbols, emoji, spaces) into word breaks.
// An apostrophe is dropped unless it begins or ends s: "don't" == "dont".
//
// Case folding (cases.Fold) maps each rune on its own, never to nothing,
// and leaves ASCII punctuation and the apostrophes alone, so s is folded
// rune by rune: ASCII bytes are lowercased in place, other runes take
// their folding from runeBlock. Whether an apostrophe begins or ends s is
// the same before and after.
func (w *wordWriter) words(s string) {
	if s == "" {
		return
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				w.byte(c)
			case c >= 'A' && c <= 'Z':
				w.byte(c + 'a' - 'A')
			case c == '\'' && i > 0 && i+1 < len(s):
				// Drop an apostrophe between letters: "don't" == "dont".
			default:
				w.brk()
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u2019':
			if i == 0 || i+n == len(s) {
				w.brk()
			}
		case r == utf8.RuneError:
			// U+FFFD itself or a byte of invalid UTF-8: not a letter.
			w.brk()
		default:
			blk := blockOf(r)
			switch info := blk.info[r&63]; {
			case info&runeFolds != 0:
				w.folded(blk.fold[r&63])
			case info&runeWord != 0:
				w.sep()
				w.buf = append(w.buf, s[i:i+n]...)
			default:
				w.brk()
			}
		}
		i += n
	}
	w.brk()
}

// folded writes the case folding of one rune as words does.
func (w *wordWriter) folded(f string) {
	for _, r := range f {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				w.byte(byte(r))
			} else {
				w.brk()
			}
		case blockOf(r).info[r&63]&runeWord != 0:
			w.sep()
			w.buf = utf8.AppendRune(w.buf, r)
		default:
			w.brk()
		}
	}
}

// mayFold reports whether cases.Fold might change r.
func mayFold(r rune) bool {
	return r < foldLimit && foldBlocks[(r>>6)/64]&(1<<((r>>6)%64)) != 0
}

// foldLimit bounds the code points that case folding changes (the last
// are Adlam's, U+1E900-U+1E921); TestFoldBlocks checks every code point.
const foldLimit = 0x20000

// foldBlocks has bit n set when the 64 code points from n*64 hold one that
// cases.Fold changes: most scripts (CJK, Arabic, Indic, emoji) have no
// case, and their text need not go through cases.Fold at all. Working it
// out (cases.Fold over every code point) took 2 ms, more than checking a
// draft, so it is written out here; TestFoldBlocks checks every code point
// that cases.Fold changes against it, so an x/text update cannot slip by.
var foldBlocks = [foldLimit / 64 / 64]uint64{
	0x00000000007fe3fc, 0xff0400000000c00c, 0x000f0000000c0070, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x00006000f6000000, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x1000100000000000,
	0x00040000006d0000, 0x0000000400000000, 0x0000000000000000, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x0200000000000000, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
	0x0000000000000000, 0x0000000000000000, 0x0000001000000000, 0x0000000000000000,
}

// canonicalURL rewrites one URL as found in a post so that links X treats
// as the same page compare equal.
func canonicalURL(raw string) string { return string(appendCanonicalURL(nil, raw)) }

// appendCanonicalURL appends canonicalURL(raw) to dst: normalize writes it
// into a buffer it reuses, where a string would be garbage at once.
func appendCanonicalURL(dst []byte, raw string) []byte {
	if b, ok := appendSimpleCanonicalURL(dst, raw); ok {
		return b
	}
	s := raw
	if !strings.Contains(s, "://") {
		if strings.HasPrefix(strings.ToLower(s), "mailto:") || strings.Contains(s, "@") && !strings.Contains(s, "/") {
			return append(dst, strings.ToLower(s)...)
		}
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return append(dst, strings.ToLower(raw)...)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	// One host, two spellings: "münchen.de" and "xn--mnchen-3ya.de".
	// An ASCII host without an "xn--" label comes back from ToASCII
	// unchanged or with an error, which keeps it unchanged too: skip the
	// call, which costs more than the rest of canonicalURL together.
	if !isASCII(host) || strings.Contains(host, "xn--") {
		if a, err := idna.Lookup.ToASCII(host); err == nil {
			host = a
		}
	}
	host = strings.TrimPrefix(host, "www.")
	dst = append(dst, host...)
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		dst = append(append(dst, ':'), p...)
	}
	dst = append(dst, strings.TrimRight(u.EscapedPath(), "/")...)
	dst = appendQuery(dst, u.RawQuery)
	if u.Fragment != "" {
		dst = append(append(dst, '#'), u.EscapedFragment()...)
	}
	return dst
}

// appendQuery appends the query of a canonical URL: "?" and the
// parameters of rawQuery but the tracking ones, sorted; nothing when none
// is left.
func appendQuery(dst []byte, rawQuery string) []byte {
	if rawQuery == "" {
		return dst
	}
	var space [8]string // most queries have a few parameters
	kept := space[:0]
	for p := range strings.SplitSeq(rawQuery, "&") {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if isTracking(k) {
			continue
		}
		kept = append(kept, p)
	}
	slices.Sort(kept)
	for i, p := range kept {
		if i == 0 {
			dst = append(dst, '?')
		} else {
			dst = append(dst, '&')
		}
		dst = append(dst, p...)
	}
	return dst
}

// isTracking reports whether a query parameter named k identifies the
// click rather than the page: utm_* and trackingParams, in any case.
func isTracking(k string) bool {
	if !isASCII(k) {
		// The Kelvin sign lowercases to "k": "m\u212At_tok" is mkt_tok.
		k = strings.ToLower(k)
		return strings.HasPrefix(k, "utm_") || trackingParams[k]
	}
	if len(k) >= 4 && strings.EqualFold(k[:4], "utm_") {
		return true
	}
	var lower [16]byte // longer than any of trackingParams
	if len(k) > len(lower) {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return trackingParams[string(lower[:len(k)])]
}

// appendSimpleCanonicalURL is appendCanonicalURL for the common shapes of
// link, and false for any other: an optional scheme of letters and "://",
// a host of ASCII letters, digits, dots, hyphens and underscores or of
// non-ASCII bytes, an optional port of digits, a path of the characters
// url.URL.EscapedPath writes as they are (no "%"), an optional query of
// printable ASCII and an optional fragment of the characters
// url.URL.EscapedFragment writes as they are. url.Parse returns such a
// URL's parts as they are written, and neither escapes nor unescapes
// anything in them, so they are cut here without it, saving its
// allocations. Most links of the corpus have a port, a fragment or an
// internationalised host (a third of them), which canonicalURL used to
// send through url.Parse.
func appendSimpleCanonicalURL(dst []byte, raw string) ([]byte, bool) {
	rest := raw
	if i := strings.Index(raw, "://"); i >= 0 {
		if i == 0 || !allBytes(raw[:i], letterByte) {
			return dst, false
		}
		rest = raw[i+3:]
	} else if strings.Contains(raw, "@") || len(raw) >= 7 && strings.EqualFold(raw[:7], "mailto:") {
		return dst, false // maybe an e-mail address, which canonicalURL lowercases
	}
	// url.Parse cuts the fragment first, then the query.
	rest, frag, _ := strings.Cut(rest, "#")
	rest, query, _ := strings.Cut(rest, "?")
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	host, port, _ := strings.Cut(host, ":")
	if host == "" || !allBytes(host, hostByte) || !allBytes(port, digitByte) ||
		!allBytes(path, anyPathByte) || !allBytes(query, queryByte) || !allBytes(frag, fragmentByte) {
		return dst, false
	}
	// A path of pathBytes comes out as it is. One with other bytes (a
	// non-ASCII letter, "|") is not a valid encoding of itself: then
	// EscapedPath escapes all but the plainPathBytes, sub-delimiters too.
	escapePath := !allBytes(path, pathByte)
	if isASCII(host) && !containsFold(host, "xn--") {
		// The host needs no IDNA mapping (TestASCIIHostSkipsIDNA): it is
		// lowercased here byte by byte.
		host = strings.TrimSuffix(host, ".")
		if len(host) >= 4 && strings.EqualFold(host[:4], "www.") {
			host = host[4:]
		}
	} else {
		host = idnaHost(host)
	}
	if port == "80" || port == "443" {
		port = ""
	}
	path = strings.TrimRight(path, "/")
	for i := 0; i < len(host); i++ {
		c := host[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	if port != "" {
		dst = append(append(dst, ':'), port...)
	}
	if escapePath {
		const hex = "0123456789ABCDEF"
		for i := 0; i < len(path); i++ {
			if c := path[i]; urlBytes[c]&plainPathByte != 0 {
				dst = append(dst, c)
			} else {
				dst = append(dst, '%', hex[c>>4], hex[c&15])
			}
		}
	} else {
		dst = append(dst, path...)
	}
	dst = appendQuery(dst, query)
	if frag != "" {
		dst = append(append(dst, '#'), frag...)
	}
	return dst, true
}

// idnaHost returns the host of a URL as canonicalURL writes it, without
// "www.", for one that may need IDNA mapping: lowercased, trailing dot
// dropped, then through idna.Lookup.ToASCII. The mapping costs more than
// the rest of canonicalURL together, and a run of posts links to the
// same internationalised hosts over and over: it is remembered.
func idnaHost(raw string) string {
	if h, ok := idnaCache.Get(raw); ok {
		return h
	}
	host := strings.TrimSuffix(strings.ToLower(raw), ".")
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a
	}
	host = strings.TrimPrefix(host, "www.")
	idnaCache.Put(raw, strings.Clone(host)) // host may be a piece of raw
	return host
}

// idnaCache maps hosts as written to idnaHost's result, for the several
// goroutines NewRecord runs on at once; like hostlist's, with room to
// spare.
var idnaCache = memo.Strings{Max: 1 << 14}

// allBytes reports whether every byte of s is in the class of urlBytes
// that mask selects.
func allBytes(s string, mask uint8) bool {
	for i := 0; i < len(s); i++ {
		if urlBytes[s[i]]&mask == 0 {
			return false
		}
	}
	return true
}

// Classes of bytes in the parts of a link simpleCanonicalURL takes: one
// table lookup a byte instead of a chain of comparisons.
const (
	// letterByte: the ASCII letters.
	letterByte = 1 << iota
	// digitByte: the ASCII digits.
	digitByte
	// hostByte: the ASCII letters, digits, ".", "-" and "_", and the
	// bytes of non-ASCII characters, which url.Parse takes in a host as
	// they are.
	hostByte
	// pathByte: the unreserved characters, "/", the sub-delimiters, ":",
	// "@", "[" and "]", which url.URL.EscapedPath writes as they are
	// (validEncoded).
	pathByte
	// queryByte: printable ASCII but "#", which would begin a fragment.
	queryByte
	// fragmentByte: pathByte and "?", which url.URL.EscapedFragment
	// writes as they are.
	fragmentByte
	// plainPathByte: the bytes url.URL.EscapedPath never escapes, the
	// unreserved characters and "$&+,/:;=@".
	plainPathByte
	// anyPathByte: the bytes simpleCanonicalURL takes in a path, escaped
	// or not: printable ASCII but "%", and all of non-ASCII.
	anyPathByte
)

var urlBytes = func() (t [256]uint8) {
	for c := range 256 {
		var k uint8
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			k = letterByte | hostByte | pathByte | fragmentByte
		case '0' <= c && c <= '9':
			k = digitByte | hostByte | pathByte | fragmentByte
		case c == '.' || c == '-' || c == '_':
			k = hostByte | pathByte | fragmentByte
		case c >= utf8.RuneSelf:
			k = hostByte
		case strings.IndexByte("~/!$&'()*+,;=:@[]", byte(c)) >= 0:
			k = pathByte | fragmentByte
		case c == '?':
			k = fragmentByte
		}
		if '!' <= c && c <= '~' && c != '#' {
			k |= queryByte
		}
		if '!' <= c && c <= '~' && c != '%' || c >= utf8.RuneSelf {
			k |= anyPathByte
		}
		if k&pathByte != 0 && strings.IndexByte("!'()*[]", byte(c)) < 0 {
			k |= plainPathByte
		}
		t[c] = k
	}
	return t
}()

// containsFold reports whether s holds sub, ASCII case aside.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// fingerprint is FNV-1a 64 of s. It is not cryptographic; collisions between
// the posts of one history (2^-64 per pair) are not a practical concern.
func fingerprint[T string | []byte](s T) uint64 {
	return fnvAdd(fnvOffset64, s)
}

// fingerprint2 returns the fingerprints of a and b. FNV-1a is one chain
// of multiplications, each waiting for the one before: hashing the two
// together in one loop runs two chains at once, in the time of the longer.
func fingerprint2(a string, b []byte) (fa, fb uint64) {
	fa, fb = fnvOffset64, fnvOffset64
	n := min(len(a), len(b))
	a2, b2 := a[:n], b[:n]
	for i := range n {
		fa = (fa ^ uint64(a2[i])) * fnvPrime64
		fb = (fb ^ uint64(b2[i])) * fnvPrime64
	}
	return fnvAdd(fa, a[n:]), fnvAdd(fb, b[n:])
}

// FNV-1a 64 parameters, as hash/fnv uses them. Hashing inline avoids
// hash/fnv's interface calls and the copy of s into a []byte.
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// hex64 writes v as 16 lowercase hex digits, zero-padded, in one
// allocation.
func hex64(v uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[v&0xF]
		v >>= 4
	}
	return string(b[:])
}

// ExactKey is the fingerprint of the exact text as posted, surrounding
// whitespace trimmed: FNV-1a 64, as 16 lowercase hex digits.
func ExactKey(text string) string { return hex64(fingerprint(strings.TrimSpace(text))) }

// NormKey is the fingerprint of Normalize(text): FNV-1a 64, as 16
// lowercase hex digits.
func NormKey(text string) string { return hex64(fingerprint(Normalize(text))) }
