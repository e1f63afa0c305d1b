package output_test

import (
	"os"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/output"
)

func ExampleText() {
	post := &lint.Post{File: "hello.txt", Text: "hello https://bit.ly/x"}
	f := lint.Finding{
		Rule: "url-shortener", Code: "invalid url", Status: 403, Category: lint.Content,
		Severity: lint.Error, Message: "bit.ly is a URL shortener",
		Span: lint.Span{Start: 6, End: len(post.Text)},
	}
	f.Start, f.End = post.Position(f.Span.Start), post.Position(f.Span.End)
	findings := []lint.Finding{f}
	results := []lint.Result{{Post: post, Findings: findings, Prediction: lint.Predict(findings)}}
	output.Text(os.Stdout, results, output.Options{})
	// Output:
	// hello.txt:1:7: error: bit.ly is a URL shortener [url-shortener] (X: 403 invalid url)
	// hello.txt: X would return 403 "invalid url"
	// 1 post checked: 1 error, 0 warnings
}
