package draft

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []wantPost
	}{
		// No front matter.
		{"plain", "hello\n", []wantPost{{text: "hello", line: 1}}},
		{"empty file", "", []wantPost{{text: "", line: 1}}},
		{"blank lines around the text", "\n\n  hello  \n\n", []wantPost{{text: "hello", line: 3,
			pos: []wantPos{{"hello", 3, 3}}}}},
		{"not a delimiter: trailing space", "a\n--- \nb", []wantPost{{text: "a\n--- \nb", line: 1}}},
		{"not a delimiter: four dashes", "a\n----\nb", []wantPost{{text: "a\n----\nb", line: 1}}},

		// Front matter.
		{"every key", "---\naccount: acme\nplan: premium\ntier: basic\nat: 2026-03-01T09:30:00+01:00\nmedia:\n  - clip.mp4\n  - \"two words.png\"\n  - 'it''s.gif'\n---\n\nHello world\n",
			[]wantPost{{text: "Hello world", line: 12, account: "acme", plan: "premium", tier: "basic", at: "2026-03-01T08:30:00Z",
				media: []wantSpan{
					{"clip.mp4", "clip.mp4", 7, 5},
					{"two words.png", `"two words.png"`, 8, 5},
					{"it's.gif", `'it''s.gif'`, 9, 5}},
				pos: []wantPos{{"world", 12, 7}}}}},
		{"flow list of media", "---\nmedia: [a.mp4, \"b.png\"]\n---\nx",
			[]wantPost{{text: "x", line: 4, media: []wantSpan{{"a.mp4", "a.mp4", 2, 9}, {"b.png", `"b.png"`, 2, 16}}}}},
		{"media as one value", "---\nmedia: clip.mp4 # the trailer\n---\nx",
			[]wantPost{{text: "x", line: 4, media: []wantSpan{{"clip.mp4", "clip.mp4", 2, 8}}}}},
		{"empty front matter", "---\n---\nx", []wantPost{{text: "x", line: 3}}},
		{"front matter of comments", "---\n# nothing yet\n---\nx", []wantPost{{text: "x", line: 4}}},
		{"null keys", "---\naccount:\nmedia:\nat:\n---\nx", []wantPost{{text: "x", line: 6}}},
		{"front matter only", "---\naccount: acme\n---\n", []wantPost{{text: "", line: 4, account: "acme"}}},
		{"front matter only, no final newline", "---\naccount: acme\n---", []wantPost{{text: "", line: 3, account: "acme"}}},
		{"xlint-ignore", "---\nxlint-ignore:\n  - {rule: url-shortener, reason: \"branded link\"}\n  - duplicate\n  - rule: too-many-urls\n    reason: a list of links\n---\nx",
			[]wantPost{{text: "x", line: 8, ignores: []wantIgnore{
				{"url-shortener", "branded link", wantSpan{"", `{rule: url-shortener, reason: "branded link"}`, 3, 5}},
				{"duplicate", "", wantSpan{"", "duplicate", 4, 5}},
				{"too-many-urls", "a list of links", wantSpan{"", "rule: too-many-urls\n    reason: a list of links", 5, 5}},
			}}}},
		{"non-ASCII in front matter", "---\naccount: 日本\nmedia: [\"é.png\", 😀.mp4]\n---\nx",
			[]wantPost{{text: "x", line: 5, account: "日本", media: []wantSpan{{"é.png", `"é.png"`, 3, 9}, {"😀.mp4", "😀.mp4", 3, 18}}}}},

		// Threads.
		{"thread", "---\naccount: acme\nat: 2026-01-02T10:00:00Z\nmedia: [a.png]\n---\none\n---\n\ntwo\n---\nthree\n",
			[]wantPost{
				{text: "one", index: 0, line: 6, account: "acme", at: "2026-01-02T10:00:00Z", media: []wantSpan{{"a.png", "a.png", 4, 9}}},
				{text: "two", index: 1, line: 9, account: "acme", at: "2026-01-02T10:00:00Z"},
				{text: "three", index: 2, line: 11, account: "acme", at: "2026-01-02T10:00:00Z"},
			}},
		{"thread without front matter", "one\n---\ntwo", []wantPost{{text: "one", line: 1}, {text: "two", index: 1, line: 3}}},
		{"blank post inside a thread", "one\n---\n  \n---\nthree", []wantPost{
			{text: "one", line: 1}, {text: "", index: 1, line: 3}, {text: "three", index: 2, line: 5}}},
		{"empty body after front matter, then a post", "---\naccount: a\n---\n---\ntwo", []wantPost{
			{text: "", line: 4, account: "a"}, {text: "two", index: 1, line: 5, account: "a"}}},
		{"trailing delimiter closes the thread", "one\n---\ntwo\n---\n\n", []wantPost{{text: "one", line: 1}, {text: "two", index: 1, line: 3}}},
		{"a lone delimiter is an empty post", "---\n---\n---\n", []wantPost{{text: "", line: 3}}},
		{"ignores apply to every post, media to the first", "---\nmedia: [a.png]\nxlint-ignore: [duplicate]\n---\none\n---\ntwo",
			[]wantPost{
				{text: "one", line: 5, media: []wantSpan{{"a.png", "a.png", 2, 9}}, ignores: []wantIgnore{{"duplicate", "", wantSpan{"", "duplicate", 3, 16}}}},
				{text: "two", index: 1, line: 7, ignores: []wantIgnore{{"duplicate", "", wantSpan{"", "duplicate", 3, 16}}}},
			}},

		// Positions: columns count code points of the file.
		{"emoji, ZWJ, CJK and combining marks", "---\naccount: a\n---\n👩‍👩‍👧 x 日本 y e\u0301z\n", []wantPost{{
			text: "👩‍👩‍👧 x 日本 y e\u0301z", line: 4, account: "a",
			pos: []wantPos{{"👩", 4, 1}, {"x", 4, 7}, {"本", 4, 10}, {"y", 4, 12}, {"\u0301", 4, 15}, {"z", 4, 16}}}}},
		{"second line of a post", "Ünïcödé\n😀😀 x", []wantPost{{text: "Ünïcödé\n😀😀 x", line: 1, pos: []wantPos{{"x", 2, 4}}}}},
		{"CRLF", "---\r\naccount: a\r\nmedia: [x.png]\r\n---\r\n\r\nline one\r\nline two\r\n---\r\nsecond\r\n---\r\n", []wantPost{
			{text: "line one\nline two", line: 6, account: "a", media: []wantSpan{{"x.png", "x.png", 3, 9}},
				pos: []wantPos{{"line one", 6, 1}, {"\n", 6, 9}, {"two", 7, 6}}},
			{text: "second", index: 1, line: 9, account: "a", pos: []wantPos{{"second", 9, 1}}},
		}},
		{"lone CR is kept", "a\rb\r\nc", []wantPost{{text: "a\rb\nc", line: 1, pos: []wantPos{{"c", 2, 1}}}}},
		{"BOM", "\uFEFFhello world", []wantPost{{text: "hello world", line: 1, pos: []wantPos{{"hello", 1, 1}, {"world", 1, 7}}}}},
		{"BOM and front matter", "\uFEFF---\naccount: a\nmedia: [b.png]\n---\nhi 😀 there", []wantPost{{
			text: "hi 😀 there", line: 5, account: "a", media: []wantSpan{{"b.png", "b.png", 3, 9}}, pos: []wantPos{{"there", 5, 6}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := Parse("post.md", []byte(tt.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkPosts(t, "post.md", []byte(tt.data), posts, tt.want)
		})
	}
}

func TestParseMarkdownErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []wantErr
	}{
		{"broken YAML", "---\naccount: a\n  bad: [\n---\nx", []wantErr{{3, "front matter: mapping values are not allowed"}}},
		// YAML syntax errors name the line to fix, not the start of the
		// list or map around it (yaml's own line), nor the line above.
		{"unclosed flow list", "---\nmedia: [a.png\n---\nx", []wantErr{{2, "front matter: did not find expected ',' or ']'"}}},
		{"unclosed flow list after a key", "---\naccount: a\nmedia: [a, b\n---\nhi\n", []wantErr{{3, "front matter: did not find expected ',' or ']'"}}},
		{"unclosed flow list, then a comment", "---\nmedia: [a.png\n\n# clip\n---\nx", []wantErr{{2, "front matter: did not find expected ',' or ']'"}}},
		{"flow list ending in a comma", "---\naccount: a\nmedia: [a,\n---\nx", []wantErr{{3, "front matter: did not find expected node content"}}},
		{"stray bracket", "---\naccount: a\nmedia: [a, b]]\n---\nhi\n", []wantErr{{3, "front matter: did not find expected key"}}},
		{"stray bracket, CRLF", "---\r\naccount: a\r\nmedia: [a, b]]\r\n---\r\nhi\r\n", []wantErr{{3, "front matter: did not find expected key"}}},
		{"stray bracket after wide characters", "---\naccount: ő😀\nmedia: [ő, 日本]]\n---\nhi\n", []wantErr{{3, "front matter: did not find expected key"}}},
		{"problem on the first line", "---\nmedia: [a, b: c: d]\n---\nx", []wantErr{{2, "front matter: did not find expected ',' or ']'"}}},
		{"problem inside a flow list", "---\nmedia: [a,\n  b,\n  c: d: e]\n---\nx", []wantErr{{4, "front matter: did not find expected ',' or ']'"}}},
		{"bad indent inside a list", "---\naccount: a\nplan: free\nxlint-ignore:\n  - rule: a\n    reason: b\n   bad: c\n---\nx", []wantErr{{7, "front matter: did not find expected '-' indicator"}}},
		{"bad indent after a list", "---\naccount: a\nmedia:\n  - a\n  - b\n plan: free\n---\nx", []wantErr{{6, "front matter: did not find expected key"}}},
		{"tab indentation", "---\nmedia:\n\t- a.png\n---\nx", []wantErr{{3, "front matter: found character that cannot start any token"}}},
		{"tab after a list item", "---\naccount: a\nplan: free\nmedia:\n  - a\n\t- b\n---\nx", []wantErr{{6, "front matter: found a tab character that violates indentation"}}},
		{"unclosed quote", "---\naccount: a\nplan: \"free\n\n---\nx", []wantErr{{3, "front matter: found unexpected end of stream"}}},
		{"key without a colon", "---\naccount: a\nplan\ntier: free\n---\nx", []wantErr{{3, "front matter: could not find expected ':'"}}},
		{"unknown anchor", "---\naccount: a\nplan: *x\n---\nx", []wantErr{{3, "front matter: unknown anchor 'x' referenced"}}},
		{"a quote over two lines, then a problem", "---\naccount: \"a\n  b\"\nplan\ntier: free\n---\nx", []wantErr{{4, "front matter: could not find expected ':'"}}},
		{"text after the document end", "---\naccount: a\n...\nplan\n---\nx", []wantErr{{4, "front matter: did not find expected <document start>"}}},
		{"front matter never closes", "---\naccount: a\nhello\n", []wantErr{{1, "front matter never closes"}}},
		{"lone opening delimiter", "---", []wantErr{{1, "front matter never closes"}}},
		{"a list where a map belongs", "---\n- account\n- a\n---\nx", []wantErr{{2, "front matter must be a map of keys, not a list"}}},
		{"a scalar where a map belongs", "---\njust text\n---\nx", []wantErr{{2, "front matter must be a map of keys, not a value"}}},
		{"a map where a list belongs", "---\nmedia:\n  a: b.png\n---\nx", []wantErr{{3, "media: want a list, not a map"}}},
		{"a list where a list item belongs", "---\nmedia:\n  - [a.png]\n---\nx", []wantErr{{3, "media: want a string, not a list"}}},
		{"a list where an ignore belongs", "---\nxlint-ignore:\n  - [a, b]\n---\nx", []wantErr{{3, "xlint-ignore: want a rule id or {rule: ID"}}},
		{"a map where a string belongs", "---\naccount: {name: a}\n---\nx", []wantErr{{2, "account: want a string, not a map"}}},
		{"ignore without rule", "---\nxlint-ignore:\n  - reason: why\n---\nx", []wantErr{{3, "xlint-ignore: item names no rule"}}},
		{"ignore with unknown key", "---\nxlint-ignore:\n  - rule: a\n    reson: why\n---\nx", []wantErr{{4, `xlint-ignore: unknown key "reson"`}}},
		{"at not RFC 3339", "---\naccount: a\nat: yesterday\n---\nx", []wantErr{{3, `at: "yesterday" is not an RFC 3339 time`}}},
		{"at without zone", "---\nat: 2026-01-02 10:00\n---\nx", []wantErr{{2, `at: "2026-01-02 10:00" is not an RFC 3339 time`}}},
		{"unknown key", "---\naccount: a\nacount: b\n---\nx", []wantErr{{3, `unknown key "acount"`}}},
		{"duplicate key", "---\naccount: a\naccount: b\n---\nx", []wantErr{{3, `duplicate key "account"`}}},
		{"unknown plan", "---\nplan: gold\n---\nx", []wantErr{{2, `plan: "gold" is not one of free, premium, premium-plus`}}},
		{"unknown tier", "---\ntier: platinum\n---\nx", []wantErr{{2, `tier: "platinum" is not one of free, basic`}}},
		{"empty media path", "---\nmedia: [\"\"]\n---\nx", []wantErr{{2, "media: empty file path"}}},
		{"alias", "---\naccount: &a acme\nplan: *a\n---\nx", []wantErr{{3, "plan: want a string, not an alias"}}},
		{"two YAML documents", "---\naccount: a\n--- \nplan: free\n---\nx", []wantErr{{3, "more than one YAML document"}}},
		{"errors sorted by line", "---\nzzz: 1\nat: x\nplan: y\n---\nx", []wantErr{{2, `unknown key "zzz"`}, {3, "at: "}, {4, "plan: "}}},
		{"CRLF front matter", "---\r\naccount: a\r\n\r\nat: soon\r\n---\r\nx", []wantErr{{4, `at: "soon"`}}},
		{"BOM front matter", "\uFEFF---\naccount: [a]\n---\nx", []wantErr{{2, "account: want a string, not a list"}}},
		{"NEL in front matter", "---\naccount: \"a\u0085b\"\nplan: x\n---\nx", []wantErr{{3, `plan: "x"`}}},
		{"invalid UTF-8", "---\naccount: a\n---\nhello \xff world\n", []wantErr{{4, "invalid UTF-8"}}},
		{"NUL byte", "hello\nwor\x00ld\n", []wantErr{{2, "NUL byte: not a text file"}}},
		{"control character in YAML", "---\naccount: a\nplan: \"a\x01\"\n---\nx", []wantErr{{3, "front matter: control characters are not allowed"}}},
	}
	tests = append(tests, struct {
		name string
		data string
		want []wantErr
	}{"front matter too large", "---\naccount: a\n# " + strings.Repeat("x", 300<<10) + "\n---\nx", []wantErr{{1, "front matter is larger than 256 KiB"}}},
		struct {
			name string
			data string
			want []wantErr
		}{"too many media", "---\nmedia: [" + strings.Repeat("a.png, ", 1001) + "]\n---\nx", []wantErr{{2, "media: more than 1000 items"}}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var posts []*struct{}
			timed(t, func() {
				got, err := Parse("bad.md", []byte(tt.data))
				for range got {
					posts = append(posts, nil)
				}
				checkErrors(t, "bad.md", err, tt.want)
			})
			if len(posts) != 0 {
				t.Errorf("got %d posts from a malformed draft", len(posts))
			}
		})
	}
}

