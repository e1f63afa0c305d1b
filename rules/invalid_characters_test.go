package rules

import (
	"strings"
	"testing"
)

// FuzzHasInvalid checks hasInvalid against strings.ContainsAny, which it
// stands in for.
func FuzzHasInvalid(f *testing.F) {
	for _, s := range []string{"", "plain", "a\uFEFFb", "\uFFFE", "x\uFFFF", "\uFFFD\uFFEE日本", "\xef\xbb", "\xef\xef\xbb\xbf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasInvalid(s), strings.ContainsAny(s, "\uFFFE\uFEFF\uFFFF"); got != want {
			t.Errorf("hasInvalid(%q) = %v, want %v", s, got, want)
		}
	})
}
