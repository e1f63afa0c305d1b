package history

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/xlint/xlint/twittertext"
	"github.com/xlint/xlint/twittertext/corpusgen"
)

// refNormalize is a verbatim copy of Normalize before it was optimised
// (commit 31ecf93). The optimised Normalize must return byte-for-byte the
// same for every input; TestNormalizeSame and FuzzNormalizeSame check it.
func refNormalize(text string) string {
	s := refStripInvisible(norm.NFKC.String(text))
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, loc := range refFindURLs(s) {
		refNormWords(&b, s[last:loc[0]])
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(refCanonicalURL(s[loc[0]:loc[1]]))
		b.WriteByte(' ')
		last = loc[1]
	}
	refNormWords(&b, s[last:])
	out := strings.Join(strings.Fields(b.String()), " ")
	if out == "" {
		out = strings.Join(strings.Fields(s), " ")
	}
	return out
}

func refFindURLs(s string) [][]int {
	ents := twittertext.ExtractURLs(s)
	out := make([][]int, len(ents))
	for i, e := range ents {
		out[i] = []int{e.Start, e.End}
	}
	return out
}

func refStripInvisible(s string) string {
	clean := true
	for _, r := range s {
		if refIsInvisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if refIsInvisible(r) {
			return -1
		}
		return r
	}, s)
}

func refIsInvisible(r rune) bool {
	switch {
	case r < 0x80:
		return false
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	case r == 0x034F:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

func refNormWords(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	s = cases.Fold().String(s)
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r == '\'' || r == '\u2019':
			if i > 0 && i+utf8.RuneLen(r) < len(s) {
				continue
			}
			b.WriteByte(' ')
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	b.WriteByte(' ')
}

func refCanonicalURL(raw string) string {
	s := raw
	if !strings.Contains(s, "://") {
		if strings.HasPrefix(strings.ToLower(s), "mailto:") || strings.Contains(s, "@") && !strings.Contains(s, "/") {
			return strings.ToLower(s)
		}
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a
	}
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	var b strings.Builder
	b.WriteString(host)
	b.WriteString(path)
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		kept := params[:0]
		for _, p := range params {
			if p == "" {
				continue
			}
			k, _, _ := strings.Cut(p, "=")
			k = strings.ToLower(k)
			if strings.HasPrefix(k, "utm_") || trackingParams[k] {
				continue
			}
			kept = append(kept, p)
		}
		slices.Sort(kept)
		if len(kept) > 0 {
			b.WriteByte('?')
			b.WriteString(strings.Join(kept, "&"))
		}
	}
	if u.Fragment != "" {
		b.WriteByte('#')
		b.WriteString(u.EscapedFragment())
	}
	return b.String()
}

// corpusTexts is a mixed corpus of post texts (many scripts, invisible
// characters, emoji, URLs of every shape), generated once per test binary.
var corpusTexts = sync.OnceValue(func() []string { return corpusgen.Generate(1, 50000) })

// sameInputs are the texts the optimised Normalize is compared on: the
// generated corpus, the labelled pairs, the fuzz seeds and some edge cases.
func sameInputs(t testing.TB) []string {
	in := slices.Clone(corpusTexts()[:20000])
	for _, p := range readLabelled(t) {
		in = append(in, p.A, p.B)
	}
	in = append(in, sameSeeds...)
	return in
}

var sameSeeds = []string{
	"", " ", "\t\n", "a", "A", "'", "''", "a'", "'a", "a'b", "a\u2019b", "\u2019", "don't", "x 'y' z",
	"Hello, World! \U0001F44B\U0001F3FD https://www.Example.com/a/?utm_source=x&b=2&a=1",
	"a\u200bb\ufeff \u202e", "\U0001F468\u200d\U0001F4BB", "http://[::1]:80/%zz", "mailto:x@y.z", "\xff\xfe bad utf8",
	"Tip #12: use grep to search your logs and more words here",
	"STRASSE Straße ΣΑΣ İstanbul ǅ ﬃ \u0130 \u212a K", "\uff21\uff22\uff23 abc", "cafe\u0301", "\u00bd",
	"see https://M\u00fcnchen.de/a", "WWW.EXAMPLE.COM/X/", "https://www.example.com./a?UTM_x=1&Si=2&b",
	"see example.com。jp/x", "go to example．com now", "x:y", "a.b", "http://a.b:8080/", "HTTP://EXAMPLE.COM#Frag",
	"foo@example.com", "https://user:pw@example.com/p", "\u0345\u03b9", "a\u0301\u0302b", "\u1e9e", "\u00df",
	"\u1100\u3150 \uac00\u3133 \u1100\uffc2\uffa3 \uff76\uff9e",
	"x\x00y", "\u2028\u2029\u0085\u00a0", "12:30 3.14", "e.g. i.e.", "Ⅻ ⓐ ㎏", "\U0001D400\U0001D41A",
}

func TestNormalizeSame(t *testing.T) {
	for _, s := range sameInputs(t) {
		checkSameRecord(t, s)
	}
}

// FuzzNormalizeSame checks the optimised Normalize against the reference
// copy on arbitrary input.
func FuzzNormalizeSame(f *testing.F) {
	for _, s := range sameSeeds {
		f.Add(s)
	}
	for _, s := range corpusTexts()[:200] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSameRecord(t, s)
	})
}

