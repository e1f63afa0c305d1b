package twittertext

import (
	"strings"
	"testing"
)

func addHostileSeeds(f *testing.F) {
	for _, build := range hostileInputs {
		f.Add(build(300))
	}
	for _, s := range []string{
		"", "a", "Hi http://test.co", "t.co/abcde bit.ly/abcde", "user@example.com", "@user/list-1 $TSLA.A",
		"ÁB", "A\u0301B", "\uFB2C", "👨‍👩‍👧‍👦🇺🇸#️⃣⌚︎", "http://foobar.پاکستان/", "(see example.com/wiki/Primer_(film))",
		"https://t.co/" + strings.Repeat("a", 41), "xn--bcher-kva.com", "bücher.de", "😀example.com", "a😀b.com",
		"http://" + strings.Repeat("a", 64) + ".com", "ex.com:8080/a?b=c#d", "RT:@x", "\uFEFFabc", "a。b.com",
	} {
		f.Add(s)
	}
}

func FuzzParse(f *testing.F) {
	addHostileSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := checkAll(t, text)
		v2 := Parse(text, V2)
		if v2.WeightedLength < 0 || v2.ValidEnd > len(text) {
			t.Fatalf("v2: %+v", v2)
		}
		if text == "" && r.Valid {
			t.Fatal("empty text is valid")
		}
	})
}

func FuzzExtract(f *testing.F) {
	addHostileSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		for name, fn := range map[string]func(string) []Entity{
			"urls": ExtractURLs, "mentions": ExtractMentions, "lists": ExtractMentionsOrLists, "cashtags": ExtractCashtags,
		} {
			es := fn(text)
			checkEntities(t, name, text, es)
			for _, e := range es {
				if e.Text == "" {
					t.Fatalf("%s: empty entity at %d", name, e.Start)
				}
			}
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(`{"version":3,"maxWeightedTweetLength":280,"scale":100,"defaultWeight":200,"emojiParsingEnabled":true,"transformedURLLength":23,"ranges":[{"start":0,"end":4351,"weight":100}]}`))
	f.Add([]byte(`{"version":1,"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1,"transformedURLLength":23,"ranges":[]}`))
	f.Add([]byte(`{"scale":0}`))
	f.Add([]byte(`{"ranges":[{"start":5,"end":1}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err != nil {
			return
		}
		if c.Scale < 1 || c.MaxWeightedTweetLength < 1 {
			t.Fatalf("accepted %+v", c)
		}
		r := Parse("hello 😀 https://example.com 日本", c)
		if r.WeightedLength < 0 {
			t.Fatalf("negative length with %+v", c)
		}
	})
}
