package rules

import (
	"testing"
)

// FuzzNextInvalid checks nextInvalid against decoding every character,
// which it stands in for.
func FuzzNextInvalid(f *testing.F) {
	for _, s := range []string{"", "plain", "a\uFEFFb", "\uFFFE", "x\uFFFF", "\uFFFD\uFFEE日本", "\xef\xbb", "\xef\xef\xbb\xbf", "\xe0\xef\xbf\xbe", "\xef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wantAt, wantR := -1, rune(0)
		for i, r := range s {
			if _, bad := invalidNames[r]; bad {
				wantAt, wantR = i, r
				break
			}
		}
		if at, r := nextInvalid(s); at != wantAt || r != wantR {
			t.Errorf("nextInvalid(%q) = %d, %U; want %d, %U", s, at, r, wantAt, wantR)
		}
	})
}
