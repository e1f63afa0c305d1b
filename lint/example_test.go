package lint_test

import (
	"fmt"
	"time"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

func Example() {
	cfg := lint.DefaultConfig()
	engine, err := lint.NewEngine(cfg, rules.All(), lint.Options{Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	results := engine.Check([]*lint.Post{
		{Text: "Hello, X!", Account: "acme"},
		{Text: "Read this: https://bit.ly/3xYz", Account: "acme"},
	})
	for _, r := range results {
		if r.Prediction == nil {
			fmt.Printf("%q: X would accept it\n", r.Post.Text)
			continue
		}
		f := r.Prediction.Finding
		fmt.Printf("%q: X would return %d %q (%s at %d:%d)\n", r.Post.Text, r.Prediction.Status, r.Prediction.Code, f.Rule, f.Start.Line, f.Start.Column)
	}
	// Output:
	// "Hello, X!": X would accept it
	// "Read this: https://bit.ly/3xYz": X would return 403 "invalid url" (url-shortener at 1:12)
}
