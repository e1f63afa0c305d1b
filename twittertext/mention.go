package twittertext

import (
	"strings"
	"unicode/utf8"
)

// ExtractMentions returns the @mentions in text as twitter-text's
// extractMentionsWithIndices: Text is the screen name without the at sign,
// and Start..End covers the at sign and the name. "@user/list" is a list,
// not a mention, and is left out (see ExtractMentionsOrLists).
func ExtractMentions(text string) []Entity {
	var out []Entity
	scanMentions(text, func(atStart, nameEnd, listEnd int) {
		if listEnd == nameEnd {
			out = appendEntities(out, Entity{Text: text[atStart+atSize(text, atStart) : nameEnd], Start: atStart, End: nameEnd})
		}
	})
	return out
}

// ExtractMentionsOrLists returns mentions and lists as twitter-text's
// extractMentionsOrListsWithIndices: Text is "name" or "name/list" without
// the at sign, and Start..End covers the at sign, the name and the list.
func ExtractMentionsOrLists(text string) []Entity {
	var out []Entity
	scanMentions(text, func(atStart, nameEnd, listEnd int) {
		out = appendEntities(out, Entity{Text: text[atStart+atSize(text, atStart) : listEnd], Start: atStart, End: listEnd})
	})
	return out
}

func atSize(text string, i int) int {
	if text[i] == '@' {
		return 1
	}
	return len("＠")
}

// atAt returns the size of the at sign ('@' or '＠') at i, or 0.
func atAt(text string, i int) int {
	if i < len(text) {
		if text[i] == '@' {
			return 1
		}
		if strings.HasPrefix(text[i:], "＠") {
			return len("＠")
		}
	}
	return 0
}

// indexWideAt is strings.Index(s, "＠"). It looks for the last byte of
// "＠" (EF BC A0), which few characters posts use end with, rather than
// for its first, which every emoji variation selector and fullwidth
// character shares.
func indexWideAt(s string) int {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], 0xA0)
		if i < 0 {
			return -1
		}
		i += off
		if i >= 2 && s[i-1] == 0xBC && s[i-2] == 0xEF {
			return i - 2
		}
		off = i + 1
	}
}

func isNameByte(c byte) bool { return isASCIIAlnum(c) || c == '_' }

// mentionAt matches validMentionOrList's at sign, name and list from s.
func mentionAt(text string, s int) (nameEnd, listEnd int, ok bool) {
	a := atAt(text, s)
	if a == 0 {
		return 0, 0, false
	}
	p := s + a
	e := p
	for e < len(text) && e-p < 20 && isNameByte(text[e]) {
		e++
	}
	if e == p {
		return 0, 0, false
	}
	l := e
	if e+1 < len(text) && text[e] == '/' && (text[e+1]|0x20 >= 'a' && text[e+1]|0x20 <= 'z') {
		l = e + 2
		for l < len(text) && l-e-2 < 24 && (isNameByte(text[l]) || text[l] == '-') {
			l++
		}
	}
	return e, l, true
}

// scanMentions walks validMentionOrList over text as String.replace does and
// calls found for each match that endMentionMatch does not reject.
func scanMentions(text string, found func(atStart, nameEnd, listEnd int)) {
	// The next '@' and '＠' at or after p (len(text) when there is none),
	// each searched for again only once p has passed it.
	nextAt, nextWide := strings.IndexByte(text, '@'), -1
	if nextAt < 0 {
		if nextWide = indexWideAt(text); nextWide < 0 {
			return
		}
		nextAt = len(text)
	}
	initClasses()
	for p := 0; p <= len(text); {
		if nextAt < p {
			nextAt = len(text)
			if i := strings.IndexByte(text[p:], '@'); i >= 0 {
				nextAt = p + i
			}
		}
		if nextWide < p {
			nextWide = len(text)
			if i := indexWideAt(text[p:]); i >= 0 {
				nextWide = p + i
			}
		}
		next := min(nextAt, nextWide)
		if next == len(text) {
			break
		}
		// A match starting at p has its at sign within 7 bytes (a
		// preceding character, "rt" and ':'), so jump close to the next.
		if next-7 > p {
			if q := next - 7; utf8.RuneStart(text[q]) {
				p = q // the common case, spelt out as it is in the loop
			} else {
				p = charBoundaryFrom(text, p, q)
			}
		}
		if text[p] < utf8.RuneSelf && p+4 < next {
			// The at sign of a match starting at an ASCII character is
			// at most four bytes on ("xrt:@").
			p++
			continue
		}
		s, nameEnd, listEnd, ok := mentionMatchAt(text, p)
		if !ok {
			if p == len(text) {
				break
			}
			_, size := decodeAt(text, p)
			p += size
			continue
		}
		if !endMentionRejects(text[listEnd:]) {
			found(s, nameEnd, listEnd)
		}
		p = listEnd
	}
}

