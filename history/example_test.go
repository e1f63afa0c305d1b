package history_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xlint/xlint/history"
)

func Example() {
	dir, _ := os.MkdirTemp("", "history")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, ".xlint", "history.jsonl")

	// Record what was published.
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	history.Append(path,
		history.NewRecord(at, "acme", "1790000000000000001", "drafts/launch.md", "We launched! https://example.com/?utm_source=x", true),
		history.NewRecord(at.Add(time.Hour), "acme", "", "drafts/tip.md", "Tip #12: use grep to search your logs", true),
	)

	// Before posting, look the drafts up in the last 24 hours.
	ix, warnings, err := history.Load(path)
	if err != nil || len(warnings) > 0 {
		fmt.Println(err, warnings)
		return
	}
	now := at.Add(3 * time.Hour)
	for _, draft := range []string{"we launched 🚀 https://www.example.com", "Tip #13: use sed to edit your reports"} {
		for _, m := range ix.Lookup(draft, now.Add(-24*time.Hour), now) {
			fmt.Printf("%q: %v match of %s's post %s\n", draft, m.Kind, m.Record.Account, m.Record.ID)
		}
	}
	n, oldest := ix.Count("acme", now.Add(-24*time.Hour), now)
	fmt.Printf("acme posted %d times in 24 h, the first at %s\n", n, oldest.Format(time.Kitchen))
	// Output:
	// "we launched 🚀 https://www.example.com": normalized match of acme's post 1790000000000000001
	// acme posted 2 times in 24 h, the first at 9:00AM
}

func ExampleNormalize() {
	fmt.Println(history.Normalize("Check THIS out\u200b 👍🏽 https://www.Example.com/post/?utm_source=x&b=2&a=1"))
	// Output: check this out example.com/post?a=1&b=2
}

func ExampleImport() {
	dir, _ := os.MkdirTemp("", "history")
	defer os.RemoveAll(dir)
	archive := filepath.Join(dir, "tweets.js")
	os.WriteFile(archive, []byte(`window.YTD.tweets.part0 = [ { "tweet" : {
		"id_str" : "42", "retweeted" : false, "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
		"full_text" : "Fish &amp; chips https://t.co/x",
		"entities" : { "urls" : [ { "url" : "https://t.co/x", "expanded_url" : "https://example.com/menu" } ] } } } ]`), 0o644)

	ix := history.NewIndex()
	stats, err := history.Import(archive, "acme", func(r history.Record) error {
		if !ix.AddNew(r) { // already imported
			return history.ErrSkip
		}
		fmt.Println(r.ID, r.At.Format(time.DateOnly), r.Text)
		return nil
	})
	fmt.Printf("%+v %v\n", stats, err)
	// Output:
	// 42 2018-10-10 Fish & chips https://example.com/menu
	// {Read:1 Added:1 Skipped:0} <nil>
}
