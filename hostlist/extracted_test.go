package hostlist

import (
	"testing"

	"github.com/xlint/xlint/twittertext"
	"github.com/xlint/xlint/twittertext/corpusgen"
)

// TestHostOfExtractedURLs: every URL twittertext extracts from the
// generated corpus has a host HostOf can normalise, but for the few whose
// label starts with a combining mark.
func TestHostOfExtractedURLs(t *testing.T) {
	n, failed := 0, 0
	for _, s := range corpusgen.Generate(1, 5000) {
		for _, u := range twittertext.ExtractURLs(s) {
			n++
			if _, err := HostOf(u.Text); err != nil {
				failed++
				t.Logf("%v", err)
			}
		}
	}
	if n < 5000 || failed > n/1000 {
		t.Errorf("HostOf failed on %d of %d extracted URLs", failed, n)
	}
}
