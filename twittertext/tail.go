package twittertext

import "unicode/utf8"

// The part of extractUrl after the domain:
//
//	(?::[0-9]+)?(/validUrlPath*)?(\?validUrlQueryChars*validUrlQueryEndingChars)?
//
// matched by hand with the result JavaScript's backtracking gives
// (TestTailMatchesRegexp checks it against the expression compiled by Go's
// regexp). validUrlPath, as twitter-text splices it, is one of
//
//	A1: G* (P G*)* E    G a general path character, E an ending character
//	A2: P               P balanced parentheses, one level nested at most
//	A3: @ G+ /
//
// and every part of it is deterministic except A1's final E, which
// backtracking places after the rightmost ending character of the G runs.

const (
	asciiPathChars  = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*';:=+,.$/%#[]-_~@|&"
	asciiEndChars   = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-=_#/"
	asciiQueryChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?*'@();:&=+$/%#[]-_.,~|"
	asciiQueryEnd   = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_&=#/"
)

type asciiSet [128]bool

func newASCIISet(chars string) *asciiSet {
	var s asciiSet
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return &s
}

var (
	pathASCII  = newASCIISet(asciiPathChars)
	endASCII   = newASCIISet(asciiEndChars)
	queryASCII = newASCIISet(asciiQueryChars)
	qEndASCII  = newASCIISet(asciiQueryEnd)
)

// gRun returns the end of the run of G characters at p, and the end of the
// rightmost E character in it (-1 if none).
func gRun(t string, p int) (end, lastE int) {
	lastE = -1
	for p < len(t) {
		c := t[p]
		if c < utf8.RuneSelf {
			if !pathASCII[c] {
				break
			}
			p++
			if endASCII[c] {
				lastE = p
			}
			continue
		}
		r, size := decodeAt(t, p)
		if !isPathChar(r) {
			break
		}
		p += size
		if latinCyrSet.has(r) {
			lastE = p
		}
	}
	return p, lastE
}

// parensAt matches validUrlBalancedParens at p: "(" G+ ")" or
// "(" G* "(" G+ ")" G* ")". It returns the end, or -1.
func parensAt(t string, p int) int {
	if p >= len(t) || t[p] != '(' {
		return -1
	}
	e, _ := gRun(t, p+1)
	if e > p+1 && e < len(t) && t[e] == ')' {
		return e + 1
	}
	if e >= len(t) || t[e] != '(' {
		return -1
	}
	e2, _ := gRun(t, e+1)
	if e2 == e+1 || e2 >= len(t) || t[e2] != ')' {
		return -1
	}
	e3, _ := gRun(t, e2+1)
	if e3 >= len(t) || t[e3] != ')' {
		return -1
	}
	return e3 + 1
}

// pathPartAt matches one validUrlPath at p, returning its end or -1.
func pathPartAt(t string, p int) int {
	// A1: the chain of G runs joined by parentheses; the match ends after
	// its rightmost ending character outside parentheses.
	best := -1
	q := p
	for {
		e, lastE := gRun(t, q)
		if lastE > best {
			best = lastE
		}
		pe := parensAt(t, e)
		if pe < 0 {
			break
		}
		q = pe
	}
	if best > p {
		return best
	}
	// A2: parentheses alone.
	if e := parensAt(t, p); e >= 0 {
		return e
	}
	// A3: "@" G+ "/", with the '/' as far right as the run allows. (A1
	// always wins when this could match, as '/' is an ending character.)
	if p < len(t) && t[p] == '@' {
		e, _ := gRun(t, p+1)
		for k := e - 1; k >= p+2; k-- {
			if t[k] == '/' {
				return k + 1
			}
		}
	}
	return -1
}

// matchTail returns the end of the port, path and query after a domain
// ending at p, and whether the path group matched.
func matchTail(t string, p int) (end int, path bool) {
	if p+1 < len(t) && t[p] == ':' && t[p+1] >= '0' && t[p+1] <= '9' {
		p += 2
		for p < len(t) && t[p] >= '0' && t[p] <= '9' {
			p++
		}
	}
	if p < len(t) && t[p] == '/' {
		path = true
		p++
		for {
			e := pathPartAt(t, p)
			if e < 0 {
				break
			}
			p = e
		}
	}
	if p < len(t) && t[p] == '?' {
		last := -1
		for q := p + 1; q < len(t) && t[q] < utf8.RuneSelf && queryASCII[t[q]]; q++ {
			if qEndASCII[t[q]] {
				last = q + 1
			}
		}
		if last > 0 {
			p = last
		}
	}
	return p, path
}
