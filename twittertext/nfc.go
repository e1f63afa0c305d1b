package twittertext

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// golang.org/x/text normalises in the Stream-Safe Text Format: after 30
// non-starters it inserts U+034F COMBINING GRAPHEME JOINER. JavaScript's
// String.prototype.normalize does not, so a post with a long run of
// combining marks ("Zalgo" text) would count one character more per 30
// marks. Segments are therefore cut here, and the rare long ones composed
// by the plain algorithm of UAX #15 instead.

// maxSegmentRunes bounds the decomposed segments left to x/text: its
// buffer holds 32 code points, and it inserts U+034F when a segment
// outgrows it or holds more than 30 non-starters.
const maxSegmentRunes = 30

// segmentEnd returns the end of the normalisation segment that starts at
// pos (a boundary) and how many code points its decomposition has.
func segmentEnd(text string, pos int) (end, runes int) {
	p := norm.NFC.PropertiesString(text[pos:])
	end = pos + max(p.Size(), 1)
	runes = decomposedLen(p)
	for end < len(text) {
		q := norm.NFC.PropertiesString(text[end:])
		if q.Size() == 0 || q.BoundaryBefore() {
			break
		}
		runes += decomposedLen(q)
		end += q.Size()
	}
	return end, runes
}

func decomposedLen(p norm.Properties) int {
	if d := p.Decomposition(); d != nil {
		return utf8.RuneCount(d)
	}
	return 1
}

// appendNFC appends the NFC form of one segment to out, as JavaScript
// computes it.
func appendNFC(out []byte, it *norm.Iter, seg string, runes int) []byte {
	if runes <= maxSegmentRunes {
		it.InitString(norm.NFC, seg)
		for !it.Done() {
			out = append(out, it.Next()...)
		}
		return out
	}
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
			if comp, ok := composePair(it, starter, r); ok {
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
	var buf [utf8.UTFMax]byte
	return norm.NFD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).CCC()
}

// composePair returns the primary composite of a and b, if there is one.
func composePair(it *norm.Iter, a, b rune) (rune, bool) {
	var buf [2 * utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], a)
	n += utf8.EncodeRune(buf[n:], b)
	it.Init(norm.NFC, buf[:n])
	seg := it.Next()
	r, size := utf8.DecodeRune(seg)
	if size == len(seg) && it.Done() && r != a {
		return r, true
	}
	return 0, false
}
