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
	var rs []rune
	for _, r := range seg {
		rs = append(rs, []rune(norm.NFD.String(string(r)))...)
	}
	ccc := func(r rune) int { return int(norm.NFD.PropertiesString(string(r)).CCC()) }
	// Canonical ordering: a stable sort of each run of non-starters.
	for i := 1; i < len(rs); i++ {
		c := ccc(rs[i])
		if c == 0 {
			continue
		}
		for j := i; j > 0; j-- {
			if p := ccc(rs[j-1]); p == 0 || p <= c {
				break
			}
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	// Canonical composition (the sample algorithm of UAX #15).
	starterPos, starter := 0, rs[0]
	lastClass := ccc(starter)
	if lastClass != 0 {
		lastClass = 256 // a segment starting with a non-starter has no starter
	}
	n := 1
	for _, r := range rs[1:] {
		class := ccc(r)
		if comp, ok := composePair(starter, r); ok && lastClass != 256 && (lastClass < class || lastClass == 0) {
			rs[starterPos], starter = comp, comp
			continue
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

// composePair returns the primary composite of a and b, if there is one.
func composePair(a, b rune) (rune, bool) {
	s := norm.NFC.String(string(a) + string(b))
	r, size := utf8.DecodeRuneInString(s)
	if size == len(s) && r != a {
		return r, true
	}
	return 0, false
}