// refNearSignature is a verbatim copy of nearSignature before it was
// optimised; the signatures of new records must not change, or a history
// written before would stop finding near-duplicates.
func refNearSignature(normalised string) (sig signature, ok bool) {
	words := strings.Fields(normalised)
	if len(words) < MinNearTokens {
		return sig, false
	}
	var mins [numHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	h := fnv.New64a()
	for i := 0; i+ShingleSize <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+ShingleSize] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		sh := h.Sum64()
		for j := range mins {
			if v := splitmix64(sh ^ hashSeeds[j]); v < mins[j] {
				mins[j] = v
			}
		}
	}
	for j, v := range mins {
		sig.mins[j] = uint8(v)
	}
	sig.nums = refNumbersKey(words)
	return sig, true
}

func refNumbersKey(words []string) uint64 {
	h := fnv.New64a()
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			h.Write([]byte(w))
			h.Write([]byte{0})
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return h.Sum64()
}

func refFingerprint(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// checkSameRecord compares the fingerprints of text with the reference
// implementation's.
func checkSameRecord(t *testing.T, text string) {
	t.Helper()
	n, want := Normalize(text), refNormalize(text)
	if n != want {
		t.Errorf("Normalize(%q) = %q, want %q", text, n, want)
		return
	}
	if got, want := fingerprint(n), refFingerprint(n); got != want {
		t.Errorf("fingerprint(%q) = %x, want %x", n, got, want)
	}
	sig, ok := nearSignature(n)
	wsig, wok := refNearSignature(n)
	if ok != wok || sig != wsig {
		t.Errorf("nearSignature(%q) = %v %v, want %v %v", n, sig.String(), ok, wsig.String(), wok)
	}
	// NewRecord hashes in its own buffer, with the []byte instances.
	if strings.TrimSpace(text) == "" {
		return
	}
	r := NewRecord(t0, "a", "", "", text, false)
	wantSim := ""
	if wok {
		wantSim = wsig.String()
	}
	if r.Exact != hex64(refFingerprint(strings.TrimSpace(text))) || r.Norm != hex64(refFingerprint(want)) || r.Sim != wantSim {
		t.Errorf("NewRecord(%q) = %+v, want norm %x sim %s", text, r, refFingerprint(want), wantSim)
	}
}

// TestNearSignatureRepeats compares nearSignature with the reference on
// texts whose shingles repeat, which it hashes once, up to and past the
// number its table of seen shingles holds.
func TestNearSignatureRepeats(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, vocab := range []int{1, 2, 3, 5, 20, 1000} {
		for _, n := range []int{6, 7, 30, seenMax, seenMax + 2, seenMax + 3, 3 * seenSlots} {
			var b strings.Builder
			for i := range n {
				if i > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "w%d", rng.IntN(vocab))
			}
			checkSameRecord(t, b.String())
		}
	}
}

