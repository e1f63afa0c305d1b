package twittertext

import (
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// This file holds the character classes of twitter-text's regular
// expressions. twitter-text compiles them with JavaScript's "i" flag and
// without "u", so a class matches every UTF-16 code unit whose JavaScript
// case-canonical form equals that of a member: the classes below are those
// closures, computed once, so that "Ⱥ" matches a class listing "ⱥ" exactly
// where JavaScript says it does.

// bmpSet is a set of BMP code points.
type bmpSet [0x10000 / 64]uint64

func (s *bmpSet) add(r rune)      { s[r>>6] |= 1 << (uint(r) & 63) }
func (s *bmpSet) has(r rune) bool { return r >= 0 && r < 0x10000 && s[r>>6]&(1<<(uint(r)&63)) != 0 }

// multiUpper lists the code points whose full upper case has several code
// points; JavaScript's canonicalisation leaves them unchanged.
var multiUpper = [][2]rune{
	{0xDF, 0xDF}, {0x149, 0x149}, {0x1F0, 0x1F0}, {0x390, 0x390}, {0x3B0, 0x3B0}, {0x587, 0x587},
	{0x1E96, 0x1E9A}, {0x1F50, 0x1F50}, {0x1F52, 0x1F52}, {0x1F54, 0x1F54}, {0x1F56, 0x1F56},
	{0x1F80, 0x1FAF}, {0x1FB2, 0x1FB4}, {0x1FB6, 0x1FB7}, {0x1FBC, 0x1FBC}, {0x1FC2, 0x1FC4},
	{0x1FC6, 0x1FC7}, {0x1FCC, 0x1FCC}, {0x1FD2, 0x1FD3}, {0x1FD6, 0x1FD7}, {0x1FE2, 0x1FE4},
	{0x1FE6, 0x1FE7}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FF7}, {0x1FFC, 0x1FFC}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17},
}

// jsCanon is ECMAScript's Canonicalize for case-insensitive, non-unicode
// regular expressions: the upper case, unless that takes several code
// points or maps a non-ASCII character to ASCII.
func jsCanon(r rune) rune {
	if r < 0x80 {
		if r >= 'a' && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	}
	// multiUpper lies in three stretches; most scripts are outside them.
	if r <= 0x587 || r >= 0x1E96 && r <= 0x1FFC || r >= 0xFB00 && r <= 0xFB17 {
		for _, m := range multiUpper {
			if r >= m[0] && r <= m[1] {
				return r
			}
		}
	}
	u := unicode.ToUpper(r)
	if r >= 128 && u < 128 {
		return r
	}
	return u
}

// caseClass is a class of twitter-text's regular expressions under
// JavaScript's "i" flag: the BMP code points whose case-canonical form is
// that of a member. Walking all 65,536 code points to build such a class
// took 6 ms, more than checking a post, so each block of 64 code points is
// worked out on first use: a process that checks one post pays only for
// the blocks its characters fall in. Blocks are computed at most a few
// times over under concurrent use, always to the same value.
type caseClass struct {
	canon bmpSet // the case-canonical forms of the members
	done  [0x10000 / 64]atomic.Bool
	bits  [0x10000 / 64]atomic.Uint64
}

func newCaseClass(ranges ...[2]rune) *caseClass {
	c := new(caseClass)
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			c.canon.add(jsCanon(r))
		}
	}
	return c
}

func (c *caseClass) has(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	i := r >> 6
	if !c.done[i].Load() {
		var w uint64
		for k := range rune(64) {
			cp := i<<6 | k
			if (cp < 0xD800 || cp > 0xDFFF) && c.canon.has(jsCanon(cp)) {
				w |= 1 << uint(k)
			}
		}
		c.bits[i].Store(w)
		c.done[i].Store(true)
	}
	return c.bits[i].Load()&(1<<(uint(r)&63)) != 0
}

