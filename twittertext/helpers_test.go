package twittertext

import (
	"os"
	"path/filepath"
)

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
	return n
}

func readFile(dir, name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
