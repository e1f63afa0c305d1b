package twittertext

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xlint/xlint/twittertext/corpusgen"
	"golang.org/x/text/unicode/norm"

	"github.com/xlint/xlint/internal/shared"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		c        *Config
		weighted int
		valid    bool
		validEnd int // -1 for len(text)
		urls     []string
	}{
		// Plain counting.
		{name: "empty", text: "", c: V3, weighted: 0, valid: false, validEnd: 0},
		{name: "ascii", text: "hello", c: V3, weighted: 5, valid: true, validEnd: -1},
		{name: "cjk weighs two", text: "日本語", c: V3, weighted: 6, valid: true, validEnd: -1},
		{name: "weighted punctuation", text: "…•€™→", c: V3, weighted: 10, valid: true, validEnd: -1},
		{name: "light punctuation", text: "‘’“”–—′″", c: V3, weighted: 8, valid: true, validEnd: -1},
		{name: "v1 counts code points", text: "日本😀", c: V1, weighted: 3, valid: true, validEnd: -1},
		// Emoji.
		{name: "family is one emoji", text: "👨‍👩‍👧‍👦", c: V3, weighted: 2, valid: true, validEnd: -1},
		{name: "v2 counts each code point", text: "👨‍👩‍👧‍👦", c: V2, weighted: 2*4 + 3, valid: true, validEnd: -1},
		{name: "flag and keycap", text: "🇺🇸#️⃣", c: V3, weighted: 4, valid: true, validEnd: -1},
		{name: "text presentation is not emoji", text: "⌚︎", c: V3, weighted: 4, valid: true, validEnd: -1},
		// URLs count 23 however long.
		{name: "url", text: "see https://example.com/" + strings.Repeat("a", 100), c: V3, weighted: 4 + 23, valid: true, validEnd: -1,
			urls: []string{"https://example.com/" + strings.Repeat("a", 100)}},
		{name: "protocol-less url", text: "readme.md and main.go", c: V3, weighted: 23 + len(" and main.go"), valid: true, validEnd: -1,
			urls: []string{"readme.md"}},
		// Normalisation: counted on NFC, reported on the original.
		{name: "combining accent", text: "e\u0301 x.com", c: V3, weighted: 1 + 1 + 23, valid: true, validEnd: -1, urls: []string{"x.com"}},
		{name: "invalid character", text: "ab\uFEFFc", c: V3, weighted: 5, valid: false, validEnd: 2},
		// Over the limit: ValidEnd is where the first character past it starts.
		{name: "281 letters", text: strings.Repeat("a", 281), c: V3, weighted: 281, valid: false, validEnd: 280},
		{name: "141 CJK", text: strings.Repeat("日", 141), c: V3, weighted: 282, valid: false, validEnd: 140 * 3},
		{name: "decomposed over the limit", text: strings.Repeat("e\u0301", 281), c: V3, weighted: 281, valid: false, validEnd: 280 * 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.text, tt.c)
			want := tt.validEnd
			if want < 0 {
				want = len(tt.text)
			}
			if r.WeightedLength != tt.weighted || r.Valid != tt.valid || r.ValidEnd != want {
				t.Errorf("Parse(%q) = length %d valid %v end %d; want %d %v %d", tt.text, r.WeightedLength, r.Valid, r.ValidEnd, tt.weighted, tt.valid, want)
			}
			var got []string
			for _, u := range r.URLs {
				got = append(got, u.Text)
				if tt.text[u.Start:u.End] != u.Text {
					t.Errorf("URL %q is not text[%d:%d] = %q", u.Text, u.Start, u.End, tt.text[u.Start:u.End])
				}
			}
			if !slices.Equal(got, tt.urls) {
				t.Errorf("URLs %q, want %q", got, tt.urls)
			}
		})
	}
}

func TestParseMapsOffsetsToOriginal(t *testing.T) {
	// NFC shortens "A\u030A" to "Å", so NFC offsets after it are one byte
	// short of the original's.
	text := "A\u030Angstro\u0308m https://example.com/x done"
	r := Parse(text, nil)
	if len(r.URLs) != 1 {
		t.Fatalf("URLs %v", r.URLs)
	}
	u := r.URLs[0]
	if want := strings.Index(text, "https"); u.Start != want || u.End != want+len("https://example.com/x") {
		t.Errorf("URL at [%d,%d), want [%d,%d)", u.Start, u.End, want, want+len("https://example.com/x"))
	}
	if r.ValidEnd != len(text) {
		t.Errorf("ValidEnd %d, want %d", r.ValidEnd, len(text))
	}
}

