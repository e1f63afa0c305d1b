package twittertext

import "testing"

// TestCaseClassMatchesFullClosure checks the lazily computed classes
// against the closure computed over the whole BMP at once.
func TestCaseClassMatchesFullClosure(t *testing.T) {
	initClasses()
	for _, tt := range []struct {
		name   string
		ranges [][2]rune
		class  *caseClass
	}{
		{"latin", latinAccentRanges, latinSet},
		{"latin+cyrillic", append(latinAccentRanges[:len(latinAccentRanges):len(latinAccentRanges)], [2]rune{0x400, 0x4FF}), latinCyrSet},
	} {
		var canon bmpSet
		for _, rg := range tt.ranges {
			for r := rg[0]; r <= rg[1]; r++ {
				canon.add(jsCanon(r))
			}
		}
		for r := rune(0); r < 0x10000; r++ {
			want := (r < 0xD800 || r > 0xDFFF) && canon.has(jsCanon(r))
			if got := tt.class.has(r); got != want {
				t.Fatalf("%s: has(U+%04X) = %v, want %v", tt.name, r, got, want)
			}
		}
	}
}
