package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/media"
	"github.com/xlint/xlint/rules"
)

// TestTooManyMediaLimits: each kind's count is a limit the config can
// change, as every limit of the contract is.
func TestTooManyMediaLimits(t *testing.T) {
	dir := t.TempDir()
	kinds := map[string]media.Kind{"v1.mp4": media.Video, "v2.mp4": media.Video, "g1.gif": media.GIF, "g2.gif": media.GIF}
	for name := range kinds {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	probe := func(path string) (media.Info, error) { return media.Info{Kind: kinds[filepath.Base(path)]}, nil }
	tests := []struct {
		config string
		files  []string
		want   []string // messages, in order
	}{
		{"", []string{"v1.mp4", "v2.mp4"}, []string{"the post attaches 2 videos; X allows at most 1"}},
		{"", []string{"g1.gif", "g2.gif"}, []string{"the post attaches 2 GIFs; X allows at most 1"}},
		{"limits: {max_videos: 2}", []string{"v1.mp4", "v2.mp4"}, nil},
		{"limits: {max_gifs: 2}", []string{"g1.gif", "g2.gif", "v1.mp4", "v2.mp4"}, []string{"the post attaches 2 videos; X allows at most 1"}},
	}
	for _, tt := range tests {
		cfg, err := lint.ParseConfig("c.yaml", []byte(tt.config))
		if err != nil {
			t.Fatal(err)
		}
		e, err := lint.NewEngine(cfg, []*lint.Rule{rules.TooManyMedia}, lint.Options{Now: now, Probe: probe})
		if err != nil {
			t.Fatal(err)
		}
		post := &lint.Post{Text: "clips", File: filepath.Join(dir, "post.md")}
		for _, f := range tt.files {
			post.Media = append(post.Media, lint.Media{Path: f})
		}
		var got []string
		for _, f := range e.Check([]*lint.Post{post})[0].Findings {
			got = append(got, f.Message)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q with %s: %q, want %q", tt.config, strings.Join(tt.files, ", "), got, tt.want)
		}
	}
}