// TestASCIIHostSkipsIDNA backs canonicalURL's shortcut: ToASCII leaves a
// lowercase ASCII host without an "xn--" label unchanged or fails.
func TestASCIIHostSkipsIDNA(t *testing.T) {
	const alpha = "abcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=%:@[]xn"
	rng := rand.New(rand.NewPCG(3, 3))
	for range 200_000 {
		b := make([]byte, 1+rng.IntN(24))
		for i := range b {
			if rng.IntN(6) == 0 {
				b[i] = '.'
			} else {
				b[i] = alpha[rng.IntN(len(alpha))]
			}
		}
		h := string(b)
		if strings.Contains(h, "xn--") {
			continue
		}
		if a, err := idna.Lookup.ToASCII(h); err == nil && a != h {
			t.Errorf("ToASCII(%q) = %q", h, a)
		}
	}
}

// BenchmarkNearSignature compares nearSignature with the reference copy on
// the normalised genText posts, in one run so that a busy machine slows both.
func BenchmarkNearSignature(b *testing.B) {
	rng := rand.New(rand.NewPCG(6, 6))
	norms := make([]string, 1000)
	for i := range norms {
		norms[i] = Normalize(genText(rng))
	}
	for _, bc := range []struct {
		name string
		fn   func(string) (signature, bool)
	}{{"ref", refNearSignature}, {"new", nearSignature[string]}} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				bc.fn(norms[i%len(norms)])
				i++
			}
		})
	}
}

// BenchmarkFingerprint compares what NewRecord computes (Normalize, the
// two keys and the signature) with the reference implementation, on the
// corpusgen texts and on the plain genText posts, in one run so that a
// busy machine slows both alike.
func BenchmarkFingerprint(b *testing.B) {
	rng := rand.New(rand.NewPCG(6, 6))
	posts := make([]string, 1000)
	for i := range posts {
		posts[i] = genText(rng)
	}
	ref := func(text string) {
		n := refNormalize(text)
		_ = refFingerprint(strings.TrimSpace(text))
		_ = refFingerprint(n)
		refNearSignature(n)
	}
	cur := func(text string) {
		n := normText(text)
		_ = fingerprint(strings.TrimSpace(text))
		_ = fingerprint(n)
		nearSignature(n)
	}
	for _, set := range []struct {
		name  string
		texts []string
	}{{"corpus", corpusTexts()}, {"posts", posts}} {
		for _, bc := range []struct {
			name string
			fn   func(string)
		}{{"ref", ref}, {"new", cur}} {
			b.Run(set.name+"/"+bc.name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					bc.fn(set.texts[i%len(set.texts)])
					i++
				}
			})
		}
	}
}

func TestIsInvisibleAllRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := isInvisible(r), refIsInvisible(r); got != want {
			t.Errorf("isInvisible(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestFoldBlocks checks mayFold against cases.Fold on every code point.
func TestFoldBlocks(t *testing.T) {
	fold := cases.Fold()
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if fold.String(s) != s && !mayFold(r) {
			t.Errorf("cases.Fold changes %U, mayFold says it does not", r)
		}
	}
}

func TestHex64(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, v := range []uint64{0, 1, 0xF, 0x10, 1 << 63, ^uint64(0), rng.Uint64(), rng.Uint64() >> 20} {
		want := strconv.FormatUint(v, 16)
		want = strings.Repeat("0", 16-len(want)) + want
		if got := hex64(v); got != want {
			t.Errorf("hex64(%#x) = %q, want %q", v, got, want)
		}
	}
}

// TestRuneBlocks checks what runeBlocks says of every code point against
// norm, isInvisible, the unicode tables and cases.Fold, and backs
// nfkcVisible's splitting of a text into segments: a boundary rune
// combines with nothing before it, so the NFKC of a text ending before it
// does not change when it follows.
func TestRuneBlocks(t *testing.T) {
	fold := cases.Fold()
	// Texts that a rune decomposing into something else might join.
	before := []string{"e", "a\u0301", "\u30ab", "\uff76", "\uac00", "\u1100", "\u0301", "\u05d0", "\u0928", "\u200b", "\u0b47", "\u0dd9", "\u1025"}
	// nfkcVisible copies ASCII without looking it up.
	for c := range utf8.RuneSelf {
		s := string(rune(c))
		if !isBoundary(s) || norm.NFKC.String(s) != s || isInvisible(rune(c)) {
			t.Errorf("ASCII %q is not a visible boundary unchanged by NFKC", s)
		}
	}
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		blk := blockOf(r)
		info := blk.info[r&63]
		boundary := norm.NFKC.PropertiesString(s).BoundaryBefore()
		n := norm.NFKC.String(s)
		d := norm.NFKD.String(s)
		if boundary && d != s {
			// Norm's BoundaryBefore holds for the rune; it must for what
			// the rune decomposes into as well.
			first, _ := utf8.DecodeRuneInString(d)
			boundary = norm.NFKC.PropertiesString(string(first)).BoundaryBefore()
		}
		if got := info&runeBoundary != 0; got != boundary {
			t.Errorf("%U: boundary %v, want %v", r, got, boundary)
		}
		if got := info&runeNFKC != 0; got != (n != s) {
			t.Errorf("%U: NFKC changes it: %v, want %v", r, got, n != s)
		}
		if boundary && n != s && blk.nfkc[r&63] != refStripInvisible(n) {
			t.Errorf("%U: NFKC %q, want %q", r, blk.nfkc[r&63], refStripInvisible(n))
		}
		if got := info&runeInvisible != 0; got != refIsInvisible(r) {
			t.Errorf("%U: invisible %v", r, got)
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
		if got := info&runeWord != 0; got != word {
			t.Errorf("%U: word %v, want %v", r, got, word)
		}
		if got := info&runeDigit != 0; got != unicode.IsDigit(r) {
			t.Errorf("%U: digit %v", r, got)
		}
		f := fold.String(s)
		if got := info&runeFolds != 0; got != (f != s) || got && blk.fold[r&63] != f {
			t.Errorf("%U: folds %v, want %q", r, got, f)
		}
		if !boundary || d == s {
			// Unchanged by NFKD, the rune is its own boundary, as norm says.
			continue
		}
		for _, b := range before {
			if got, want := norm.NFKC.String(b+s), norm.NFKC.String(b)+n; got != want {
				t.Errorf("NFKC(%+q) = %+q, want %+q", b+s, got, want)
			}
		}
	}
}

// urlInputs are link shapes canonicalURL is compared on: the links of the
// corpus and of the seeds, and variations that each break one condition of
// appendSimpleCanonicalURL.
func urlInputs(t testing.TB) []string {
	var in []string
	for _, s := range sameInputs(t) {
		for _, e := range twittertext.ExtractURLs(s) {
			in = append(in, s[e.Start:e.End])
		}
	}
	in = append(in, []string{
		"example.com", "Example.COM/", "www.example.com./a/b/", "WWW.x.org", "www.", ".", "a..b", "x.y/", "x.y//",
		"http://example.com", "https://WWW.Example.com/A/B?utm_source=x&b=2&a=1&&c", "ftp://a.b/c", "HTTPS://a.b?x",
		"a.b?", "a.b?utm_x=1", "a.b?e=a@b", "a.b/c?e=a@b", "user@a.b", "mailto:a@b.c", "mailto:x", "a.b:8080/x", "a.b:80",
		"a.b/%7E", "a.b/x%zz", "a.b?q=%zz", "a.b/x y", "a.b?x=1#f", "a.b#f", "a.b/p#", "xn--mnchen-3ya.de/x", "XN--mnchen-3ya.de",
		"a.xN--p1ai", "münchen.de/x", "a.b/ü", "a.b?q=ü", "1.2.3.4/x", "[::1]/x", "http://[::1]:80/", "http:///x",
		"://a.b", "1http://a.b", "h-t://a.b", "a?b://c", "http://a.com/x?r=http://b.com", "a.b/~x_y-z.q/", "a.b?*'()!$,;:@/?",
		"a.b/x?y?z", "a.b?fbclid=1&FBCLID=2&Si=3&x", "sub_x.a.b", "a.b/\x7f", "a.b?\x01", "a.b/*", "*",
		"mailto:1/X", "MAILTO:80", "a.b:0123/x#F", "a.b:/x", "a.b:", "a.b:80:90/x", "a.b:8o/x", "http://a.b:443#",
		"a.b/x#a?b!(c)", "a.b#x#y", "a.b#%41", "a.b#x y", "a.b/(x)|y", "a.b/x@y", "x@a.b/c", "a.b/;x=1,y'", "a.b/[x]",
		"ÉXAMPLE.com:8080/a", "WWW.München.DE./", "www.münchen.de:443/x", "xn--MNCHEN-3ya.de:443/x", "é", "é.", "\xff.com/x",
		"ｗｗｗ.example.com/x", "ß.de", "İ.com", "a\u200b.com", "a..é", "-é.com/x#f",
		"a.b/x|y", "a.b/(x)|[y]!*'", "a.b/é/", "a.b/x%7Cy|", "a.b/x y|", "a.b/\xff", "a.b/x\x7f|", "a.b/x\\y", "a.b/\"<>^`{}",
		"a.b/x|#(f)|", "é.b/ü?q=ü#ü", "a.b/x|/", "a.b/[x]|",
		"a.b?m\u212At_tok=1&x=2", "http://a.b/?m\u212At_tok=1&Mkt_Tok=2&y", "a.b?UTM_x=1&Utm_=2&utm=3&WT.MC_ID=4",
		"a.b?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&utm_x=0&j", "a.b?averyveryverylongparametername=1&fbclid=2",
	}...)
	return in
}

// TestCanonicalURLSame compares canonicalURL, with its shortcut for simple
// links, with the reference copy.
func TestCanonicalURLSame(t *testing.T) {
	for _, u := range urlInputs(t) {
		if got, want := canonicalURL(u), refCanonicalURL(u); got != want {
			t.Errorf("canonicalURL(%q) = %q, want %q", u, got, want)
		}
	}
}

// FuzzCanonicalURLSame compares canonicalURL with the reference copy on
// arbitrary input.
func FuzzCanonicalURLSame(f *testing.F) {
	for _, u := range urlInputs(f)[:2000] {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if got, want := canonicalURL(u), refCanonicalURL(u); got != want {
			t.Errorf("canonicalURL(%q) = %q, want %q", u, got, want)
		}
	})
}

