package twittertext

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// checkEntities fails unless es lie inside text, start and end on rune
// boundaries, and come in order without overlapping.
func checkEntities(t testing.TB, what, text string, es []Entity) {
	t.Helper()
	if len(es) == 0 {
		return
	}
	b := boundaries(text)
	last := 0
	for i, e := range es {
		if e.Start < last || e.End < e.Start || e.End > len(text) {
			t.Fatalf("%s: entity %d [%d,%d) out of order or range (previous end %d, len %d)", what, i, e.Start, e.End, last, len(text))
		}
		if !b[e.Start] || !b[e.End] {
			t.Fatalf("%s: entity %d [%d,%d) not on rune boundaries", what, i, e.Start, e.End)
		}
		last = e.End
	}
}

// boundaries marks the offsets where ranging over text starts a rune, and
// the end.
func boundaries(text string) []bool {
	b := make([]bool, len(text)+1)
	for i := range text {
		b[i] = true
	}
	b[len(text)] = true
	return b
}

func checkAll(t testing.TB, text string) Result {
	t.Helper()
	r := Parse(text, V3)
	if r.ValidEnd < 0 || r.ValidEnd > len(text) || !boundaries(text)[r.ValidEnd] {
		t.Fatalf("ValidEnd %d out of range or not on a rune boundary (len %d)", r.ValidEnd, len(text))
	}
	if r.WeightedLength < 0 {
		t.Fatalf("negative weighted length %d", r.WeightedLength)
	}
	checkEntities(t, "Parse URLs", text, r.URLs)
	checkEntities(t, "ExtractURLs", text, ExtractURLs(text))
	checkEntities(t, "ExtractMentions", text, ExtractMentions(text))
	checkEntities(t, "ExtractMentionsOrLists", text, ExtractMentionsOrLists(text))
	checkEntities(t, "ExtractCashtags", text, ExtractCashtags(text))
	return r
}

// hostileInputs build strings that hurt naive URL, mention and emoji
// matchers, n bytes or so long.
var hostileInputs = map[string]func(n int) string{
	"dots":        func(n int) string { return strings.Repeat(".", n) },
	"dashes":      func(n int) string { return strings.Repeat("-", n) },
	"a.a.a":       func(n int) string { return strings.Repeat("a.", n/2) },
	"a.a.a.com":   func(n int) string { return strings.Repeat("a.", n/2) + "com" },
	"é.é.é":       func(n int) string { return strings.Repeat("é.", n/3) },
	"ééé.x":       func(n int) string { return strings.Repeat("é", n/2) + ".x" },
	"ééé.a.a.a":   func(n int) string { return strings.Repeat("é", n/4) + strings.Repeat(".a", n/4) },
	"a-a-a":       func(n int) string { return strings.Repeat("a-", n/2) + ".com" },
	"a_a.":        func(n int) string { return strings.Repeat("a_a.", n/4) },
	"at signs":    func(n int) string { return strings.Repeat("@", n) },
	"hashes":      func(n int) string { return strings.Repeat("#", n) },
	"dollars":     func(n int) string { return strings.Repeat("$a", n/2) },
	"at names":    func(n int) string { return strings.Repeat("@a", n/2) },
	"rt":          func(n int) string { return strings.Repeat("rt:", n/3) },
	"protocols":   func(n int) string { return strings.Repeat("http://", n/7) },
	"long path":   func(n int) string { return "http://example.com/" + strings.Repeat("a!", n/2) },
	"parens":      func(n int) string { return "example.com/" + strings.Repeat("(a", n/2) },
	"query":       func(n int) string { return "example.com/?" + strings.Repeat("a.", n/2) },
	"xn--":        func(n int) string { return strings.Repeat("xn--a.", n/6) },
	"many urls":   func(n int) string { return strings.Repeat("example.com ", n/12) },
	"emoji":       func(n int) string { return strings.Repeat("👨‍👩‍👧‍👦🏻", n/29) },
	"zwj":         func(n int) string { return strings.Repeat("\u200D", n/3) },
	"digits fe0f": func(n int) string { return strings.Repeat("1\uFE0F", n/4) },
	"combining":   func(n int) string { return "a" + strings.Repeat("\u0301", n/2) },
	"hangul jamo": func(n int) string { return strings.Repeat("\u1100\u1161", n/6) },
	"dot idn":     func(n int) string { return strings.Repeat("x.рф", n/6) },
	"mixed": func(n int) string {
		return strings.Repeat("Hi @bob, see https://ex.com/a_(b) and 日本.jp… 😀 $X ", n/60)
	},
	"labels 63":     func(n int) string { return strings.Repeat(strings.Repeat("a", 63)+".", n/64) + "com" },
	"invalid utf-8": func(n int) string { return strings.Repeat("\xff.\xe2\x82", n/4) },
	// Long stretches that quickSpan hands to x/text, each ended by a
	// byte of invalid UTF-8, which x/text reads past.
	"stretches, invalid": func(n int) string { return strings.Repeat(strings.Repeat("\U00020000", 64)+"\xf7", n/257) },
	"private, invalid":   func(n int) string { return strings.Repeat(strings.Repeat("\U000F0000", 70)+"\x80", n/281) },
	"marks, invalid":     func(n int) string { return strings.Repeat("\xf7\u0301", n/3) },
}

func TestHostileInputsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping timing test in -short mode")
	}
	const n = 1 << 14
	// The time is the thread's CPU time, the best of five runs taken in
	// turn with the other size, to see through a busy machine, and
	// without the collector, which would stop runs of different sizes at
	// different points: it runs between them.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	run := func(s string) time.Duration {
		runtime.GC()
		start := threadCPU()
		checkAll(t, s)
		return threadCPU() - start
	}
	for name, build := range hostileInputs {
		small, large := build(n), build(16*n)
		ts, tl := time.Duration(1<<62), time.Duration(1<<62)
		for range 5 {
			ts, tl = min(ts, run(small)), min(tl, run(large))
		}
		// Linear work gives a ratio near 16 and quadratic near 256. The
		// slack absorbs a busy machine and memory: a run over the larger
		// input misses the caches more (a.a.a.com, whose long chain of
		// labels is kept in a buffer as long as the text, reaches 45).
		if tl > 3*time.Second || (tl > 50*time.Millisecond && tl > 96*ts+25*time.Millisecond) {
			t.Errorf("%s: %d bytes took %v, %d bytes took %v: not linear", name, len(small), ts, len(large), tl)
		}
	}
}

func TestOneMegabytePost(t *testing.T) {
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString("Read https://example.com/a_(b)?q=1 and www.example.org… 日本語 😀👍🏽 @user $TSLA #tag ")
	}
	start := time.Now()
	r := checkAll(t, b.String())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("1 MB post took %v", d)
	}
	if r.Valid || r.ValidEnd == 0 || r.ValidEnd >= b.Len() {
		t.Errorf("1 MB post: valid %v, ValidEnd %d", r.Valid, r.ValidEnd)
	}
}

func TestTenThousandURLs(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 10000; i++ {
		b.WriteString("https://example.com/")
		b.WriteString(strings.Repeat("x", i%7+1))
		b.WriteByte(' ')
	}
	start := time.Now()
	r := checkAll(t, b.String())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("10,000 URLs took %v", d)
	}
	if len(r.URLs) != 10000 {
		t.Errorf("found %d URLs, want 10000", len(r.URLs))
	}
	if want := 10000 * (23 + 1); r.WeightedLength != want {
		t.Errorf("weighted length %d, want %d", r.WeightedLength, want)
	}
}

// TestManyEntitiesGrowByDoubling checks that the lists of a post of many
// mentions, cashtags or links grow by doubling. Grown as append grows
// large slices, a quarter at a time, they allocated five times what they
// kept.
func TestManyEntitiesGrowByDoubling(t *testing.T) {
	const n = 100_000
	for name, c := range map[string]struct {
		text    string
		extract func(string) []Entity
	}{
		"mentions": {strings.Repeat("@a ", n), ExtractMentions},
		"lists":    {strings.Repeat("@a/b ", n), ExtractMentionsOrLists},
		"cashtags": {strings.Repeat("$AB ", n), ExtractCashtags},
		"urls":     {strings.Repeat("a.co ", n), ExtractURLs},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := c.extract(c.text)
		runtime.ReadMemStats(&after)
		if len(got) != n {
			t.Fatalf("%s: %d entities, want %d", name, len(got), n)
		}
		kept := uint64(n) * uint64(unsafe.Sizeof(Entity{}))
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 3*kept {
			t.Errorf("%s: %d bytes allocated for %d bytes of entities, want at most 3 times", name, allocated, kept)
		}
	}
}
