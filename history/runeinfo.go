package history

import (
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// What normText needs to know about a rune, looked up in one table instead
// of NFKC's, the invisible characters' and the letter classes' each time.
const (
	// runeBoundary: a normalisation segment starts at the rune, which
	// combines with nothing before it (norm's BoundaryBefore), so that
	// NFKC(a+b) == NFKC(a)+NFKC(b) when b begins with it.
	runeBoundary = 1 << iota
	// runeNFKC: NFKC changes the rune on its own. For a boundary rune
	// followed by another boundary, runeBlock.nfkc holds what it becomes.
	runeNFKC
	// runeInvisible: isInvisible.
	runeInvisible
	// runeWord: a letter, decimal digit or mark, which words keeps.
	runeWord
	// runeFolds: case folding changes the rune, into runeBlock.fold.
	runeFolds
	// runeDigit: a decimal digit (unicode.IsDigit).
	runeDigit
)

// runeBlock describes 64 consecutive code points.
type runeBlock struct {
	info [64]uint8
	nfkc *[64]string // for boundary runes with runeNFKC: NFKC, invisible characters dropped
	fold *[64]string // for runes with runeFolds: foldRune
}

// runeBlocks is filled in lazily, a block the first time text holds one of
// its code points: working out every code point would take tens of
// milliseconds, while a run of posts meets a few hundred blocks at most.
// Goroutines filling one block at once compute the same values; the last
// store wins.
var runeBlocks [(unicode.MaxRune + 1) / 64]atomic.Pointer[runeBlock]

// blockOf returns the block of r, a valid code point.
func blockOf(r rune) *runeBlock {
	if b := runeBlocks[r>>6].Load(); b != nil {
		return b
	}
	b := newRuneBlock(r &^ 63)
	runeBlocks[r>>6].Store(b)
	return b
}

func newRuneBlock(first rune) *runeBlock {
	b := new(runeBlock)
	// Most blocks have no rune that case folding changes (foldBlocks).
	mayFold := mayFold(first)
	for i := range b.info {
		r := first + rune(i)
		if !utf8.ValidRune(r) {
			continue // surrogates: valid UTF-8 never holds them
		}
		s := string(r)
		var info uint8
		if isBoundary(s) {
			info |= runeBoundary
		}
		if n := norm.NFKC.String(s); n != s {
			info |= runeNFKC
			if info&runeBoundary != 0 {
				if b.nfkc == nil {
					b.nfkc = new([64]string)
				}
				b.nfkc[i] = string(appendVisible(nil, []byte(n)))
			}
		}
		if isInvisible(r) {
			info |= runeInvisible
		}
		if unicode.IsDigit(r) {
			info |= runeDigit
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			info |= runeWord
		}
		if mayFold {
			if f, ok := foldRune(r); ok {
				info |= runeFolds
				if b.fold == nil {
					b.fold = new([64]string)
				}
				b.fold[i] = f
			}
		}
		b.info[i] = info
	}
	return b
}

// isBoundary reports whether the rune in s combines with nothing before it
// under NFKC. Norm's BoundaryBefore says so of the rune itself; the rune
// NFKC decomposes it into first must say so too: Hangul compatibility jamo
// (U+3131-U+318E, U+FFA0-U+FFDC) have boundaries before them, but
// decompose into conjoining jamo that join the syllable before them.
func isBoundary(s string) bool {
	if !norm.NFKC.PropertiesString(s).BoundaryBefore() {
		return false
	}
	d := norm.NFKD.String(s)
	_, n := utf8.DecodeRuneInString(d)
	return d[:n] == s || norm.NFKC.PropertiesString(d[:n]).BoundaryBefore()
}

// appendVisible appends s, valid UTF-8, to b without its invisible
// characters.
func appendVisible(b, s []byte) []byte {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			b = append(b, s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if !isInvisible(r) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}
