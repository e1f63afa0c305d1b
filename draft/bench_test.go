package draft

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xlint/xlint/twittertext/corpusgen"
)

// A typical draft: three keys of front matter and a 200-character post.
var typicalMarkdown = []byte("---\naccount: acme\nat: 2026-03-01T09:30:00Z\nmedia: [clips/launch.mp4]\n---\n" +
	strings.Repeat("Launch day! Our new release is out 🚀 with faster sync. ", 4)[:200] + "\n")

func BenchmarkParseMarkdown(b *testing.B) {
	b.SetBytes(int64(len(typicalMarkdown)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("post.md", typicalMarkdown); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMarkdownNoFrontMatter(b *testing.B) {
	data := typicalMarkdown[strings.LastIndex(string(typicalMarkdown), "---\n")+4:]
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("post.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	data := []byte(`{"account": "acme", "at": "2026-03-01T09:30:00Z", "media_paths": ["clips/launch.mp4"], "text": "Launch day! Our new release is out \ud83d\ude80 with faster sync.\nRead more at https://example.com/launch"}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("post.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMarkdown2MB(b *testing.B) {
	data := []byte("---\naccount: a\n---\n" + strings.Repeat("word 😀 日本\r\n", 2<<20/16))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("big.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseJSONLCorpus reads 5,000 posts of the mixed corpus (many
// scripts, emoji, links, escaped newlines, tabs and quotes) as one JSON
// Lines file, as xlint check reads the corpus it is timed on.
func BenchmarkParseJSONLCorpus(b *testing.B) {
	var data []byte
	for _, text := range corpusgen.Generate(1, 5000) {
		line, err := json.Marshal(map[string]string{"text": text})
		if err != nil {
			b.Fatal(err)
		}
		data = append(append(data, line...), '\n')
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("corpus.jsonl", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFiles10k expands a folder of 10,000 drafts, named once (the
// usual run, where no file can be found twice) and twice: telling the same
// file apart must stay linear in the number of files.
func BenchmarkFiles10k(b *testing.B) {
	dir := b.TempDir()
	for i := range 10_000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.md", i)), []byte("x"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, bm := range []struct {
		name  string
		paths []string
	}{
		{"once", []string{dir}},
		{"twice", []string{dir, dir + string(filepath.Separator)}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				files, errs := Files(bm.paths)
				if len(files) != 10_000 || len(errs) > 0 {
					b.Fatalf("%d files, errors %v", len(files), errs)
				}
			}
		})
	}
}
