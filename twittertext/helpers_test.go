package twittertext

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// sharedDir returns <repository root>/../shared/<elem...>, or skips the test
// when it is absent: the third-party data there is read, never copied.
func sharedDir(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipping: repository root (go.mod) not found")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: shared test data %s is absent", p)
	}
	return p
}

// utf16Index converts a byte offset in s to a UTF-16 code unit index.
func utf16Index(s string, off int) int {
	n := 0
	for i, r := range s {
		if i >= off {
			break
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	if off > len(s) {
		off = len(s)
	}
	_ = utf8.RuneLen
	return n
}

func readFile(dir, name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
