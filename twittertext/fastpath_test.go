package twittertext

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/xlint/xlint/twittertext/corpusgen"
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
	const alphabet = "$@＠. \t\u3000\u2000\u0085aZ_09#/:-éж日😀\u0301\uFE0F\u20E3\xff\xe3\x80"
	for range n / 2 {
		b := make([]byte, 0, 32)
		for range 1 + r.IntN(32) {
			b = append(b, alphabet[r.IntN(len(alphabet))])
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

func TestFastPaths(t *testing.T) {
	for _, text := range fastPathTexts(t) {
		if got, want := ExtractCashtags(text), cashtagsByScan(text); !slices.Equal(got, want) {
			t.Errorf("ExtractCashtags(%q) = %v, want %v", text, got, want)
		}
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
		for c1 := 0x00; c1 < 0x100; c1 += 0x10 {
			for _, c2 := range []byte{0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				buf = [4]byte{byte(c), byte(c1), c2, 0x80}
				check(string(buf[:]))
				check(string(buf[:2]))
				check(string(buf[:3]))
			}
		}
	}
	for _, s := range fastPathTexts(t) {
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
