// Command goparse measures posts with twittertext as xlint's engine does:
// it reads JSON lines of {"text": ...}, runs Parse on each (which also
// finds the URLs) and prints totals like scripts/twittertext/nodeparse.js.
// It stands in for xlint check when that cannot be built, and shows
// twittertext's share of xlint's time.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/xlint/xlint/twittertext"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: goparse CORPUS.jsonl")
		return 2
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "goparse:", err)
		return 1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 16<<20)
	posts, total, urls, valid := 0, 0, 0, 0
	for sc.Scan() {
		var p struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			fmt.Fprintf(stderr, "goparse: line %d: %v\n", posts+1, err)
			return 1
		}
		r := twittertext.Parse(p.Text, nil)
		posts++
		total += r.WeightedLength
		urls += len(r.URLs)
		if r.Valid {
			valid++
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(stderr, "goparse:", err)
		return 1
	}
	fmt.Fprintf(stdout, "posts %d weighted %d urls %d valid %d\n", posts, total, urls, valid)
	return 0
}