func TestParseMarkdownLarge(t *testing.T) {
	// A 2 MB post is a "text too long" finding later, not an error, and
	// must not be slow.
	text := strings.Repeat("word 😀 日本 ", 2<<20/20)
	data := "---\naccount: a\n---\n" + text + "\n---\nnext\r\n"
	timed(t, func() {
		posts, err := Parse("big.md", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 2 || posts[0].Text != strings.TrimSpace(text) || posts[1].Text != "next" || posts[1].Line != 6 {
			t.Errorf("got %d posts", len(posts))
		}
	})
}

func TestParseMarkdownErrorFlood(t *testing.T) {
	// Each unknown key is an error, but a hostile file cannot make an
	// unbounded list of them.
	var b strings.Builder
	b.WriteString("---\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "key%d: 1\n", i)
	}
	b.WriteString("---\nx")
	timed(t, func() {
		_, err := Parse("flood.md", []byte(b.String()))
		errs := allErrors(t, err)
		if len(errs) != maxErrors || errs[0].Line != 2 || errs[maxErrors-1].Line != maxErrors+1 {
			t.Errorf("got %d errors, want the first %d", len(errs), maxErrors)
		}
	})
}

func TestParseMarkdownTooManyPosts(t *testing.T) {
	posts, err := Parse("many.md", []byte(strings.Repeat("x\n---\n", maxPosts)+"x"))
	if posts != nil {
		t.Errorf("got %d posts", len(posts))
	}
	checkErrors(t, "many.md", err, []wantErr{{2 * maxPosts, "thread has more than 100000 posts"}})
	posts, err = Parse("many.md", []byte(strings.Repeat("x\n---\n", maxPosts-1)+"x"))
	if err != nil || len(posts) != maxPosts {
		t.Errorf("got %d posts, %v", len(posts), err)
	}
}

// TestSyntaxErrorLineIsTheFinalRun: the line given for a front matter
// syntax error is where the run of failing prefixes that reaches the end
// begins: every prefix from it on fails with the error, and the one
// before it does not. Random front matters of lines that open, close and
// break lists, quotes and maps, over CRLF too.
func TestSyntaxErrorLineIsTheFinalRun(t *testing.T) {
	pieces := []string{"a: b", "media: [a,", "  b]", "c: [d]]", "plan", `q: "x`, `  y"`, "- e", "\tf: g", "k: 'v", "  w'", "m:", "  - n", " o: p", "..."}
	rng := rand.New(rand.NewPCG(7, 7))
	checked := 0
	for range 3000 {
		lines := make([]string, 1+rng.IntN(8))
		for i := range lines {
			lines[i] = pieces[rng.IntN(len(pieces))]
		}
		nl := "\n"
		if rng.IntN(4) == 0 {
			nl = "\r\n"
		}
		fmText := strings.Join(lines, nl) + nl
		data := []byte("---" + nl + fmText + "---" + nl + "x")
		problem := yamlProblem([]byte(fmText))
		if problem == "" {
			continue
		}
		fm := frontMatter{name: "f.md", data: data, start: 3 + len(nl), end: 3 + len(nl) + len(fmText)}
		line, ok := fm.syntaxErrorLine(problem)
		if !ok {
			t.Fatalf("%q: no line", fmText)
		}
		prefix := func(j int) string { return strings.Join(lines[:j], nl) + nl }
		for j := line; j <= len(lines); j++ {
			if p := yamlProblem([]byte(prefix(j))); p != problem {
				t.Fatalf("%q: line %d, but lines 1-%d fail with %q, not %q", fmText, line, j, p, problem)
			}
		}
		if line > 1 && yamlProblem([]byte(prefix(line-1))) == problem {
			t.Fatalf("%q: line %d, but lines 1-%d already fail with %q", fmText, line, line-1, problem)
		}
		checked++
	}
	if checked < 1000 {
		t.Errorf("only %d of the random front matters fail to parse", checked)
	}
}
