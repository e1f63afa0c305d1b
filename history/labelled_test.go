package history

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"
)

// labelledPair is one line of testdata/labelled.jsonl: two post texts and
// whether X treats the second as a duplicate of the first.
type labelledPair struct {
	A   string `json:"a"`
	B   string `json:"b"`
	Dup bool   `json:"dup"`
	Why string `json:"why"`
}

func readLabelled(t testing.TB) []labelledPair {
	f, err := os.Open("testdata/labelled.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []labelledPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p labelledPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("labelled.jsonl:%d: %v", len(pairs)+1, err)
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

// TestLabelledPrecisionRecall measures the duplicate detection (any match
// kind) on hand-labelled pairs through the real path: a record of A in an
// index, a Lookup of B.
func TestLabelledPrecisionRecall(t *testing.T) {
	pairs := readLabelled(t)
	if len(pairs) < 60 {
		t.Fatalf("only %d labelled pairs", len(pairs))
	}
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var tp, fp, fn, tn int
	for _, p := range pairs {
		ix := NewIndex()
		ix.Add(NewRecord(at, "acme", "1", "a.md", p.A, false))
		got := ix.Lookup(p.B, at.Add(-time.Hour), at.Add(time.Hour))
		dup := len(got) > 0
		switch {
		case dup && p.Dup:
			tp++
		case dup && !p.Dup:
			fp++
			t.Logf("false positive (%s, %v %.2f): %q / %q", p.Why, got[0].Kind, got[0].Similarity, p.A, p.B)
		case !dup && p.Dup:
			fn++
			t.Logf("false negative (%s): %q / %q", p.Why, p.A, p.B)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("%d pairs: precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)", len(pairs), precision, recall, tp, fp, fn, tn)
	if precision < 0.95 || recall < 0.9 {
		t.Errorf("precision %.3f (want >= 0.95), recall %.3f (want >= 0.9)", precision, recall)
	}
}
