// Command gen writes a synthetic, deterministic xlint history file, to time
// "xlint check" and "xlint history" against large histories:
//
//	go run ./scripts/history/gen -n 200000 -o /tmp/history.jsonl
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/xlint/xlint/history"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 200_000, "number of records")
	out := fs.String("o", "", "history file to append to (required)")
	accounts := fs.Int("accounts", 5, "number of accounts")
	seed := fs.Uint64("seed", 1, "random seed")
	noText := fs.Bool("no-text", false, "store fingerprints only, as with store_text: false")
	start := fs.String("start", "2024-01-01T00:00:00Z", "time of the first record; one record a minute follows")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	t0, err := time.Parse(time.RFC3339, *start)
	if *out == "" || err != nil || *n < 0 || *accounts < 1 {
		fmt.Fprintln(stderr, "gen: need -o FILE, a valid -start, -n >= 0 and -accounts >= 1")
		return 2
	}
	rng := rand.New(rand.NewPCG(*seed, 0))
	words := vocabulary(rng)
	batch := make([]history.Record, 0, 10_000)
	for i := 0; i < *n; i++ {
		batch = append(batch, history.NewRecord(t0.Add(time.Duration(i)*time.Minute),
			fmt.Sprintf("acct%d", i%*accounts), fmt.Sprint(1_000_000_000+i), "drafts/post.md",
			text(rng, words), !*noText))
		if len(batch) == cap(batch) || i == *n-1 {
			if err := history.Append(*out, batch...); err != nil {
				fmt.Fprintln(stderr, "gen:", err)
				return 1
			}
			batch = batch[:0]
		}
	}
	return 0
}

// vocabulary makes 3,000 pronounceable words, so texts share few shingles
// by chance, as real posts do.
func vocabulary(rng *rand.Rand) []string {
	syl := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "go", "zu", "chi", "fa", "be", "ro"}
	words := make([]string, 3000)
	for i := range words {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		words[i] = b.String()
	}
	return words
}

// text returns a post of 6 to 35 words, some numbers, mentions, hashtags
// and, one time in ten, a link with a tracking parameter.
func text(rng *rand.Rand, words []string) string {
	var b strings.Builder
	for j := range 6 + rng.IntN(30) {
		if j > 0 {
			b.WriteByte(' ')
		}
		switch r := rng.IntN(40); r {
		case 0:
			fmt.Fprint(&b, rng.IntN(1000))
		case 1:
			b.WriteString("#" + words[rng.IntN(len(words))])
		case 2:
			b.WriteString("@" + words[rng.IntN(len(words))])
		default:
			b.WriteString(words[rng.IntN(len(words))])
		}
	}
	if rng.IntN(10) == 0 {
		fmt.Fprintf(&b, " https://example.com/p/%d?utm_source=x", rng.IntN(100000))
	}
	return b.String()
}
