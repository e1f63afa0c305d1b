package twittertext

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceEmojiMatch runs twemoji's pattern with Go's regexp, whose
// leftmost-first alternation picks what JavaScript picks, and restores the
// (?!\ufe0e) condition the Go syntax cannot express.
func referenceEmojiMatch(re, look *regexp.Regexp, s string) int {
	loc := re.FindStringIndex(s)
	if loc == nil {
		return -1
	}
	m := s[:loc[1]]
	if utf8.RuneCountInString(m) == 1 && look.MatchString(m) && strings.HasPrefix(s[loc[1]:], "\uFE0E") {
		return -1
	}
	return loc[1]
}

func TestEmojiLongestIsFirst(t *testing.T) {
	re := regexp.MustCompile(`^(?:` + strings.TrimSpace(twemojiPattern) + `)`)
	look := regexp.MustCompile(`^(?:` + emojiLookaheadPattern + `)$`)
	var seqs []string
	seqs = append(seqs, emoji.seqs.keys...)
	for r := rune(0); r < 0x20000; r++ {
		if emoji.single.has(r) {
			seqs = append(seqs, string(r))
		}
	}
	if len(seqs) < 2000 {
		t.Fatalf("only %d emoji sequences", len(seqs))
	}
	suffixes := []string{"", "x", "\uFE0E", "\uFE0F", "\u200D", "\u20E3", "\U0001F3FB", "\u200D\u2640\uFE0F", "\U0001F1FA"}
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(s string) {
		if got, want := emoji.match(s, 0), referenceEmojiMatch(re, look, s); got != want {
			t.Errorf("%+q: match ends at %d, pattern at %d", s, got, want)
		}
	}
	for _, s := range seqs {
		for _, suf := range suffixes {
			check(s + suf)
		}
		// Prefixes of sequences, cut at every code point.
		for i := range s {
			if i > 0 {
				check(s[:i] + seqs[rng.IntN(len(seqs))])
			}
		}
	}
	for _, s := range []string{"#", "#\uFE0F", "1\u20E3", "a", "\u00A9", "\u00A9\uFE0F", "\u231A\uFE0E", "\u261D\uFE0E", "\u261D\U0001F3FB"} {
		check(s)
	}
}

func TestEmojiJoins(t *testing.T) {
	for _, k := range emoji.seqs.keys {
		rs := []rune(k)
		for i := 1; i < len(rs); i++ {
			if !emojiJoins(rs[i-1], rs[i], i == 1) {
				t.Errorf("%+q: %U cannot follow %U", k, rs[i], rs[i-1])
			}
		}
	}
}
