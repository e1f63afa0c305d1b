package twittertext

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xlint/xlint/twittertext/corpusgen"
	"golang.org/x/text/unicode/norm"
)

// The scanners skip ahead with fast paths (byte searches, ASCII loops,
// lookup tables). The straightforward walks they replace are kept here, one
// character at a time as the reference expressions are written, and
// compared with them on generated posts, hostile inputs and random bytes.

// fastPathTexts returns generated posts, slices of them cut at random
// bytes (so also invalid UTF-8), hostile inputs and random byte strings.
func fastPathTexts(t *testing.T) []string {
	n := 3000
	if testing.Short() {
		n = 300
	}
	texts := corpusgen.Generate(5, n)
	r := rand.New(rand.NewPCG(5, 6))
	for _, s := range texts[:n/2] {
		if len(s) > 1 {
			a := r.IntN(len(s))
			texts = append(texts, s[a:a+r.IntN(len(s)-a)])
		}
	}
	for _, build := range hostileInputs {
		texts = append(texts, build(200))
	}
	// Characters of every length around the NFC quick check's shortcuts:
	// U+2F800 decomposes, U+20000 and U+E0041 do not.
	texts = append(texts, "a\U0002F800", "\U00020000\u0301 \U000E0041", "\U0001D15E", "x\U0002F801\uFFFD\xf0\x9f\x98 ", "\u00C5\u212B",
		"\u0958", "\u2126", "\uFB2C\u05B0", "\xed\xa0\x80", "\xe0\x80\x80\u0301", "\xc0\x80\u0301")
	// Mentions after "rt", with and without a colon.
	texts = append(texts, "x rt@user", "xrt:@a", " RT@b c", "é rt:＠c", "(rt@d", "rt@e", "rt:@f", "a.rt@g")
	// Keycaps that start inside a URL and end after it.
	texts = append(texts, "x.com/#\uFE0F\u20E3", "http://a.co/1\uFE0F\u20E3\uFE0F 9\u20E3", "t.co/a?b=#\uFE0F\u20E3\U0001F600")
	const alphabet = "$@＠rtRT:/. \t\u3000\u2000\u0085aZ_09#/:-éж日😀\u0301\uFE0F\u20E3\xff\xe3\x80" +
		"..comCOMorgjp.xn--p1aihttps://t.co/"
	for range n / 2 {
		b := make([]byte, 0, 64)
		for range 1 + r.IntN(64) {
			if k := r.IntN(len(alphabet)); r.IntN(4) == 0 {
				b = append(b, alphabet[k:min(k+4, len(alphabet))]...)
			} else {
				b = append(b, alphabet[k])
			}
		}
		texts = append(texts, string(b))
	}
	return texts
}

