package output

import (
	"fmt"
	"io"
	"testing"

	"github.com/xlint/xlint/lint"
)

// manyResults repeats the fixture's posts n/4 times, as a check of n
// drafts would give them.
func manyResults(b *testing.B, n int) []lint.Result {
	base := fixture(b)
	out := make([]lint.Result, 0, n)
	for len(out) < n {
		for _, r := range base {
			if len(out) == n {
				break
			}
			post := *r.Post
			post.File = fmt.Sprintf("posts/%05d.md", len(out))
			r.Post = &post
			out = append(out, r)
		}
	}
	return out
}

func benchmarkFormat(b *testing.B, format string) {
	results := manyResults(b, 10000)
	o := Options{Root: "/repo", Rules: fixtureRules()}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, format, results, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSON prints 10,000 posts as JSON.
func BenchmarkJSON(b *testing.B)   { benchmarkFormat(b, "json") }
func BenchmarkText(b *testing.B)   { benchmarkFormat(b, "text") }
func BenchmarkSARIF(b *testing.B)  { benchmarkFormat(b, "sarif") }
func BenchmarkGitHub(b *testing.B) { benchmarkFormat(b, "github") }

// BenchmarkAppendJSONString quotes a usage-cap message, the string a
// report of a large run writes most.
func BenchmarkAppendJSONString(b *testing.B) {
	benchmarkAppendJSONString(b, "the account already made 17 posts in the 24 h before this one; the free tier allows 17 per user per 24 h; a place frees up at 2026-11-27T17:47:02Z")
}

// BenchmarkAppendJSONStringNonASCII quotes a link of the mixed corpus,
// which holds characters outside ASCII.
func BenchmarkAppendJSONStringNonASCII(b *testing.B) {
	benchmarkAppendJSONString(b, "https://www.EXAMPLE.vermögensberatung/пример/a–b?q=x&y=2é日本語")
}

func benchmarkAppendJSONString(b *testing.B, s string) {
	var buf []byte
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = appendJSONString(buf[:0], s)
	}
}
