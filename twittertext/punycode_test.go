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
