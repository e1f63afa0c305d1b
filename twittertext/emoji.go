package twittertext

import (
	"strings"
	"unicode/utf8"
)

//go:generate go test -run ^TestGeneratedTables$ -update

// The emoji matcher. twemoji's pattern is a finite language: it is expanded
// once into the set of sequences it matches, and matching takes the longest
// sequence at a position. For this pattern the longest sequence is the one
// JavaScript's first-match alternation picks (TestEmojiLongestIsFirst checks
// it against the pattern compiled by Go's regexp, which has the same
// leftmost-first semantics). The expansion is done at development time, by
// buildEmoji in tables_test.go, and kept in tables_generated.go.

// runeSet is a set of code points below 0x20000, where every emoji is.
type runeSet [0x20000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x20000 {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}
func (s *runeSet) has(r rune) bool { return r >= 0 && r < 0x20000 && s[r>>6]&(1<<(uint(r)&63)) != 0 }

type emojiTable struct {
	seqs      strIndex // sequences of two or more code points
	single    runeSet  // one-code-point emoji
	start     runeSet  // first code points of sequences of two or more
	cont      runeSet  // code points after the first in any sequence, but tags
	contTags  bool     // whether tags (U+E0020..U+E007F) continue sequences
	lookahead runeSet  // emoji only when no U+FE0E follows
	maxRunes  int
	// lead marks the UTF-8 lead bytes of emoji, so next can step over
	// other characters without decoding them.
	lead [256]bool
	// second refines lead for the other characters: bit b&0x3F of
	// second[c] is set when an emoji's encoding starts with c and then b,
	// so that scripts sharing a lead byte with emoji (U+3000..U+3FFF with
	// U+3030, say) are passed over without decoding.
	second [256]uint64
}

// matchEmoji returns the end of the emoji sequence starting at p in s, or -1.
func (t *emojiTable) match(s string, p int) int {
	r, size := rune(s[p]), 1
	if r >= utf8.RuneSelf {
		r, size = decodeRune(s, p)
	}
	if r < 0x80 {
		// Only keycaps start in ASCII, and they need U+FE0F or U+20E3 next.
		if !(r == '#' || r == '*' || r >= '0' && r <= '9') || p+size >= len(s) || s[p+size] != 0xEF && s[p+size] != 0xE2 {
			return -1
		}
	}
	single, start := t.single.has(r), t.start.has(r)
	if !single && !start {
		return -1
	}
	end1 := p + size
	if start {
		var ends [16]int
		n := 0
		prev := r
		for q := end1; q < len(s) && n+1 < t.maxRunes && n < len(ends); {
			c, sz := rune(s[q]), 1
			if c >= utf8.RuneSelf {
				c, sz = decodeRune(s, q)
			}
			if !t.cont.has(c) && !(t.contTags && c >= 0xE0020 && c <= 0xE007F) || !emojiJoins(prev, c, n == 0) {
				break
			}
			prev = c
			q += sz
			ends[n] = q
			n++
		}
		for k := n - 1; k >= 0; k-- {
			if t.seqs.has(s[p:ends[k]]) {
				return ends[k]
			}
		}
	}
	if !single {
		return -1
	}
	if t.lookahead.has(r) && strings.HasPrefix(s[end1:], "\uFE0E") {
		return -1
	}
	return end1
}

// emojiJoins reports whether c can follow prev in an emoji sequence, c
// being the sequence's second code point when second is set: only
// modifiers, joiners, keycap and tag characters follow an emoji, except
// right after a zero width joiner or as the second regional indicator of a
// flag. Every sequence of the table keeps to this (TestEmojiJoins), and it
// stops match from gathering a row of emoji ("❤️❤️❤️", whose hearts can
// also end a sequence) only to look each prefix up.
func emojiJoins(prev, c rune, second bool) bool {
	switch {
	case c == 0xFE0F || c == 0x20E3 || c == 0x200D || c >= 0x1F3FB && c <= 0x1F3FF || c >= 0xE0020 && c <= 0xE007F:
		return true
	case prev == 0x200D:
		return true
	}
	return second && prev >= 0x1F1E6 && prev <= 0x1F1FF && c >= 0x1F1E6 && c <= 0x1F1FF
}

// next returns the first emoji starting at or after p and before end in s
// as [start, end), or start == -1; it scans as twemoji's global regular
// expression does.
func (t *emojiTable) next(s string, p, end int) (int, int) {
	for p < end {
		c := s[p]
		if c < utf8.RuneSelf {
			// Only a keycap starts in ASCII, and it needs a non-ASCII
			// character next: of a run of ASCII only the last one can.
			q := asciiEnd(s[:end], p+1)
			if q < len(s) && s[q] >= utf8.RuneSelf && t.lead[s[q-1]] {
				if e := t.match(s, q-1); e >= 0 {
					return q - 1, e
				}
			}
			p = q
			continue
		}
		if p+1 < len(s) && t.second[c]&(1<<(s[p+1]&0x3F)) != 0 {
			if e := t.match(s, p); e >= 0 {
				return p, e
			}
		}
		// On to the next byte that can start a character: every emoji
		// starts at one, even in invalid UTF-8.
		p++
		for p < len(s) && s[p]&0xC0 == 0x80 {
			p++
		}
	}
	return -1, -1
}

// strIndex is a set of strings built at development time: an open-addressing
// hash table whose slots hold one more than the index of their key in keys,
// or 0 for an empty slot. len(slots) is a power of two at least twice
// len(keys), so probes stay short.
type strIndex struct {
	keys  []string
	slots []uint16
}

// strHash is 32-bit FNV-1a.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func (x *strIndex) has(s string) bool {
	m := uint32(len(x.slots) - 1)
	for i := strHash(s) & m; ; i = (i + 1) & m {
		k := x.slots[i]
		if k == 0 {
			return false
		}
		if x.keys[k-1] == s {
			return true
		}
	}
}
