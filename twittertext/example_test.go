package twittertext_test

import (
	"fmt"

	"github.com/xlint/xlint/twittertext"
)

func ExampleParse() {
	text := "Ship it 🚀 https://example.com/release-notes/v2.0 — thanks @team!"
	r := twittertext.Parse(text, twittertext.DefaultConfig())
	fmt.Println(r.WeightedLength, r.Valid)
	for _, u := range r.URLs {
		fmt.Println(u.Text, u.Start, u.End)
	}
	// Output:
	// 50 true
	// https://example.com/release-notes/v2.0 13 51
}

func ExampleExtractURLs() {
	for _, u := range twittertext.ExtractURLs("see readme.md, (wiki: en.wikipedia.org/wiki/Primer_(film)) and mail me@example.com") {
		fmt.Println(u.Text)
	}
	// Output:
	// readme.md
	// en.wikipedia.org/wiki/Primer_(film)
}
