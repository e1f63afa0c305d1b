// Package shared finds the third-party test data that lives beside the
// repository, in ../shared: read by tests, never copied into the
// repository.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns <repository root>/../shared/<elem...>, or skips the test
// with a message when it is absent. The repository root is the nearest
// folder upward from the working directory that holds go.mod.
func Dir(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("skipping: repository root (go.mod) not found")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipping: the shared test data %s is absent", p)
	}
	return p
}
