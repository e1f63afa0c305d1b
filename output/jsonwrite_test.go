package output

import (
	"bytes"
	"encoding/json"
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
