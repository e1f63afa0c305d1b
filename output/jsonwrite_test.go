package output

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/xlint/xlint/lint"
)

// TestJSONMatchesEncodingJSON checks the hand-written check report against
// encoding/json's rendering of the same wire structs, byte for byte: the
// writer exists only to be faster, never to differ.
func TestJSONMatchesEncodingJSON(t *testing.T) {
	// Over 128 posts, blocks of posts are encoded in parallel.
	var many []lint.Result
	for len(many) < 1000 {
		many = append(many, fixture(t)...)
	}
	for name, results := range map[string][]lint.Result{
		"fixture":    fixture(t),
		"empty":      nil,
		"1000 posts": many,
	} {
		var got bytes.Buffer
		if err := JSON(&got, results, Options{}); err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(NewReport(results), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: hand-written JSON differs from encoding/json:\n--- got\n%s\n--- want\n%s", name, got.Bytes(), want)
		}
	}
}

// TestManyURLsGrowOnce checks that a post of many links is written into
// room made once for all of them, not by doubling its buffer: a hostile
// draft of millions of links would otherwise hold twice the report.
func TestManyURLsGrowOnce(t *testing.T) {
	p := &ReportPost{File: "posts/links.md", Line: 1}
	for i := range 5000 {
		p.URLs = append(p.URLs, ReportURL{URL: "https://example.com/a/" + strconv.Itoa(i), Host: "example.com", Line: 1_000_000 + i, Column: 9_000_000 + i})
	}
	b := appendReportPost(make([]byte, 0, 1024), p, 2)
	var back ReportPost
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.URLs, p.URLs) {
		t.Fatal("the links read back differ from those written")
	}
	allocs := testing.AllocsPerRun(5, func() {
		b = appendReportPost(make([]byte, 0, 1024), p, 2)
	})
	// One for the buffer made at the start, one for the room for the
	// links, and a closure that the race detector's build may put on the
	// heap; doubling took 25.
	if allocs > 4 {
		t.Errorf("writing 5,000 links allocated %v times, want at most 4 (cap %d for %d bytes)", allocs, cap(b), len(b))
	}
}
