// Command gendrafts writes a folder of Markdown drafts for benchmarks.
package main

import (
	"flag"
	"log"

	"github.com/xlint/xlint/internal/gen"
)

func main() {
	n := flag.Int("n", 10000, "how many drafts")
	dir := flag.String("dir", "drafts", "folder to write them in")
	flag.Parse()
	if err := gen.Drafts(*dir, *n); err != nil {
		log.Fatal(err)
	}
}
