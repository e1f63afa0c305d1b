package history

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// Case, spacing and punctuation.
		{"Hello, World!", "hello world"},
		{"  hello \t\n world  ", "hello world"},
		{"hello,world", "hello world"},
		{"Don't stop", "dont stop"},
		{"Don\u2019t stop", "dont stop"},
		{"'quoted'", "quoted"},
		{"STRASSE Straße", "strasse strasse"},
		// Unicode forms.
		{"\uff21\uff22\uff23 abc", "abc abc"},
		{"cafe\u0301", "caf\u00e9"},
		{"\u00bd", "1 2"}, // NFKC turns the fraction into 1⁄2; the slash separates
		// Invisible characters.
		{"a\u200bb", "ab"},
		{"\ufeffhello\u200d\u2060", "hello"},
		{"\u200ehello\u202e", "hello"},
		// Emoji and symbols.
		{"ship it \U0001F680\U0001F680", "ship it"},
		{"great \U0001F44D\U0001F3FD", "great"},
		{"\U0001F44D\U0001F3FD", "\U0001F44D"},
		{"\u2764\ufe0f \u2764", "\u2764 \u2764"},
		{"price $19 \u20ac20", "price 19 20"},
		{"#golang @Alice", "golang alice"},
		// URLs.
		{"see https://www.Example.COM/a/", "see example.com/a"},
		{"see http://example.com:80/a?utm_source=x&b=2&a=1&fbclid=z", "see example.com/a?a=1&b=2"},
		{"see example.com/Path?id=7&si=abc#Top", "see example.com/Path?id=7#Top"},
		{"see https://example.com:8443/", "see example.com:8443"},
		{"see https://M\u00fcnchen.de/a", "see xn--mnchen-3ya.de/a"},
		{"see xn--mnchen-3ya.de/a", "see xn--mnchen-3ya.de/a"},
		// X links neither e-mail addresses nor scheme-less non-ASCII hosts:
		// they are words.
		{"mail Foo@Example.com", "mail foo example com"},
		{"(https://example.com/x).", "example.com/x"},
		// Scripts without case.
		{"\u65e5\u672c\u8a9e\u3001\u30c6\u30b9\u30c8", "\u65e5\u672c\u8a9e \u30c6\u30b9\u30c8"},
		{"pi is 3.14, e.g. this", "pi is 3 14 e g this"},
		{"see 例え.jp/パス", "see 例え jp パス"},
		{"see https://例え.jp/パス", "see xn--r8jz45g.jp パス"}, // twitter-text ends the path there
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	if ExactKey(" hi ") != ExactKey("hi") {
		t.Error("ExactKey should ignore surrounding whitespace")
	}
	if ExactKey("hi") == ExactKey("Hi") {
		t.Error("ExactKey should be case-sensitive")
	}
	if NormKey("Hi!") != NormKey("hi") {
		t.Error("NormKey should equal for normalised-equal texts")
	}
	for _, k := range []string{ExactKey("x"), NormKey("x"), ExactKey("")} {
		if len(k) != 16 || strings.Trim(k, "0123456789abcdef") != "" {
			t.Errorf("key %q is not 16 hex digits", k)
		}
	}
}

func TestNearSignature(t *testing.T) {
	long := "we just released version two of the tool with faster checks and better messages"
	if _, ok := nearSignature("too short to sign"); ok {
		t.Error("a four-word text got a signature")
	}
	a, ok := nearSignature(long)
	if !ok {
		t.Fatal("no signature for a long text")
	}
	b, _ := nearSignature(long)
	if a.similarity(&b) != 1 {
		t.Errorf("identical texts: similarity %v", a.similarity(&b))
	}
	c, _ := nearSignature("an entirely different sentence about cooking pasta with garlic and olive oil tonight")
	if s := a.similarity(&c); s > 0.2 {
		t.Errorf("unrelated texts: similarity %v", s)
	}
	p, err := parseSignature(a.String())
	if err != nil || p != a {
		t.Errorf("signature does not round-trip: %v", err)
	}
	for _, bad := range []string{"", "zz", strings.Repeat("g", simHexLen)} {
		if _, err := parseSignature(bad); err == nil {
			t.Errorf("parseSignature(%q) accepted", bad)
		}
	}
}

// TestSimilarityCountsEqualBytes compares similarity's eight bytes at a
// time with a count of the agreeing positions one by one, on signatures
// agreeing at random positions on all sorts of byte values.
func TestSimilarityCountsEqualBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for range 10000 {
		var a, b signature
		for i := range a.mins {
			a.mins[i] = uint8(rng.IntN(256))
			switch rng.IntN(3) {
			case 0:
				b.mins[i] = a.mins[i]
			case 1:
				b.mins[i] = a.mins[i] ^ 1<<rng.IntN(8)
			default:
				b.mins[i] = uint8(rng.IntN(256))
			}
		}
		n := 0
		for i := range a.mins {
			if a.mins[i] == b.mins[i] {
				n++
			}
		}
		p := float64(n) / numHashes
		if want, got := max(0, (p-1.0/256)/(1-1.0/256)), a.similarity(&b); got != want {
			t.Fatalf("%x vs %x: similarity %v, want %v (%d equal)", a.mins, b.mins, got, want, n)
		}
	}
}
