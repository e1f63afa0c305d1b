// Package gen writes synthetic content for xlint's benchmarks: folders of
// drafts like a content repository's.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
)

// Drafts writes n Markdown drafts under dir, a hundred a folder: front
// matter, a couple of sentences and a link, and every few drafts emoji,
// CJK, a shortener, or mentions and cashtags.
func Drafts(dir string, n int) error {
	extras := []string{"", " 🎉", " 日本語のテキスト", " https://bit.ly/x", " #launch @acme $ACME"}
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		text := fmt.Sprintf("---\naccount: acct%d\nat: 2026-11-%02dT%02d:%02d:00Z\n---\n"+
			"Post number %d: we shipped feature %d today. Read the notes at https://example.com/notes/%d%s\n",
			i%7, 1+i%28, i%24, i%60, i, i*7, i, extras[i%len(extras)])
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%05d.md", i)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