// charBoundaryFrom returns the first position at or after q where a walk
// over text one character at a time from p (itself such a position)
// stops, p <= q. Every byte that is not a continuation byte is one; a
// continuation byte is one when it is not part of a valid sequence, as
// the walk then steps over it alone (so stepping on to the next rune
// start would skip the stray continuation bytes of invalid UTF-8).
func charBoundaryFrom(text string, p, q int) int {
	b := q
	for b > p && b > q-3 && !utf8.RuneStart(text[b]) {
		b--
	}
	if b > p && !utf8.RuneStart(text[b]) {
		// text[q-3:q+1] are all continuation bytes: no valid sequence
		// holds text[q], and the walk stops there.
		return q
	}
	// b is a stop of the walk: walk on from it.
	for b < q {
		_, size := decodeAt(text, b)
		b += size
	}
	return b
}

// The ASCII characters that may come before a mention, as
// [^a-zA-Z0-9_!#$%&*@＠], and before "rt", as [^a-zA-Z0-9_+~.-].
var mentionPrecedingASCII, rtPrecedingASCII [utf8.RuneSelf]bool

func init() {
	for c := range byte(utf8.RuneSelf) {
		mentionPrecedingASCII[c] = !isNameByte(c) && strings.IndexByte("!#$%&*@", c) < 0
		rtPrecedingASCII[c] = !isNameByte(c) && strings.IndexByte("+~.-", c) < 0
	}
}

// mentionMatchAt tries validMentionPrecedingChars' alternatives at p in order.
func mentionMatchAt(text string, p int) (s, nameEnd, listEnd int, ok bool) {
	try := func(s int) bool {
		nameEnd, listEnd, ok = mentionAt(text, s)
		return ok
	}
	// ^
	if p == 0 && try(0) {
		return 0, nameEnd, listEnd, true
	}
	var r rune
	size := 0
	if p < len(text) {
		r, size = decodeAt(text, p)
	}
	// [^a-zA-Z0-9_!#$%&*@＠]
	if size > 0 && (r >= 0x80 && r != '＠' || r < 0x80 && mentionPrecedingASCII[r]) {
		if try(p + size) {
			return p + size, nameEnd, listEnd, true
		}
	}
	// (?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?
	rtAt := func(q int) bool {
		if q+2 > len(text) || text[q]|0x20 != 'r' || text[q+1]|0x20 != 't' {
			return false
		}
		if q+2 < len(text) && text[q+2] == ':' && try(q+3) {
			s = q + 3
			return true
		}
		if try(q + 2) {
			s = q + 2
			return true
		}
		return false
	}
	if p == 0 && rtAt(0) {
		return s, nameEnd, listEnd, true
	}
	if size > 0 && (r >= 0x80 || rtPrecedingASCII[r]) && rtAt(p+size) {
		return s, nameEnd, listEnd, true
	}
	return 0, 0, 0, false
}

// endMentionRejects is endMentionMatch: an at sign, a Latin accented letter
// or "://" right after the name.
func endMentionRejects(after string) bool {
	if after == "" {
		return false
	}
	if atAt(after, 0) > 0 || strings.HasPrefix(after, "://") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	for _, lr := range latinAccentRanges {
		if r >= lr[0] && r <= lr[1] {
			return true
		}
	}
	return false
}

// ExtractCashtags returns the $cashtags in text as twitter-text's
// extractCashtagsWithIndices: Text is the symbol without the dollar sign,
// and Start..End covers the dollar sign and the symbol.
func ExtractCashtags(text string) []Entity {
	var out []Entity
	// A cashtag starts at a '$' that opens the text or follows a space, so
	// the scan goes from dollar sign to dollar sign. The space must lie at
	// or after the end of the previous match, where the reference's scan
	// would find it: a character decoded backwards from a '$' is the one
	// decoded forwards, even in invalid UTF-8, as a valid encoding's
	// continuation bytes never hold another character's start.
	last := 0
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '$')
		if k < 0 {
			break
		}
		s := i + k
		i = s + 1
		if s > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:s])
			if s-size < last || !isSpace(r) {
				continue
			}
		}
		if e := cashtagAt(text, s+1); e >= 0 {
			out = appendEntities(out, Entity{Text: text[s+1 : e], Start: s, End: e})
			last, i = e, e
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// cashtagAt matches [a-z]{1,6}(?:[._][a-z]{1,2})? followed by the end, a
// JavaScript \s or punctuation, backtracking as JavaScript does.
func cashtagAt(text string, q int) int {
	n := 0
	for q+n < len(text) && n < 6 && isASCIILetter(text[q+n]) {
		n++
	}
	for ; n >= 1; n-- {
		e := q + n
		if e+1 < len(text) && (text[e] == '.' || text[e] == '_') {
			k := 0
			for e+1+k < len(text) && k < 2 && isASCIILetter(text[e+1+k]) {
				k++
			}
			for ; k >= 1; k-- {
				if cashtagEnds(text, e+1+k) {
					return e + 1 + k
				}
			}
		}
		if cashtagEnds(text, e) {
			return e
		}
	}
	return -1
}

// cashtagEnds is the lookahead (?=$|\s|[punct]).
func cashtagEnds(text string, e int) bool {
	if e >= len(text) {
		return true
	}
	r, _ := decodeAt(text, e)
	if r < 0x80 && isPunct(r) {
		return true
	}
	return isJSSpace(r)
}

// isJSSpace is JavaScript's \s.
func isJSSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}
