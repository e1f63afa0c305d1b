package twittertext

import (
	"slices"
	"testing"

	"github.com/xlint/xlint/twittertext/corpusgen"
)

// checkURLsIter checks that URLs yields what ExtractURLs returns, and
// stops when its caller does.
func checkURLsIter(t *testing.T, text string) {
	t.Helper()
	want := ExtractURLs(text)
	if got := slices.Collect(URLs(text)); !slices.Equal(got, want) {
		t.Fatalf("URLs(%q) = %v, ExtractURLs gives %v", text, got, want)
	}
	for stop := range len(want) {
		n := 0
		for e := range URLs(text) {
			if e != want[n] {
				t.Fatalf("URLs(%q): entity %d is %v, want %v", text, n, e, want[n])
			}
			if n == stop {
				break
			}
			n++
		}
		if n != stop {
			t.Fatalf("URLs(%q): broke out after %d, want %d", text, n, stop)
		}
	}
}

func TestURLsIter(t *testing.T) {
	for _, text := range append(corpusgen.Generate(7, 3000),
		"", "no links", "a.com b.com c.com d.com e.com f.com", "https://t.co/abc?x=1 and x.пример.com/a.b",
		"éa.b.c.d.e.f.com sub.example.日本.com/path", "a.co,b.co;c.co") {
		checkURLsIter(t, text)
	}
}

func FuzzURLsIter(f *testing.F) {
	addHostileSeeds(f)
	f.Add("a.com b.com x.пример.com/a.b")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return // the early stops re-walk the text once per URL
		}
		checkURLsIter(t, text)
	})
}
