package twittertext

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/xlint/xlint/twittertext/corpusgen"
	"golang.org/x/text/unicode/norm"
)

const (
	agreementSeed  = 20200331 // twitter-text 3.1.0's release date
	agreementTexts = 20000
)

type referenceResult struct {
	Version        string            `json:"version"`
	WeightedLength int               `json:"weightedLength"`
	Valid          bool              `json:"valid"`
	ValidRangeEnd  int               `json:"validRangeEnd"`
	URLs           []referenceEntity `json:"urls"`
	Mentions       []referenceEntity `json:"mentions"` // and lists
	Cashtags       []referenceEntity `json:"cashtags"`
}

type referenceEntity struct {
	URL     string `json:"url"` // the entity's text
	Indices [2]int `json:"indices"`
}

func referenceIndexed(es []referenceEntity) []indexed {
	var out []indexed
	for _, e := range es {
		out = append(out, indexed{e.URL, e.Indices})
	}
	return out
}

// runReference runs testdata/reference.js over texts, skipping the test
// when node or the twitter-text package is missing.
func runReference(t *testing.T, texts []string, config string) []referenceResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipping: node is not installed; install node and twitter-text 3.1.0 (npm install --prefix DIR twitter-text@3.1.0, NODE_PATH=DIR/node_modules) to compare with the reference")
	}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, s := range texts {
		if err := enc.Encode(map[string]string{"text": s, "config": config}); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node, "testdata/reference.js")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		t.Skipf("skipping: %s; set NODE_PATH to a node_modules holding twitter-text@3.1.0", strings.TrimSpace(stderr.String()))
	}
	if err != nil {
		t.Fatalf("reference.js: %v\n%s", err, stderr.String())
	}
	var res []referenceResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r referenceResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reference.js output: %v", err)
		}
		res = append(res, r)
	}
	if len(res) != len(texts) {
		t.Fatalf("reference.js gave %d results for %d texts", len(res), len(texts))
	}
	if res[0].Version != "3.1.0" {
		t.Skipf("skipping: the reference must be twitter-text 3.1.0, NODE_PATH has %s", res[0].Version)
	}
	return res
}

func TestAgreementWithReference(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the comparison with node in -short mode")
	}
	seed, n := uint64(agreementSeed), agreementTexts
	// TWITTERTEXT_CORPUS=seed:count compares another corpus, e.g. the
	// benchmark's (1:50000).
	if v := os.Getenv("TWITTERTEXT_CORPUS"); v != "" {
		if _, err := fmt.Sscanf(v, "%d:%d", &seed, &n); err != nil {
			t.Fatalf("TWITTERTEXT_CORPUS=%q: want seed:count", v)
		}
	}
	texts := corpusgen.Generate(seed, n)
	ref := runReference(t, texts, "v3")
	var withURLs, overLimit, nfc, failures int
	for i, text := range texts {
		want := ref[i]
		got := Parse(text, V3)
		urls := ExtractURLs(text)
		var msgs []string
		if got.WeightedLength != want.WeightedLength {
			msgs = append(msgs, fmt.Sprintf("weighted length %d, want %d", got.WeightedLength, want.WeightedLength))
		}
		if got.Valid != want.Valid {
			msgs = append(msgs, fmt.Sprintf("valid %v, want %v", got.Valid, want.Valid))
		}
		// parseTweet's validRangeEnd is exact only when NFC changes nothing.
		if norm.NFC.IsNormalString(text) {
			nfc++
			if end := max(utf16Index(text, got.ValidEnd)-1, 0); end != want.ValidRangeEnd {
				msgs = append(msgs, fmt.Sprintf("validRangeEnd %d, want %d", end, want.ValidRangeEnd))
			}
		}
		if got, want := entitiesUTF16(text, urls), referenceIndexed(want.URLs); !slices.Equal(got, want) {
			msgs = append(msgs, fmt.Sprintf("URLs %v, want %v", got, want))
		}
		if got, want := entitiesUTF16(text, ExtractMentionsOrLists(text)), referenceIndexed(want.Mentions); !slices.Equal(got, want) {
			msgs = append(msgs, fmt.Sprintf("mentions %v, want %v", got, want))
		}
		if got, want := entitiesUTF16(text, ExtractCashtags(text)), referenceIndexed(want.Cashtags); !slices.Equal(got, want) {
			msgs = append(msgs, fmt.Sprintf("cashtags %v, want %v", got, want))
		}
		if len(urls) > 0 {
			withURLs++
		}
		if !want.Valid {
			overLimit++
		}
		if len(msgs) > 0 {
			failures++
			if failures <= 20 {
				t.Errorf("text %d %q:\n  %s", i, text, strings.Join(msgs, "\n  "))
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d texts disagree with twitter-text 3.1.0", failures, len(texts))
	}
	t.Logf("%d texts agree: %d with URLs, %d invalid, %d already NFC", len(texts)-failures, withURLs, overLimit, nfc)
	// The corpus must exercise what it claims to.
	if withURLs < len(texts)/4 || overLimit < len(texts)/50 || nfc == len(texts) {
		t.Errorf("corpus too narrow: %d with URLs, %d invalid, %d NFC of %d", withURLs, overLimit, nfc, len(texts))
	}
}
