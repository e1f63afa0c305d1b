package twittertext

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// golang.org/x/text normalises in the Stream-Safe Text Format: after 30
// non-starters it inserts U+034F COMBINING GRAPHEME JOINER. JavaScript's
// String.prototype.normalize does not, so a post with a long run of
// combining marks ("Zalgo" text) would count one character more per 30
// marks. Segments are therefore cut here and composed by the plain
// algorithm of UAX #15, with x/text's data: decompositions and combining
// classes from norm.Properties, and the pairs that compose derived from
// them once (TestCompositionPairs checks them against norm.NFC).

// markInfo caches what normalisation needs to know about the combining
// diacritical marks (U+0300..U+036F), the marks posts use most, so that
// long runs of them ("Zalgo" text) skip x/text's trie.
type markInfo struct {
	ccc      uint8
	boundary bool   // starts a segment of its own (only U+034F)
	decomp   []rune // canonical decomposition, nil for none
}

var marks [0x70]markInfo

func init() {
	for r := rune(0x300); r < 0x370; r++ {
		p := norm.NFD.PropertiesString(string(r))
		mi := markInfo{ccc: p.CCC(), boundary: norm.NFC.PropertiesString(string(r)).BoundaryBefore()}
		if d := p.Decomposition(); d != nil {
			mi.decomp = []rune(string(d))
		}
		marks[r-0x300] = mi
	}
}

func isMark(r rune) bool { return r >= 0x300 && r < 0x370 }

// segmentEnd returns the end of the normalisation segment that starts at
// pos (a boundary): the code points up to the next one that starts a
// segment of its own.
func segmentEnd(text string, pos int) int {
	end := pos + 1 // an ASCII starter, the most common
	if text[pos] >= utf8.RuneSelf {
		end = pos + max(norm.NFC.PropertiesString(text[pos:]).Size(), 1)
	}
	for end < len(text) {
		if c := text[end]; c == 0xCC || c == 0xCD {
			// U+0300..U+037F: a combining diacritical mark, probably.
			if r, size := utf8.DecodeRuneInString(text[end:]); isMark(r) {
				if marks[r-0x300].boundary {
					break
				}
				end += size
				continue
			}
		}
		q := norm.NFC.PropertiesString(text[end:])
		if q.Size() == 0 || q.BoundaryBefore() {
			break
		}
		if r, size := utf8.DecodeRuneInString(text[end:]); r == utf8.RuneError && size == 1 {
			break // invalid UTF-8 composes with nothing
		}
		end += q.Size()
	}
	return end
}

// appendNFC appends the NFC form of one segment to out, as JavaScript
// computes it.
func appendNFC(out []byte, seg string) []byte {
	initComposition()
	// Canonical decomposition, one code point at a time (each is short).
	var rsBuf [128]rune
	rs := rsBuf[:0]
	for _, r := range seg {
		rs = appendDecomposed(rs, r)
	}
	var classBuf [128]uint8
	classes := classBuf[:0]
	for _, r := range rs {
		classes = append(classes, cccOf(r))
	}
	// Canonical ordering: a stable sort of each run of non-starters.
	for i := 1; i < len(rs); i++ {
		c := classes[i]
		if c == 0 {
			continue
		}
		for j := i; j > 0; j-- {
			if p := classes[j-1]; p == 0 || p <= c {
				break
			}
			rs[j], rs[j-1] = rs[j-1], rs[j]
			classes[j], classes[j-1] = classes[j-1], classes[j]
		}
	}
	// Canonical composition (the sample algorithm of UAX #15).
	starterPos, starter := 0, rs[0]
	lastClass := int(classes[0])
	if lastClass != 0 {
		lastClass = 256 // a segment starting with a non-starter has no starter
	}
	n := 1
	for i, r := range rs[1:] {
		class := int(classes[i+1])
		if lastClass < class || lastClass == 0 {
			if comp, ok := composePair(starter, r); ok {
				rs[starterPos], starter = comp, comp
				continue
			}
		}
		if class == 0 {
			starterPos, starter = n, r
		}
		lastClass = class
		rs[n] = r
		n++
	}
	for _, r := range rs[:n] {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// Hangul syllables decompose by arithmetic (Unicode 3.12).
const (
	hangulBase = 0xAC00
	hangulEnd  = 0xD7A4
	jamoLBase  = 0x1100
	jamoVBase  = 0x1161
	jamoTBase  = 0x11A7
	jamoTCount = 28
	jamoNCount = 588
)

// appendDecomposed appends the canonical decomposition of r.
func appendDecomposed(rs []rune, r rune) []rune {
	if isMark(r) {
		if d := marks[r-0x300].decomp; d != nil {
			return append(rs, d...)
		}
		return append(rs, r)
	}
	if r < 0xC0 {
		return append(rs, r) // nothing below U+00C0 decomposes canonically
	}
	if r >= hangulBase && r < hangulEnd {
		s := r - hangulBase
		rs = append(rs, jamoLBase+s/jamoNCount, jamoVBase+(s%jamoNCount)/jamoTCount)
		if t := s % jamoTCount; t != 0 {
			rs = append(rs, jamoTBase+t)
		}
		return rs
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if d == nil {
		return append(rs, r)
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		rs = append(rs, c)
		d = d[size:]
	}
	return rs
}

func cccOf(r rune) uint8 {
	if isMark(r) {
		return marks[r-0x300].ccc
	}
	if r < 0x300 {
		return 0
	}
	var buf [utf8.UTFMax]byte
	return norm.NFD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).CCC()
}

var (
	compositionOnce sync.Once
	// compositions maps the pairs that compose canonically (a starter and
	// the code point that follows it) to their primary composite; Hangul
	// is left to arithmetic.
	compositions map[[2]rune]rune
)

func initComposition() {
	compositionOnce.Do(func() {
		m := make(map[[2]rune]rune, 1024)
		var buf [utf8.UTFMax]byte
		for r := rune(0xC0); r < 0x30000; r++ {
			if r >= 0xD800 && r < 0xE000 || r >= hangulBase && r < hangulEnd {
				continue
			}
			b := buf[:utf8.EncodeRune(buf[:], r)]
			d := norm.NFD.Properties(b).Decomposition()
			// A primary composite is a decomposable code point NFC keeps.
			if d == nil || !norm.NFC.IsNormal(b) {
				continue
			}
			last, size := utf8.DecodeLastRune(d)
			first := norm.NFC.Bytes(d[:len(d)-size])
			a, n := utf8.DecodeRune(first)
			if n != len(first) {
				continue
			}
			m[[2]rune{a, last}] = r
		}
		compositions = m
	})
}

// composePair returns the primary composite of a and b, if there is one.
func composePair(a, b rune) (rune, bool) {
	if a >= jamoLBase && a < jamoLBase+19 && b >= jamoVBase && b < jamoVBase+21 {
		return hangulBase + ((a-jamoLBase)*21+(b-jamoVBase))*jamoTCount, true
	}
	if a >= hangulBase && a < hangulEnd && (a-hangulBase)%jamoTCount == 0 && b > jamoTBase && b < jamoTBase+jamoTCount {
		return a + (b - jamoTBase), true
	}
	c, ok := compositions[[2]rune{a, b}]
	return c, ok
}
