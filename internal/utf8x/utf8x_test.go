package utf8x

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xlint/xlint/twittertext/corpusgen"
)

// check compares Valid and RuneCount with unicode/utf8 on b.
func check(t *testing.T, b []byte) {
	t.Helper()
	if got, want := Valid(b), utf8.Valid(b); got != want {
		t.Fatalf("Valid(%q) = %v, want %v", b, got, want)
	}
	if got, want := RuneCount(b), utf8.RuneCount(b); got != want {
		t.Fatalf("RuneCount(%q) = %d, want %d", b, got, want)
	}
}

// interesting are the bytes at which UTF-8's rules change: ASCII, the
// edges of the continuation ranges, every kind of lead byte and the
// bytes that are never valid.
var interesting = []byte{
	0x00, 'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
	0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
}

// TestSequences tries every sequence of one to four interesting bytes at
// several offsets of an eight-byte word, after ASCII and after a complete
// character, alone and followed by more text, so that the word-at-a-time
// loop and the byte-at-a-time tail both meet every transition.
func TestSequences(t *testing.T) {
	var buf []byte
	var try func(seq []byte)
	try = func(seq []byte) {
		for _, before := range []string{"", "é", "abc", "abcdefg"} {
			for _, after := range []string{"", "zzzzzzzzz"} {
				buf = append(append(append(buf[:0], before...), seq...), after...)
				check(t, buf)
			}
		}
		if len(seq) < 4 {
			for _, c := range interesting {
				try(append(seq, c))
			}
		}
	}
	try(nil)
}

func TestCorpus(t *testing.T) {
	for _, s := range corpusgen.Generate(1, 1000) {
		check(t, []byte(s))
	}
	long := []byte(strings.Repeat("ascii text ", 100) + "é" + strings.Repeat("日本語", 50) + "\xff" + strings.Repeat("x", 20))
	check(t, long)
	check(t, long[:len(long)-21])
	check(t, bytes.Repeat([]byte("\xf0\x9f\x98\x80"), 33))
	check(t, bytes.Repeat([]byte("\xf0\x9f\x98"), 33))
}

// FuzzUTF8 checks Valid and RuneCount against unicode/utf8 on any bytes.
func FuzzUTF8(f *testing.F) {
	for _, s := range []string{"", "héllo 日本 \xff 😀", "abcdefgh\xe6\x97", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 past U+10FFFF", "\xc0\xaf overlong"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		check(t, b)
	})
}

func corpus() ([][]byte, int) {
	var texts [][]byte
	size := 0
	for _, s := range corpusgen.Generate(1, 1000) {
		texts = append(texts, []byte(s))
		size += len(s)
	}
	return texts, size
}

func benchmark(b *testing.B, fn func([]byte)) {
	texts, size := corpus()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			fn(t)
		}
	}
}

// The benchmarks run over the texts of the mixed corpus, whose scripts
// change every few characters, then over ASCII.
func BenchmarkValid(b *testing.B)         { benchmark(b, func(t []byte) { Valid(t) }) }
func BenchmarkValidStd(b *testing.B)      { benchmark(b, func(t []byte) { utf8.Valid(t) }) }
func BenchmarkRuneCount(b *testing.B)     { benchmark(b, func(t []byte) { RuneCount(t) }) }
func BenchmarkRuneCountStd(b *testing.B)  { benchmark(b, func(t []byte) { utf8.RuneCount(t) }) }
func BenchmarkValidASCII(b *testing.B)    { benchmarkASCII(b, func(t []byte) { Valid(t) }) }
func BenchmarkValidASCIIStd(b *testing.B) { benchmarkASCII(b, func(t []byte) { utf8.Valid(t) }) }

func benchmarkASCII(b *testing.B, fn func([]byte)) {
	t := []byte(strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20))
	b.SetBytes(int64(len(t)))
	for b.Loop() {
		fn(t)
	}
}