// cashtagsByScan is ExtractCashtags walking every character.
func cashtagsByScan(text string) []Entity {
	var out []Entity
	for p := 0; p < len(text); {
		s := -1
		if p == 0 && text[0] == '$' {
			s = 0
		} else {
			r, size := utf8.DecodeRuneInString(text[p:])
			if isSpace(r) && p+size < len(text) && text[p+size] == '$' {
				s = p + size
			}
		}
		if s >= 0 {
			if e := cashtagAt(text, s+1); e >= 0 {
				out = append(out, Entity{Text: text[s+1 : e], Start: s, End: e})
				p = e
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		p += size
	}
	return out
}

// urlsByScan is ExtractURLs trying every character as the one before a
// URL, with none of domainScanner.skip's jumps.
func urlsByScan(text string) []Entity {
	d := &domainScanner{t: text, runStart: -1, runEnd: -1, lastQ: -1, lastTLDq: -1}
	var out []Entity
	var c urlCandidate
	found := func(p int) bool {
		size := 0
		if p < len(text) {
			var r rune
			r, size = utf8.DecodeRuneInString(text[p:])
			if isURLPrecedingChar(r) {
				if r >= 0x10000 && d.urlAt(p, &c) && !c.proto {
					c.before, c.midRune = p, true
					return true
				}
				if d.urlAt(p+size, &c) {
					c.before, c.midRune = p, false
					return true
				}
			}
		}
		if p == 0 && d.urlAt(0, &c) {
			c.before, c.midRune = 0, false
			return true
		}
		return false
	}
	initURL()
	for p := 0; p < len(text); {
		if found(p) {
			out = d.accept(&c, out)
			p = c.end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		p += size
	}
	return out
}

// parseByItems is Parse as it was written first: the emoji matches are
// found by a scan of their own, ahead of the count, and every character
// not in a run of ASCII is an item of the loop.
func parseByItems(text string, c *Config) Result {
	if c == nil {
		c = V3
	}
	nt, m, _ := normalize(text, nil)
	var res Result
	res.URLs = urlsByScan(nt)
	es, ee := -1, -1 // the next emoji match [es, ee), found lazily
	if c.EmojiParsingEnabled {
		es, ee = emoji.next(nt, 0, len(nt))
	}
	scale := c.Scale
	if scale <= 0 {
		scale = 1
	}
	limit := c.MaxWeightedTweetLength * scale
	asciiWeight, asciiUniform := c.asciiWeight()
	weighted := 0
	valid := true
	validEnd := 0
	ui := 0                 // next URL to consider
	lowSurrogate := rune(0) // the half of a pair a URL's length left unread
	for i := 0; i < len(nt) || lowSurrogate != 0; {
		itemEnd := i
		if lowSurrogate != 0 {
			weighted += c.weight(lowSurrogate)
			lowSurrogate = 0
		} else {
			for ui < len(res.URLs) && res.URLs[ui].Start < i {
				ui++
			}
			// Matches are found one after the other, as twemoji's global
			// expression finds them; those starting inside an item are
			// skipped, as parseTweet skips them.
			for es >= 0 && es < i {
				es, ee = emoji.next(nt, ee, len(nt))
			}
			urlHere := ui < len(res.URLs) && res.URLs[ui].Start == i
			if asciiUniform && nt[i] < utf8.RuneSelf && !urlHere && es != i {
				// A run of ASCII with no URL or emoji in it: count it at once.
				stop := len(nt)
				if ui < len(res.URLs) {
					stop = min(stop, res.URLs[ui].Start)
				}
				if es >= 0 {
					stop = min(stop, es)
				}
				j := i + 1
				for j < stop && nt[j] < utf8.RuneSelf {
					j++
				}
				w0 := weighted
				weighted += (j - i) * asciiWeight
				if valid {
					if weighted <= limit {
						validEnd = j
					} else if w0 <= limit {
						validEnd = i + (limit-w0)/asciiWeight // asciiWeight > 0 here
					}
				}
				i = j
				continue
			}
			switch {
			case urlHere:
				u := res.URLs[ui]
				weighted += c.TransformedURLLength * scale
				// parseTweet skips the length of the URL's text, which is
				// its span except in one rare protocol-less case.
				itemEnd, lowSurrogate = skipUTF16(nt, i, utf16Len(u.Text))
			case es == i:
				weighted += c.DefaultWeight
				itemEnd = ee
			default:
				r, size := utf8.DecodeRuneInString(nt[i:])
				if r >= 0x10000 {
					weighted += c.weight(0xD800 + (r-0x10000)>>10)
				} else {
					weighted += c.weight(r)
					if valid && isInvalidChar(r) {
						valid = false
					}
				}
				itemEnd = i + size
			}
		}
		if valid && weighted <= limit {
			validEnd = itemEnd
		}
		i = itemEnd
	}
	res.WeightedLength = weighted / scale
	res.Valid = valid && weighted > 0 && weighted <= limit
	res.ValidEnd = m.start(validEnd)
	for k := range res.URLs {
		u := &res.URLs[k]
		if m.chunks != nil {
			u.Start, u.End = m.start(u.Start), m.end(u.End)
		}
		// Parse's URL text is the span as written, also where twitter-text
		// rebuilds it from the ASCII part of the domain ("0.AC\".AC/"
		// gives "0.AC/").
		u.Text = text[u.Start:u.End]
	}
	return res
}

func TestFastPaths(t *testing.T) {
	for _, text := range fastPathTexts(t) {
		checkFastPaths(t, text)
	}
}

func FuzzFastPaths(f *testing.F) {
	addHostileSeeds(f)
	f.Fuzz(checkFastPaths)
}

// mentionsOrListsByScan is ExtractMentionsOrLists trying every character.
func mentionsOrListsByScan(text string) []Entity {
	initClasses()
	var out []Entity
	for p := 0; p <= len(text); {
		s, nameEnd, listEnd, ok := mentionMatchAt(text, p)
		if !ok {
			if p == len(text) {
				break
			}
			_, size := utf8.DecodeRuneInString(text[p:])
			p += size
			continue
		}
		_ = nameEnd
		if !endMentionRejects(text[listEnd:]) {
			out = append(out, Entity{Text: text[s+atSize(text, s) : listEnd], Start: s, End: listEnd})
		}
		p = listEnd
	}
	return out
}

// nfcPieces is the NFC of text as Parse defines it for any bytes: each
// byte of invalid UTF-8 stands for itself and composes with nothing, and
// the valid runs between them are normalised on their own. (x/text's own
// answer for invalid UTF-8 depends on what follows it: it leaves
// "\xf7\u0387" alone at the end of a text and not before a "0".)
func nfcPieces(text string) (nfc string, normal bool) {
	var b strings.Builder
	normal = true
	for len(text) > 0 {
		n := 0
		for n < len(text) {
			r, size := utf8.DecodeRuneInString(text[n:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			n += size
		}
		normal = normal && norm.NFC.IsNormalString(text[:n])
		b.WriteString(norm.NFC.String(text[:n]))
		if n < len(text) {
			b.WriteByte(text[n]) // the invalid byte
			n++
		}
		text = text[n:]
	}
	return b.String(), normal
}

// checkFastPaths compares the scanners with the walks they replace.
func checkFastPaths(t *testing.T, text string) {
	// quickSpan may doubt a normal text, never pass an abnormal one, and
	// normalize gives its NFC, invalid bytes and all.
	want, normal := nfcPieces(text)
	if sc := newSpanCache(); quickSpan(text, &sc) == len(text) && !normal {
		t.Errorf("quickSpan(%+q) passes a text that is not NFC", text)
	}
	// x/text inserts U+034F after 30 non-starters, JavaScript does not.
	if got, _, _ := normalize(text, nil); got != want && !strings.Contains(want, "\u034F") {
		t.Errorf("normalize(%+q) = %+q, want %+q", text, got, want)
	}
	if got, want := ExtractURLs(text), urlsByScan(text); !slices.Equal(got, want) {
		t.Errorf("ExtractURLs(%q) = %v, want %v", text, got, want)
	}
	for _, c := range []*Config{V1, V2, V3, {MaxWeightedTweetLength: 10, Scale: 1, DefaultWeight: 2, TransformedURLLength: 3,
		Ranges: []WeightRange{{Start: 'a', End: 'z', Weight: 1}, {Start: 0xFE0F, End: 0xFE0F, Weight: 5}}, EmojiParsingEnabled: true}} {
		got, want := Parse(text, c), parseByItems(text, c)
		if got.WeightedLength != want.WeightedLength || got.Valid != want.Valid || got.ValidEnd != want.ValidEnd || !slices.Equal(got.URLs, want.URLs) {
			t.Errorf("Parse(%q, %+v) = %+v, want %+v", text, c, got, want)
		}
	}
	for p := 0; p <= len(text); p++ {
		if got, want := indexWideAt(text[p:]), strings.Index(text[p:], "＠"); got != want {
			t.Fatalf("indexWideAt(%q) = %d, want %d", text[p:], got, want)
		}
	}
	if got, want := ExtractMentionsOrLists(text), mentionsOrListsByScan(text); !slices.Equal(got, want) {
		t.Errorf("ExtractMentionsOrLists(%q) = %v, want %v", text, got, want)
	}
	if got, want := ExtractCashtags(text), cashtagsByScan(text); !slices.Equal(got, want) {
		t.Errorf("ExtractCashtags(%q) = %v, want %v", text, got, want)
	}
}

func TestDecodeRune(t *testing.T) {
	var buf [4]byte
	check := func(s string) {
		for p := 0; p < len(s); p++ {
			if s[p] < utf8.RuneSelf {
				continue
			}
			r, n := decodeRune(s, p)
			wr, wn := utf8.DecodeRuneInString(s[p:])
			if r != wr || n != wn {
				t.Fatalf("decodeRune(%q, %d) = %U, %d; want %U, %d", s, p, r, n, wr, wn)
			}
		}
	}
	// Every lead byte with every second and third byte that matters.
	for c := 0x80; c < 0x100; c++ {
		for c1 := 0x00; c1 < 0x100; c1 += 0x08 {
			for _, c2 := range []byte{0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				for _, c3 := range []byte{0x00, 0x80, 0xBF, 0xC0} {
					buf = [4]byte{byte(c), byte(c1), c2, c3}
					check(string(buf[:]))
					check(string(buf[:2]))
					check(string(buf[:3]))
				}
			}
		}
	}
	texts := fastPathTexts(t)
	// A byte that is not ASCII at every place in the words asciiEnd reads.
	for k := range 20 {
		for _, c := range []string{"\x80", "é", "\xff"} {
			texts = append(texts, strings.Repeat("a", k)+c+"abcdefghijklmnop")
		}
	}
	for _, s := range texts {
		check(s)
		for p := 0; p <= len(s); p++ {
			want := p
			for want < len(s) && s[want] < utf8.RuneSelf {
				want++
			}
			if got := asciiEnd(s, p); got != want {
				t.Fatalf("asciiEnd(%q, %d) = %d, want %d", s, p, got, want)
			}
		}
	}
}

// TestPlainASCIIDomain checks accept's shortcut for domains of
// [-a-zA-Z0-9.]: validDomain matched them, so nextASCIIDomain matches
// them whole, and their labels are their own punycode.
func TestPlainASCIIDomain(t *testing.T) {
	initURL()
	n := 0
	for _, text := range fastPathTexts(t) {
		d := &domainScanner{t: text, runStart: -1, runEnd: -1, lastQ: -1, lastTLDq: -1, skipDot: -1}
		var c urlCandidate
		for from := 0; from <= len(text) && d.next(from, &c); from = c.end {
			domain := text[c.domainStart:c.domainEnd]
			if c.midRune || !isPlainASCIIDomain(domain) {
				continue
			}
			n++
			if s, e := nextASCIIDomain(domain, 0); s != 0 || e != len(domain) {
				t.Errorf("nextASCIIDomain(%q) = %d, %d", domain, s, e)
			}
			url := text[c.start:c.end]
			for _, protoLen := range []int{7, 8} {
				if got, want := validURLLength(url, domain, protoLen, false, true), validURLLength(url, domain, protoLen, false, false); got != want {
					t.Errorf("validURLLength(%q, %q) = %v, want %v", url, domain, got, want)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d plain domains seen", n)
	}
}

// TestJSCanon checks jsCanon's shortcuts against the plain definition.
func TestJSCanon(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		want := unicode.ToUpper(r)
		for _, m := range multiUpper {
			if r >= m[0] && r <= m[1] {
				want = r
			}
		}
		if r >= 128 && want < 128 {
			want = r
		}
		if got := jsCanon(r); got != want {
			t.Fatalf("jsCanon(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestNFCShortcuts checks the shortcuts of segmentEnd and appendDecomposed
// for small code points against golang.org/x/text.
func TestNFCShortcuts(t *testing.T) {
	for r := rune(0); r < 0xC0; r++ {
		s := string(r)
		if d := norm.NFD.PropertiesString(s).Decomposition(); d != nil {
			t.Errorf("%U decomposes to %q", r, d)
		}
		if r < utf8.RuneSelf && norm.NFC.PropertiesString(s).Size() != 1 {
			t.Errorf("%U has size %d", r, norm.NFC.PropertiesString(s).Size())
		}
	}
}
