package twittertext

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// classString renders the ASCII members plus the non-ASCII code points has
// accepts as a regexp class body.
func classString(ascii string, has func(rune) bool) string {
	var b strings.Builder
	b.WriteString(ascii)
	for r := rune(0x80); r < 0x10000; r++ {
		if !has(r) {
			continue
		}
		lo := r
		for r+1 < 0x10000 && has(r+1) {
			r++
		}
		b.WriteString(fmt.Sprintf(`\x{%04X}`, lo))
		if r > lo {
			b.WriteString(fmt.Sprintf(`-\x{%04X}`, r))
		}
	}
	return b.String()
}

// tailRegexp is twitter-text's expression for what follows a domain, as
// twitter-text splices it: validUrlPathEndingChars ("[...]|(?:parens)")
// goes into validUrlPath unparenthesised, so its "|" makes parentheses a
// path alternative of their own.
func tailRegexp() *regexp.Regexp {
	initURL()
	g := "[" + classString(`a-zA-Z0-9!*';:=+,.$/%#\[\]\-_~@|&`, isPathChar) + "]"
	endChars := "[" + classString(`+\-a-zA-Z0-9=_#/`, latinCyrSet.has) + "]"
	parens := `\((?:` + g + `+|(?:` + g + `*\(` + g + `+\)` + g + `*))\)`
	path := `(?:` + g + `*(?:` + parens + g + `*)*` + endChars + `|` + parens + `|@` + g + `+/)`
	query := `[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]`
	queryEnd := `[a-zA-Z0-9\-_&=#/]`
	return regexp.MustCompile(`^(?::[0-9]+)?(/` + path + `*)?(?:\?` + query + `*` + queryEnd + `)?`)
}

// TestTailMatchesRegexp compares the hand-written tail matcher with
// twitter-text's expression compiled by Go's regexp, whose leftmost-first
// semantics equal JavaScript's backtracking for it.
func TestTailMatchesRegexp(t *testing.T) {
	tailRE := tailRegexp()
	pieces := []string{"a", "Z", "0", "é", "ж", "\u2013", "ⱥ", "Ι", "日", "😀", "(", ")", "/", "@", "?", ":", ".", ",", "!", "-", "_", "=",
		"&", "#", "'", "[", "]", "|", "~", "%", "$", "+", ";", "*", " ", "\"", "<", "\u200E"}
	rng := rand.New(rand.NewPCG(7, 11))
	check := func(s string) {
		loc := tailRE.FindStringSubmatchIndex(s)
		end, path := matchTail(s, 0)
		if end != loc[1] || path != (loc[2] >= 0) {
			t.Fatalf("%q: tail ends at %d (path %v), regexp at %d (path %v)", s, end, path, loc[1], loc[2] >= 0)
		}
	}
	for _, s := range []string{"", "/", "/foo_(bar)", "/wiki/Primer_(film)", "/track/We_Up_(Album_Version_(Edited))/", "/S(dfd346)/",
		"/@user/", "/a+b@–(x.cc/a.b.)", ":8080/a?b=c", ":x/a", "?a=1.", "/a.b.", "/(a)(b)", "/((a))", "/(a(b)c)d", "/@a/b", "/@–/"} {
		check(s)
	}
	for range 200000 {
		var b strings.Builder
		b.WriteString([]string{"/", ":1/", "?", ":", ""}[rng.IntN(5)])
		for range rng.IntN(14) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
	}
}
