// Command goparse measures posts with twittertext the way the node
// benchmark measures them with twitter-text: it reads JSON lines of
// {"text": ...}, runs Parse and ExtractURLs on each and prints totals. It
// stands in for xlint check when that cannot be built.
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
		urls += len(twittertext.ExtractURLs(p.Text))
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
