package twittertext

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"mvdan.cc/xurls/v2"
)

// The tables in tables_generated.go are worked out here, at development
// time, so that a fresh process does not pay for them: expanding
// twemoji's pattern took 1.3 ms and building the TLD map 0.56 ms, on the
// first Parse of every run. TestGeneratedTables regenerates them in memory
// and fails when the committed file differs (for example after updating
// xurls or the pattern); "go generate" (or the -update flag) rewrites it.

var updateTables = flag.Bool("update", false, "rewrite "+generatedTablesFile)

const generatedTablesFile = "tables_generated.go"

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

// buildEmoji expands twemoji's pattern into the emoji table.
func buildEmoji() *emojiTable {
	t := &emojiTable{}
	var seqs []string
	for _, s := range expand(mustParse(twemojiPattern)) {
		n := utf8.RuneCountInString(s)
		t.maxRunes = max(t.maxRunes, n)
		first, size := utf8.DecodeRuneInString(s)
		if n == 1 {
			t.single.add(first)
			continue
		}
		seqs = append(seqs, s)
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
	t.seqs = newStrIndex(seqs)
	var buf [utf8.UTFMax]byte
	for r := rune(0x80); r < 0x20000; r++ {
		if t.single.has(r) || t.start.has(r) {
			utf8.EncodeRune(buf[:], r)
			t.lead[buf[0]] = true
			t.second[buf[0]] |= 1 << (buf[1] & 0x3F)
		}
	}
	for _, c := range "#*0123456789" {
		t.lead[c] = true
	}
	for _, s := range expand(mustParse(emojiLookaheadPattern)) {
		r, _ := utf8.DecodeRuneInString(s)
		t.lookahead.add(r)
	}
	return t
}

// canonString returns s in JavaScript case-canonical form.
func canonString(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(jsCanon(r))
	}
	return b.String()
}

type tldTable struct {
	set                      strIndex
	chars                    runeSet
	maxASCIITLD, maxTLDRunes int
}

// buildTLDs derives the TLD table from xurls.TLDs and the two corrections.
func buildTLDs() *tldTable {
	drop := make(map[string]bool)
	for _, t := range strings.Fields(newerTLDs) {
		drop[t] = true
	}
	tt := &tldTable{}
	set := make(map[string]bool)
	chars := make(map[rune]bool)
	add := func(t string) {
		if drop[t] || strings.HasPrefix(t, "xn--") {
			// xn-- names are matched by the punycode rule instead.
			return
		}
		c := canonString(t)
		set[c] = true
		for _, r := range c {
			chars[r] = true
		}
		tt.maxASCIITLD = max(tt.maxASCIITLD, len(t))
		tt.maxTLDRunes = max(tt.maxTLDRunes, utf8.RuneCountInString(t))
	}
	for _, t := range xurls.TLDs {
		add(t)
	}
	for _, t := range strings.Fields(retiredTLDs) {
		add(t)
	}
	var keys []string
	for k := range set {
		keys = append(keys, k)
	}
	tt.set = newStrIndex(keys)
	for r := range chars {
		if r >= 0x20000 {
			panic("twittertext: TLD code point out of range")
		}
		tt.chars.add(r)
	}
	return tt
}

// newStrIndex builds the hash set of keys.
func newStrIndex(keys []string) strIndex {
	keys = slices.Clone(keys)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) >= 1<<16-1 {
		panic("twittertext: too many keys for strIndex")
	}
	n := 1
	for n < 2*len(keys) {
		n *= 2
	}
	x := strIndex{keys: keys, slots: make([]uint16, n)}
	for i, k := range keys {
		j := strHash(k) & uint32(n-1)
		for x.slots[j] != 0 {
			j = (j + 1) & uint32(n-1)
		}
		x.slots[j] = uint16(i + 1)
	}
	return x
}

func writeStrIndex(b *bytes.Buffer, x strIndex) {
	b.WriteString("strIndex{\nkeys: []string{")
	for i, k := range x.keys {
		if i%8 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%+q, ", k)
	}
	b.WriteString("\n},\nslots: []uint16{")
	for i, s := range x.slots {
		if i%16 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d, ", s)
	}
	b.WriteString("\n},\n}")
}

