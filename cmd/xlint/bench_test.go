package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xlint/xlint/internal/gen"
	"github.com/xlint/xlint/twittertext/corpusgen"
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

// BenchmarkCheckCorpus measures the whole check, reading and JSON output
// included, of the 50,000 posts of the mixed corpus (seed 1) that
// scripts/bench-twitter-text.sh times against node's twitter-text: ten
// JSON Lines files of 5,000 posts, as one run without history.
func BenchmarkCheckCorpus(b *testing.B) {
	const posts, perFile = 50000, 5000
	dir := b.TempDir()
	texts := corpusgen.Generate(1, posts)
	args := []string{"check", "--no-config", "--no-history", "--format", "json", "--fail-on", "none"}
	for f := 0; f < posts/perFile; f++ {
		var data []byte
		for _, text := range texts[f*perFile : (f+1)*perFile] {
			line, err := json.Marshal(map[string]string{"text": text})
			if err != nil {
				b.Fatal(err)
			}
			data = append(append(data, line...), '\n')
		}
		name := filepath.Join(dir, fmt.Sprintf("corpus-%02d.jsonl", f))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			b.Fatal(err)
		}
		args = append(args, name)
	}
	b.ResetTimer()
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/posts, "ns/post")
}
