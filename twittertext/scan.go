package twittertext

import (
	"math/bits"
	"unicode/utf8"
)

// Helpers for the scanners' hot loops: posts are mostly ASCII words
// between characters of two or three bytes, and these two cases are worth
// handling without utf8's general decoder.

// asciiEnd returns the index of the first byte at or after p in s that is
// not ASCII, or len(s). It tests eight bytes at a time (the compiler loads
// them as one word), and finds the byte in the word that ends the run from
// its high bit: ASCII runs in posts are short, and a byte at a time to the
// end of the word cost as much as the search.
func asciiEnd(s string, p int) int {
	for p+8 <= len(s) {
		w := s[p : p+8]
		v := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if high := v & 0x8080808080808080; high != 0 {
			// w[0] is the low byte of v, so the lowest high bit set is the
			// first byte that is not ASCII.
			return p + bits.TrailingZeros64(high)/8
		}
		p += 8
	}
	for p < len(s) && s[p] < utf8.RuneSelf {
		p++
	}
	return p
}

// decodeRune is utf8.DecodeRuneInString(s[p:]) for a non-ASCII s[p],
// decoding valid sequences itself and leaving the invalid ones to utf8.
func decodeRune(s string, p int) (rune, int) {
	c := s[p]
	switch {
	case c >= 0xC2 && c < 0xE0:
		if p+1 < len(s) && s[p+1]&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(s[p+1]&0x3F), 2
		}
	case c >= 0xE0 && c < 0xF0:
		if p+2 < len(s) {
			c1, c2 := s[p+1], s[p+2]
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			// Overlong forms and surrogates are invalid, as for utf8.
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	case c >= 0xF0 && c < 0xF5:
		if p+3 < len(s) {
			c1, c2, c3 := s[p+1], s[p+2], s[p+3]
			r := rune(c&0x07)<<18 | rune(c1&0x3F)<<12 | rune(c2&0x3F)<<6 | rune(c3&0x3F)
			// Overlong forms and code points past U+10FFFF are invalid.
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && c3&0xC0 == 0x80 && r >= 0x10000 && r <= utf8.MaxRune {
				return r, 4
			}
		}
	}
	return utf8.DecodeRuneInString(s[p:])
}

// decodeAt is utf8.DecodeRuneInString(s[p:]) for p < len(s).
func decodeAt(s string, p int) (rune, int) {
	if c := s[p]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decodeRune(s, p)
}
