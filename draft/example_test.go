package draft_test

import (
	"fmt"

	"github.com/xlint/xlint/draft"
)

func ExampleParse() {
	data := []byte("---\naccount: acme\nmedia: [launch.mp4]\n---\nWe ship today 🚀\n---\nDetails: https://example.com\n")
	posts, err := draft.Parse("posts/launch.md", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range posts {
		pos := p.Position(p.TextSpan(0, 0).Start)
		fmt.Printf("%s:%d:%d: post %d by %s, %d media: %q\n", p.File, pos.Line, pos.Column, p.Index, p.Account, len(p.Media), p.Text)
	}
	// Output:
	// posts/launch.md:5:1: post 0 by acme, 1 media: "We ship today 🚀"
	// posts/launch.md:7:1: post 1 by acme, 0 media: "Details: https://example.com"
}

func ExampleParse_error() {
	_, err := draft.Parse("posts/bad.md", []byte("---\naccount: acme\nat: tomorrow\n---\nhi\n"))
	fmt.Println(err)
	// Output:
	// posts/bad.md:3: at: "tomorrow" is not an RFC 3339 time (like 2026-03-01T09:30:00Z)
}

func ExampleParse_jsonEscapes() {
	// Findings point at the escape a character came from.
	data := []byte(`{"text": "caf\u00e9 time"}`)
	posts, _ := draft.Parse("post.json", data)
	p := posts[0]
	pos := p.Position(p.TextSpan(len("café "), len("café time")).Start)
	fmt.Printf("%q starts at column %d\n", p.Text[len("café "):], pos.Column)
	// Output:
	// "time" starts at column 21
}
