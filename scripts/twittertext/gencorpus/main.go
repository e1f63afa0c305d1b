// Command gencorpus writes a seeded corpus of post texts (see
// twittertext/corpusgen) for benchmarks: JSON lines of {"text": ...}, the
// shape xlint check reads from a .jsonl file, or one text per line with
// -format plain (line breaks inside a text become spaces).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xlint/xlint/twittertext/corpusgen"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 50000, "number of posts")
	seed := fs.Uint64("seed", 1, "generator seed")
	format := fs.String("format", "jsonl", "output format: jsonl or plain")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n < 0 || (*format != "jsonl" && *format != "plain") {
		fmt.Fprintln(stderr, "gencorpus: -n must be >= 0 and -format jsonl or plain")
		return 2
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, text := range corpusgen.Generate(*seed, *n) {
		var err error
		if *format == "jsonl" {
			err = enc.Encode(struct {
				Text string `json:"text"`
			}{text})
		} else {
			_, err = fmt.Fprintln(w, strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ", "\u0085", " ").Replace(text))
		}
		if err != nil {
			fmt.Fprintln(stderr, "gencorpus:", err)
			return 1
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	return 0
}
