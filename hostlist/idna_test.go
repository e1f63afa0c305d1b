package hostlist

import (
	"testing"
	"unicode/utf8"
)

// TestNormalizeIdempotentEveryRune normalises a host holding each
// character in turn inside a label, and checks that the result normalises
// to itself, as idnaHost counts on (FuzzNormalize checks the same of any
// host).
func TestNormalizeIdempotentEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("1.1 million characters; skipped with -short")
	}
	for r := rune(utf8.RuneSelf); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		h := "a" + string(r) + "b.de"
		n, err := Normalize(h)
		if err != nil {
			continue
		}
		if n2, err := Normalize(n); err != nil || n2 != n {
			t.Errorf("Normalize(%+q) = %q, but Normalize(%q) = %q, %v", h, n, n, n2, err)
		}
	}
}
