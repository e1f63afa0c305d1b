package twittertext

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func TestZProfTmp(t *testing.T) {
	f, err := os.Open("/tmp/h1/c50.jsonl")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 16<<20)
	var texts []string
	for sc.Scan() {
		var p struct{ Text string }
		json.Unmarshal(sc.Bytes(), &p)
		texts = append(texts, p.Text)
	}
	for range 3 {
		for _, s := range texts {
			Parse(s, nil)
		}
	}
}
