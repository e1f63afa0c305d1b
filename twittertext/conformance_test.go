package twittertext

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/xlint/xlint/internal/shared"
)

type conformanceCase struct {
	Description string    `yaml:"description"`
	Text        string    `yaml:"text"`
	Expected    yaml.Node `yaml:"expected"`
}

func loadConformance(t *testing.T, file string) map[string][]conformanceCase {
	t.Helper()
	dir := shared.Dir(t, "conformance", "twitter-text")
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests map[string][]conformanceCase `yaml:"tests"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc.Tests
}

type indexed struct {
	Text    string
	Indices [2]int
}

// entitiesUTF16 renders entities with UTF-16 indices, as the YAML has them.
func entitiesUTF16(text string, es []Entity) []indexed {
	out := make([]indexed, 0, len(es))
	for _, e := range es {
		out = append(out, indexed{e.Text, [2]int{utf16Index(text, e.Start), utf16Index(text, e.End)}})
	}
	return out
}

func decodeIndexed(t *testing.T, n *yaml.Node, key string) []indexed {
	t.Helper()
	var raw []map[string]any
	if err := n.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	var out []indexed
	for _, m := range raw {
		idx := m["indices"].([]any)
		text, _ := m[key].(string)
		if key == "screen_name" {
			if slug, _ := m["list_slug"].(string); slug != "" {
				text += slug
			}
		}
		out = append(out, indexed{text, [2]int{idx[0].(int), idx[1].(int)}})
	}
	return out
}

func texts(es []Entity) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

func TestConformanceExtract(t *testing.T) {
	tests := loadConformance(t, "extract.yml")
	plain := map[string]func(string) []Entity{
		"urls":                 ExtractURLs,
		"tco_urls_with_params": ExtractURLs,
		"mentions":             ExtractMentions,
		"cashtags":             ExtractCashtags,
	}
	withIndices := map[string]struct {
		fn  func(string) []Entity
		key string
	}{
		"urls_with_indices":              {ExtractURLs, "url"},
		"urls_with_directional_markers":  {ExtractURLs, "url"},
		"mentions_with_indices":          {ExtractMentions, "screen_name"},
		"mentions_or_lists_with_indices": {ExtractMentionsOrLists, "screen_name"},
		"cashtags_with_indices":          {ExtractCashtags, "cashtag"},
	}
	for section, fn := range plain {
		cases := tests[section]
		if len(cases) == 0 {
			t.Errorf("extract.yml has no %s section", section)
		}
		for _, c := range cases {
			var want []string
			if err := c.Expected.Decode(&want); err != nil {
				t.Fatalf("%s %q: %v", section, c.Description, err)
			}
			if got := texts(fn(c.Text)); !slices.Equal(got, want) {
				t.Errorf("%s: %s\ntext %q\n got %q\nwant %q", section, c.Description, c.Text, got, want)
			}
		}
	}
	for section, w := range withIndices {
		cases := tests[section]
		if len(cases) == 0 {
			t.Errorf("extract.yml has no %s section", section)
		}
		for _, c := range cases {
			want := decodeIndexed(t, &c.Expected, w.key)
			if got := entitiesUTF16(c.Text, w.fn(c.Text)); !slices.Equal(got, want) {
				t.Errorf("%s: %s\ntext %q\n got %v\nwant %v", section, c.Description, c.Text, got, want)
			}
		}
	}
}

func TestConformanceTLDs(t *testing.T) {
	tests := loadConformance(t, "tlds.yml")
	n := 0
	for _, section := range []string{"country", "generic"} {
		for _, c := range tests[section] {
			var want []string
			if err := c.Expected.Decode(&want); err != nil {
				t.Fatal(err)
			}
			n++
			if got := texts(ExtractURLs(c.Text)); !slices.Equal(got, want) {
				t.Errorf("%s: %s: got %q, want %q", section, c.Description, got, want)
			}
		}
	}
	if n < 1500 {
		t.Errorf("tlds.yml gave only %d cases", n)
	}
}

func TestConformanceValidate(t *testing.T) {
	tests := loadConformance(t, "validate.yml")
	for _, c := range tests["tweets"] {
		var want bool
		if err := c.Expected.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := Parse(c.Text, V1).Valid; got != want {
			t.Errorf("tweets: %s: valid %v, want %v", c.Description, got, want)
		}
	}
	sections := []struct {
		name string
		c    *Config
	}{
		{"WeightedTweetsCounterTest", V2},
		{"WeightedTweetsWithDiscountedEmojiCounterTest", V3},
		{"UnicodeDirectionalMarkerCounterTest", V3},
	}
	for _, s := range sections {
		cases := tests[s.name]
		if len(cases) == 0 {
			t.Errorf("validate.yml has no %s section", s.name)
		}
		for _, c := range cases {
			var want struct {
				WeightedLength int  `yaml:"weightedLength"`
				Valid          bool `yaml:"valid"`
				ValidRangeEnd  int  `yaml:"validRangeEnd"`
			}
			if err := c.Expected.Decode(&want); err != nil {
				t.Fatal(err)
			}
			got := Parse(c.Text, s.c)
			// validRangeEnd is the inclusive UTF-16 index of the last valid
			// unit; ValidEnd is the byte offset just past it.
			gotEnd := utf16Index(c.Text, got.ValidEnd) - 1
			if got.WeightedLength != want.WeightedLength || got.Valid != want.Valid || gotEnd != want.ValidRangeEnd {
				t.Errorf("%s: %s\ngot  length %d valid %v validRangeEnd %d\nwant length %d valid %v validRangeEnd %d",
					s.name, c.Description, got.WeightedLength, got.Valid, gotEnd, want.WeightedLength, want.Valid, want.ValidRangeEnd)
			}
		}
	}
}