func writeRuneSet(b *bytes.Buffer, s *runeSet) {
	b.WriteString("runeSet{")
	for i, w := range s {
		if w != 0 {
			fmt.Fprintf(b, "\n%#x: %#x,", i, w)
		}
	}
	b.WriteString("\n}")
}

// nfcStableRune reports whether r is NFC-stable as quickSpan needs it: in
// NFC on its own, of combining class 0, and a boundary that combines with
// nothing before it, so that a text of such code points is in NFC whatever
// surrounds it.
func nfcStableRune(r rune) bool {
	if r >= 0xD800 && r <= 0xDFFF {
		return false
	}
	s := string(r)
	p := norm.NFC.PropertiesString(s)
	return norm.NFC.IsNormalString(s) && p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.QuickSpanString(s) == len(s)
}

// buildNFCDoubt returns the code points below U+20000 that are not
// NFC-stable; they are few (combining marks, singletons, compatibility
// ideographs) and the table of them is short.
func buildNFCDoubt() *runeSet {
	var s runeSet
	for r := rune(0); r < 0x20000; r++ {
		if !nfcStableRune(r) {
			s.add(r)
		}
	}
	return &s
}

// generateTables returns the source of tables_generated.go.
func generateTables() []byte {
	e := buildEmoji()
	tt := buildTLDs()
	var b bytes.Buffer
	b.WriteString("// Code generated by TestGeneratedTables (go generate); DO NOT EDIT.\n\n")
	b.WriteString("package twittertext\n\n")
	b.WriteString("// emoji is twemojiPattern expanded; see buildEmoji in tables_test.go.\n")
	b.WriteString("var emoji = &emojiTable{\nseqs: ")
	writeStrIndex(&b, e.seqs)
	for _, f := range []struct {
		name string
		s    *runeSet
	}{{"single", &e.single}, {"start", &e.start}, {"cont", &e.cont}, {"lookahead", &e.lookahead}} {
		fmt.Fprintf(&b, ",\n%s: ", f.name)
		writeRuneSet(&b, f.s)
	}
	fmt.Fprintf(&b, ",\ncontTags: %v,\nmaxRunes: %d,\nlead: [256]bool{", e.contTags, e.maxRunes)
	for i, v := range e.lead {
		if v {
			fmt.Fprintf(&b, "%#x: true, ", i)
		}
	}
	b.WriteString("},\nsecond: [256]uint64{")
	for i, v := range e.second {
		if v != 0 {
			fmt.Fprintf(&b, "%#x: %#x, ", i, v)
		}
	}
	b.WriteString("},\n}\n\n")
	b.WriteString("// The TLDs of xurls.TLDs with retiredTLDs and without newerTLDs, in\n")
	b.WriteString("// JavaScript case-canonical form; see buildTLDs in tables_test.go.\n")
	b.WriteString("var tldSet = ")
	writeStrIndex(&b, tt.set)
	b.WriteString("\n\n// tldChars holds every code point of tldSet's keys.\nvar tldChars = ")
	writeRuneSet(&b, &tt.chars)
	b.WriteString("\n\n// nfcDoubt holds the code points below U+20000 that are not NFC-stable;\n")
	b.WriteString("// see nfcStableRune in tables_test.go.\nvar nfcDoubt = ")
	writeRuneSet(&b, buildNFCDoubt())
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "// maxASCIITLD and maxTLDRunes bound the candidates tried.\nconst (\nmaxASCIITLD = %d\nmaxTLDRunes = %d\n)\n", tt.maxASCIITLD, tt.maxTLDRunes)
	src, err := format.Source(b.Bytes())
	if err != nil {
		panic(err)
	}
	return src
}

func TestGeneratedTables(t *testing.T) {
	want := generateTables()
	if *updateTables {
		if err := os.WriteFile(generatedTablesFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(generatedTablesFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date: run go generate ./twittertext/", generatedTablesFile)
	}
}
