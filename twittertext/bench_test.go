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