// TestParseNormalDoubtedText checks a text the NFC quick check doubts but
// NFC leaves alone: normalize hands back the text itself, and Parse still
// reports the URLs' text as the original span, as for any text it maps,
// here where ExtractURLs rebuilds it from the ASCII part of the domain.
func TestParseNormalDoubtedText(t *testing.T) {
	text := "क़ fox.blog.пример.dev:80/ x"
	if sc := newSpanCache(); quickSpan(text, &sc) == len(text) {
		t.Fatalf("quickSpan(%q) does not doubt it", text)
	}
	nt, m, _ := normalize(text, nil)
	if nt != text || m.chunks == nil {
		t.Fatalf("normalize(%q) = %q, %v", text, nt, m.chunks)
	}
	r := Parse(text, nil)
	if len(r.URLs) != 1 {
		t.Fatalf("URLs %v", r.URLs)
	}
	if u := r.URLs[0]; u.Text != text[u.Start:u.End] || u.Text == ExtractURLs(text)[0].Text {
		t.Errorf("URL %+v, want the text of its span, not ExtractURLs' %q", u, ExtractURLs(text)[0].Text)
	}
}

// TestParseURLTextAsWritten checks that Parse reports a link as written,
// whether or not the text needed NFC, even where ExtractURLs, like
// twitter-text, rebuilds it.
func TestParseURLTextAsWritten(t *testing.T) {
	const link = "fox.blog.пример.dev:80/"
	if got := ExtractURLs("see " + link); len(got) != 1 || got[0].Text != "fox.blog:80/" {
		t.Fatalf("ExtractURLs: %+v, want twitter-text's fox.blog:80/", got)
	}
	for _, text := range []string{"see " + link + " x", "see " + link + " e\u0301"} {
		r := Parse(text, DefaultConfig())
		if len(r.URLs) != 1 || r.URLs[0].Text != link || text[r.URLs[0].Start:r.URLs[0].End] != link {
			t.Errorf("Parse(%q).URLs = %+v, want %q as written", text, r.URLs, link)
		}
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig([]byte(`{"version":2,"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,"transformedURLLength":23,
		"ranges":[{"start":0,"end":4351,"weight":100},{"start":8192,"end":8205,"weight":100},{"start":8208,"end":8223,"weight":100},{"start":8242,"end":8247,"weight":100}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != V2.Version || c.MaxWeightedTweetLength != V2.MaxWeightedTweetLength || c.EmojiParsingEnabled || len(c.Ranges) != len(V2.Ranges) || c.Ranges[3] != V2.Ranges[3] {
		t.Errorf("ParseConfig = %+v, want V2", c)
	}
	for _, bad := range []string{
		`{}`,
		`{"maxWeightedTweetLength":280,"scale":0,"defaultWeight":200,"transformedURLLength":23}`,
		`{"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,"transformedURLLength":23,"extra":1}`,
		`{"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,"transformedURLLength":23,"ranges":[{"start":5,"end":1,"weight":1}]}`,
		`{"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,"transformedURLLength":23} {}`,
		`[1]`,
	} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("ParseConfig(%s) succeeded", bad)
		}
	}
}

// TestConfigFiles checks the built-in configurations against the JSON
// files twitter-text ships.
func TestConfigFiles(t *testing.T) {
	dir := shared.Dir(t, "conformance", "twitter-text")
	for name, want := range map[string]*Config{"v1.json": V1, "v2.json": V2, "v3.json": V3} {
		data, err := readFile(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseConfig(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Version != want.Version || got.MaxWeightedTweetLength != want.MaxWeightedTweetLength || got.Scale != want.Scale ||
			got.DefaultWeight != want.DefaultWeight || got.TransformedURLLength != want.TransformedURLLength ||
			got.EmojiParsingEnabled != want.EmojiParsingEnabled || !slices.Equal(got.Ranges, want.Ranges) {
			t.Errorf("%s = %+v, built-in %+v", name, got, want)
		}
	}
}

// TestNFCStable checks isNFCStable against golang.org/x/text: every code
// point it passes is in NFC on its own, passes the quick check, has
// combining class 0 and is a boundary before (combines with nothing before
// it), so skipping it cannot hide a change NFC would make. (What follows it is checked with it.)
func TestNFCStable(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if isNFCStable(r) && !nfcStableRune(r) {
			t.Errorf("%U is not NFC-stable", r)
		}
	}
	for _, s := range []string{"e\u0301", "\u1100\u1161", "가\u11A8", "क\u093C", "\u0958", "Å", "か\u3099", "\u2126", "a\u0300\u0301"} {
		for _, prefix := range []string{"", "日本", "abc", "é"} {
			text := prefix + s
			// quickSpan may doubt a normal text, never pass an abnormal one.
			if sc := newSpanCache(); quickSpan(text, &sc) == len(text) && !norm.NFC.IsNormalString(text) {
				t.Errorf("quickSpan(%q) passes a text that is not NFC", text)
			}
			if got, _, _ := normalize(text, nil); got != norm.NFC.String(text) {
				t.Errorf("normalize(%q) = %q, want %q", text, got, norm.NFC.String(text))
			}
		}
	}
}

// TestNormalize checks normalize against norm.NFC.String, and its offset
// map, on the generated corpus and on hostile input.
func TestNormalize(t *testing.T) {
	texts := corpusgen.Generate(3, 20000)
	for _, build := range hostileInputs {
		texts = append(texts, build(2000))
	}
	for _, text := range texts {
		got, m, _ := normalize(text, nil)
		// x/text inserts U+034F after 30 non-starters, JavaScript does not.
		if want := norm.NFC.String(text); got != want && !strings.Contains(want, "\u034F") {
			t.Fatalf("normalize(%q) = %q, want %q", text, got, want)
		}
		if m.chunks == nil {
			if got != text {
				t.Fatalf("normalize(%q) changed the text without a map", text)
			}
			continue
		}
		if m.start(0) != 0 || m.end(len(got)) != len(text) {
			t.Fatalf("%q: map ends %d..%d", text, m.start(0), m.end(len(got)))
		}
		cs := m.chunks
		for i := 1; i < len(cs); i++ {
			if cs[i].nfc < cs[i-1].nfc || cs[i].orig < cs[i-1].orig {
				t.Fatalf("%q: map not monotonic at chunk %d", text, i)
			}
		}
		// Copied chunks are byte for byte the same.
		for i := 0; i+1 < len(cs); i++ {
			if cs[i].copied && got[cs[i].nfc:cs[i+1].nfc] != text[cs[i].orig:cs[i+1].orig] {
				t.Fatalf("%q: chunk %d marked copied differs", text, i)
			}
		}
	}
}

// TestParseConcurrent runs Parse from several goroutines, as a linter
// checking files in parallel would; run with -race.
func TestParseConcurrent(t *testing.T) {
	texts := corpusgen.Generate(5, 400)
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = Parse(s, V3)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i, s := range texts {
				if got := Parse(s, V3); got.WeightedLength != want[i].WeightedLength || got.ValidEnd != want[i].ValidEnd || len(got.URLs) != len(want[i].URLs) {
					done <- fmt.Errorf("text %d: concurrent result differs", i)
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestCompositionPairs checks the derived composition pairs against
// x/text: each pair composes to its composite under NFC, and every
// primary composite NFC can produce from two code points is in the table.
func TestCompositionPairs(t *testing.T) {
	initComposition()
	if len(compositions) < 900 {
		t.Fatalf("only %d composition pairs", len(compositions))
	}
	for pair, r := range compositions {
		if got := norm.NFC.String(string(pair[0]) + string(pair[1])); got != string(r) {
			t.Errorf("%U %U composes to %+q under NFC, table says %U", pair[0], pair[1], got, r)
		}
	}
	// Every code point NFC keeps and NFD splits must come back from its
	// decomposition through appendNFC.
	for r := rune(0xC0); r < 0x30000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r)
		if !norm.NFC.IsNormalString(s) {
			continue
		}
		d := norm.NFD.String(s)
		if d == s {
			continue
		}
		if got := string(appendNFC(nil, d)); got != s {
			t.Errorf("NFC of the decomposition of %U is %+q", r, got)
		}
	}
}

// TestDefaultConfigIsACopy: changing what DefaultConfig returns changes
// neither V3 nor Parse's default, and Parse(text, nil) allocates no copy.
func TestDefaultConfigIsACopy(t *testing.T) {
	c := DefaultConfig()
	c.MaxWeightedTweetLength = 1
	c.Ranges[0].Weight = 1000
	if V3.MaxWeightedTweetLength != 280 || V3.Ranges[0].Weight != 100 {
		t.Fatalf("V3 changed through DefaultConfig: %+v", V3)
	}
	if d := DefaultConfig(); d.MaxWeightedTweetLength != 280 || d.Ranges[0].Weight != 100 {
		t.Fatalf("DefaultConfig changed through an earlier result: %+v", d)
	}
	if r := Parse("hello", nil); !r.Valid || r.WeightedLength != 5 {
		t.Errorf("Parse(hello, nil) = %+v; want valid, weighted length 5", r)
	}
	text := "hello world"
	if a, b := testing.AllocsPerRun(100, func() { Parse(text, nil) }), testing.AllocsPerRun(100, func() { Parse(text, V3) }); a != b {
		t.Errorf("Parse(text, nil) allocates %v times, Parse(text, V3) %v", a, b)
	}
}
