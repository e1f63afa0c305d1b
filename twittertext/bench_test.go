package twittertext

import (
	"testing"

	"github.com/xlint/xlint/twittertext/corpusgen"
)

var benchTexts = corpusgen.Generate(1, 2000)

func BenchmarkWeightedLength(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(benchTexts[i%len(benchTexts)], V3)
	}
}

func benchExtract(b *testing.B, fn func(string) []Entity) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		fn(benchTexts[i%len(benchTexts)])
	}
}

func BenchmarkExtractURLs(b *testing.B)     { benchExtract(b, ExtractURLs) }
func BenchmarkExtractMentions(b *testing.B) { benchExtract(b, ExtractMentions) }
func BenchmarkExtractCashtags(b *testing.B) { benchExtract(b, ExtractCashtags) }

// BenchmarkWeightedLengthPlain measures the common case: a post with no
// URL, emoji or normalisation to do.
func BenchmarkWeightedLengthPlain(b *testing.B) {
	text := "Shipping the new release today. Thanks to everyone who tested the betas and sent feedback!"
	b.ReportAllocs()
	for b.Loop() {
		Parse(text, V3)
	}
}
