package twittertext

import (
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// The emoji matcher. twemoji's pattern is a finite language: it is expanded
// once into the set of sequences it matches, and matching takes the longest
// sequence at a position. For this pattern the longest sequence is the one
// JavaScript's first-match alternation picks (TestEmojiLongestIsFirst checks
// it against the pattern compiled by Go's regexp, which has the same
// leftmost-first semantics).

// runeSet is a set of code points below 0x20000, where every emoji is.
type runeSet [0x20000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x20000 {
		s[r>>6] |= 1 << (uint(r) & 63)
	}
}
func (s *runeSet) has(r rune) bool { return r >= 0 && r < 0x20000 && s[r>>6]&(1<<(uint(r)&63)) != 0 }

type emojiTable struct {
	seqs      map[string]struct{} // sequences of two or more code points
	single    runeSet             // one-code-point emoji
	start     runeSet             // first code points of sequences of two or more
	cont      runeSet             // code points after the first in any sequence, but tags
	contTags  bool                // whether tags (U+E0020..U+E007F) continue sequences
	lookahead runeSet             // emoji only when no U+FE0E follows
	maxRunes  int
	// lead marks the UTF-8 lead bytes of emoji, so next can step over
	// other characters without decoding them.
	lead [256]bool
}

var (
	emojiOnce sync.Once
	emoji     *emojiTable
)

// expand returns every string re matches; re must be finite.
func expand(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}
	case syntax.OpLiteral:
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpCapture:
		return expand(re.Sub[0])
	case syntax.OpQuest:
		return append([]string{""}, expand(re.Sub[0])...)
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			out = append(out, expand(s)...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			parts := expand(s)
			next := make([]string, 0, len(out)*len(parts))
			for _, a := range out {
				for _, b := range parts {
					next = append(next, a+b)
				}
			}
			out = next
		}
		return out
	}
	panic("twittertext: unexpected emoji pattern operator " + re.Op.String())
}

func mustParse(pattern string) *syntax.Regexp {
	re, err := syntax.Parse(strings.TrimSpace(pattern), syntax.Perl)
	if err != nil {
		panic("twittertext: " + err.Error())
	}
	return re
}

func initEmoji() {
	emojiOnce.Do(func() {
		t := &emojiTable{seqs: make(map[string]struct{})}
		for _, s := range expand(mustParse(twemojiPattern)) {
			n := utf8.RuneCountInString(s)
			t.maxRunes = max(t.maxRunes, n)
			first, size := utf8.DecodeRuneInString(s)
			if n == 1 {
				t.single.add(first)
				continue
			}
			t.seqs[s] = struct{}{}
			t.start.add(first)
			for _, r := range s[size:] {
				if r >= 0xE0020 && r <= 0xE007F {
					t.contTags = true
				} else if r < 0x20000 {
					t.cont.add(r)
				} else {
					panic("twittertext: emoji code point out of range")
				}
			}
		}
		var buf [utf8.UTFMax]byte
		for r := rune(0x80); r < 0x20000; r++ {
			if t.single.has(r) || t.start.has(r) {
				utf8.EncodeRune(buf[:], r)
				t.lead[buf[0]] = true
			}
		}
		for _, c := range "#*0123456789" {
			t.lead[c] = true
		}
		for _, s := range expand(mustParse(emojiLookaheadPattern)) {
			r, _ := utf8.DecodeRuneInString(s)
			t.lookahead.add(r)
		}
		emoji = t
	})
}

// matchEmoji returns the end of the emoji sequence starting at p in s, or -1.
func (t *emojiTable) match(s string, p int) int {
	r, size := utf8.DecodeRuneInString(s[p:])
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
		for q := end1; q < len(s) && n+1 < t.maxRunes && n < len(ends); {
			c, sz := utf8.DecodeRuneInString(s[q:])
			if !t.cont.has(c) && !(t.contTags && c >= 0xE0020 && c <= 0xE007F) {
				break
			}
			q += sz
			ends[n] = q
			n++
		}
		for k := n - 1; k >= 0; k-- {
			if _, ok := t.seqs[s[p:ends[k]]]; ok {
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

// nextEmoji returns the first emoji at or after p in s as [start, end), or
// start == -1; it scans as twemoji's global regular expression does.
func (t *emojiTable) next(s string, p int) (int, int) {
	for p < len(s) {
		c := s[p]
		if c < utf8.RuneSelf {
			if t.lead[c] {
				if e := t.match(s, p); e >= 0 {
					return p, e
				}
			}
			p++
			continue
		}
		if t.lead[c] {
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
