package twittertext

import (
	"strings"
	"testing"
)

func TestPunycodeLen(t *testing.T) {
	tests := []struct {
		label string
		want  int
	}{
		{"example", 7},
		{"bücher", len("xn--bcher-kva")},
		{"пример", len("xn--e1afmkfd")},
		{"例え", len("xn--r8jz45g")},
		{"münchen", len("xn--mnchen-3ya")},
		{"a。b", 3}, // IDNA separators split the label
		{"😀", len("xn--e28h")},
		{strings.Repeat("a", 63), 63},
		{"a\x01\x7fb", 4}, // ASCII control characters are ASCII to node's punycode
	}
	for _, tt := range tests {
		if got := punycodeLen(tt.label, false); got != tt.want {
			t.Errorf("punycodeLen(%q) = %d, want %d", tt.label, got, tt.want)
		}
	}
}

// TestLabelFits checks the shortcut against the exact length.
func TestLabelFits(t *testing.T) {
	for _, base := range []string{"a", "é", "日", "😀", "\u0001", "a。", "\U0010FFFD"} {
		for n := 1; n <= 80; n++ {
			label := strings.Repeat(base, n)
			exact := punycodeLen(label, false)
			if got, want := labelFits(label, false), exact >= 1 && exact <= 63; got != want {
				t.Errorf("labelFits(%d×%q) = %v, exact length %d", n, base, got, exact)
			}
		}
	}
}

// TestLabelsWithControlCharacters: under node, twitter-text's
// require("punycode") loads node's own punycode 2.1.0, which leaves a
// label of ASCII control characters as it is; punycode 1.4.1, which the
// port used to follow, encoded it, making such a label of 59 to 63
// characters too long. The expected values are node's (twitter-text
// 3.1.0, found by a differential fuzz).
func TestLabelsWithControlCharacters(t *testing.T) {
	a := strings.Repeat("a", 57)
	for _, tc := range []struct {
		text       string
		weighted   int
		start, end int
	}{
		{"a\x01" + a + ".co", 25, 2, 62},
		{"a\x7f" + a + ".co", 25, 2, 62},
		{"http://\x01a" + a + ".co", 23, 0, 69},
		{"a\x01b.co", 25, 2, 6},
		{"\x1f" + a + "aaaa.com", 24, 1, 66},
	} {
		r := Parse(tc.text, nil)
		if r.WeightedLength != tc.weighted || len(r.URLs) != 1 || r.URLs[0].Start != tc.start || r.URLs[0].End != tc.end {
			t.Errorf("Parse(%q) = %d, %v; want %d and one URL at [%d,%d)", tc.text, r.WeightedLength, r.URLs, tc.weighted, tc.start, tc.end)
		}
	}
}
