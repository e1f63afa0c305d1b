package lint

import (
	"testing"
	"unicode/utf8"
)

func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "abc", "héllo", "日本語", "😀x", "\xff\xfe", "a\xe6\x97", "\xe6\x97\xa5\x80", "\xf0\x9f\x98"} {
		if got, want := runeCount([]byte(s)), utf8.RuneCount([]byte(s)); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzRuneCount checks runeCount against utf8.RuneCount on any bytes.
func FuzzRuneCount(f *testing.F) {
	f.Add([]byte("héllo 日本 \xff 😀"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := runeCount(b), utf8.RuneCount(b); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", b, got, want)
		}
	})
}
