package media

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkProbe probes each fixture from disk (open, stat, headers).
func BenchmarkProbe(b *testing.B) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join("testdata", name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Probe(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