// TestNormalizeSameLongSegments compares Normalize with the reference on
// segments that normalise in pieces: runs of combining marks past the 30
// non-starters after which NFKC inserts U+034F, reordered marks, Hangul
// jamo, and such segments next to each other and to invisible characters.
func TestNormalizeSameLongSegments(t *testing.T) {
	marks := []string{"\u0301", "\u0323", "\u0308", "\u05b4", "\u0e38", "\u3099", "\u200b", "\ufe0f"}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, base := range []string{"a", "\u1100", "\u3131", "e\u0301", "\uac00", "\u00c5", "\ufb01", "\u2460", " "} {
		for _, n := range []int{1, 2, 29, 30, 31, 32, 60, 61, 100} {
			var b strings.Builder
			for range 3 {
				b.WriteString(base)
				for range n {
					b.WriteString(marks[rng.IntN(len(marks))])
				}
			}
			checkSameRecord(t, b.String())
			checkSameRecord(t, "word "+b.String()+"\u1161\u11a8 x")
		}
	}
}

// refHasWideDigit is hasWideDigit, decoding every character.
func refHasWideDigit(word string) bool {
	for _, r := range word {
		if r >= utf8.RuneSelf && r != utf8.RuneError && unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// TestHasWideDigit tries every character outside ASCII, alone and after
// others, against unicode.IsDigit.
func TestHasWideDigit(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		for _, w := range []string{s, "a" + s, "日本" + s + "x", "\xe4" + s} {
			if got, want := hasWideDigit(w), refHasWideDigit(w); got != want {
				t.Fatalf("hasWideDigit(%+q) = %v, want %v", w, got, want)
			}
			if got := hasWideDigit([]byte(w)); got != refHasWideDigit(w) {
				t.Fatalf("hasWideDigit([]byte(%+q)) = %v", w, got)
			}
		}
	}
}

// FuzzHasWideDigit checks hasWideDigit against decoding every character,
// on any bytes.
func FuzzHasWideDigit(f *testing.F) {
	for _, s := range []string{"", "abc", "١٢", "x٣y", "日本", "\xe4\xd9\xa0", "\xd9", "४", "𝟎"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasWideDigit(s), refHasWideDigit(s); got != want {
			t.Errorf("hasWideDigit(%+q) = %v, want %v", s, got, want)
		}
	})
}
