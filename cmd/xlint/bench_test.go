package main

import (
	"io"
	"strings"
	"testing"

	"github.com/xlint/xlint/internal/gen"
)

// BenchmarkCheckDrafts measures the whole check, reading included, of a
// folder of 10,000 Markdown drafts with front matter, as one run.
func BenchmarkCheckDrafts(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Drafts(dir, 10000); err != nil {
		b.Fatal(err)
	}
	args := []string{"check", "--no-config", "--no-history", "--format", "json", "--fail-on", "none", dir}
	b.ResetTimer()
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/draft")
}