// latinAccentRanges is twitter-text's latinAccentChars.
var latinAccentRanges = [][2]rune{
	{0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0xFF}, {0x100, 0x24F}, {0x253, 0x254}, {0x256, 0x257},
	{0x259, 0x259}, {0x25B, 0x25B}, {0x263, 0x263}, {0x268, 0x268}, {0x26F, 0x26F}, {0x272, 0x272},
	{0x289, 0x289}, {0x28B, 0x28B}, {0x2BB, 0x2BB}, {0x300, 0x36F}, {0x1E00, 0x1EFF},
}

var (
	classesOnce sync.Once
	// latinSet is latinAccentChars under the "i" flag (non-ASCII part).
	latinSet *caseClass
	// latinCyrSet adds cyrillicLettersAndMarks (U+0400-U+04FF).
	latinCyrSet *caseClass
)

func initClasses() {
	classesOnce.Do(func() {
		latinSet = newCaseClass(latinAccentRanges...)
		latinCyrSet = newCaseClass(append(slices.Clip(latinAccentRanges), [2]rune{0x400, 0x4FF})...)
	})
}

// isPathChar is validGeneralUrlPathChars' non-ASCII part: latinCyrSet
// and the en dash.
func isPathChar(r rune) bool { return r == 0x2013 || latinCyrSet.has(r) }

// isPunct reports whether r is in twitter-text's punct class. It lacks '"'
// and '`', so those are valid domain characters there.
func isPunct(r rune) bool {
	switch r {
	case '!', '\'', '#', '%', '&', '(', ')', '*', '+', ',', '\\', '-', '.', '/', ':', ';', '<', '=', '>', '?', '@', '[', ']', '^', '_', '{', '|', '}', '~', '$':
		return true
	}
	return false
}

// isSpace reports whether r is in twitter-text's spacesGroup.
func isSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20, r == 0x85, r == 0xA0, r == 0x1680, r == 0x180E,
		r >= 0x2000 && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// isInvalidChar reports whether r is in twitter-text's invalidCharsGroup.
func isInvalidChar(r rune) bool { return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF }

// isDirectional reports whether r is in twitter-text's directionalMarkersGroup.
func isDirectional(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || r == 0x61C || r == 0x200E || r == 0x200F || (r >= 0x2066 && r <= 0x2069)
}

// isDomainChar is validDomainChars: anything but punctuation, spaces,
// invalid characters and directional marks.
func isDomainChar(r rune) bool {
	if r < 0x80 {
		return r != 0x20 && !isPunct(r) && !(r >= 0x09 && r <= 0x0D)
	}
	return !isSpace(r) && !isInvalidChar(r) && !isDirectional(r)
}

// isURLPrecedingChar is the first alternative of validUrlPrecedingChars.
func isURLPrecedingChar(r rune) bool {
	if r < 0x80 {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '@' || r == '$' || r == '#')
	}
	return r != 0xFF20 && r != 0xFF03 && !isInvalidChar(r)
}

// isASCIIDomainChar is the label class of validAsciiDomain: [-a-z0-9] and
// latinAccentChars, case-insensitively.
func isASCIIDomainChar(r rune) bool {
	if r < 0x80 {
		return r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return latinSet.has(r)
}

// isTLDFollower is the lookahead after a TLD: [^0-9a-zA-Z@+-].
func isTLDFollower(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '@' || r == '+' || r == '-')
}

// ASCII tables of the classes above, for the scanners' byte loops.
var (
	domainASCII       [utf8.RuneSelf]bool // isDomainChar
	labelRunASCII     [utf8.RuneSelf]bool // isDomainChar, '_' and '-'
	urlPrecedingASCII [utf8.RuneSelf]bool // isURLPrecedingChar
)

func init() {
	for c := range rune(utf8.RuneSelf) {
		domainASCII[c] = isDomainChar(c)
		labelRunASCII[c] = domainASCII[c] || c == '_' || c == '-'
		urlPrecedingASCII[c] = isURLPrecedingChar(c)
	}
}

func isASCIIAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
