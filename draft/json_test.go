package draft

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name string
		data string
		want wantPost
	}{
		{"text only", `{"text": "hello"}`, wantPost{text: "hello", line: 1, pos: []wantPos{{"hello", 1, 11}}}},
		{"X API body with xlint's keys", "{\n  \"account\": \"acme\",\n  \"at\": \"2026-01-02T10:00:00Z\",\n  \"text\": \"Hi 😀 there\",\n  \"media\": {\"media_ids\": [\"123\"]},\n  \"media_paths\": [\"clip.mp4\", \"d\\u00e9j\\u00e0.png\"],\n  \"reply\": {\"in_reply_to_tweet_id\": \"1\"},\n  \"poll\": {\"options\": [\"a}\", \"b]\\\"\"], \"duration_minutes\": 60},\n  \"quote_tweet_id\": null\n}\n",
			wantPost{text: "Hi 😀 there", line: 4, account: "acme", at: "2026-01-02T10:00:00Z",
				media: []wantSpan{{"clip.mp4", `"clip.mp4"`, 6, 19}, {"déjà.png", `"d\u00e9j\u00e0.png"`, 6, 31}},
				ids:   []wantSpan{{"123", `"123"`, 5, 27}},
				pos:   []wantPos{{"Hi", 4, 12}, {"there", 4, 17}}}},
		{"escapes: \\u00e9", `{"text": "caf\u00e9 x"}`, wantPost{text: "café x", line: 1,
			pos: []wantPos{{"c", 1, 11}, {"é", 1, 14}, {"\xa9", 1, 14}, {" x", 1, 20}}}},
		{"escapes: surrogate pair", `{"text": "\ud83d\ude00!"}`, wantPost{text: "😀!", line: 1,
			pos: []wantPos{{"😀", 1, 11}, {"\x80", 1, 11}, {"!", 1, 23}}}},
		{"escapes: newline and quote", `{"text": "a\nb \"c\" \\ \/"}`, wantPost{text: "a\nb \"c\" \\ /", line: 1,
			pos: []wantPos{{"\n", 1, 12}, {"b", 1, 14}, {`"c`, 1, 16}, {"c", 1, 18}, {"/", 1, 25}}}},
		{"lone surrogate becomes U+FFFD", `{"text": "\ud83dx"}`, wantPost{text: "\uFFFDx", line: 1, pos: []wantPos{{"x", 1, 17}}}},
		{"raw emoji, ZWJ, CJK, combining", `{"text": "👩‍👩‍👧 x 日本 y e` + "\u0301" + `z"}`, wantPost{text: "👩‍👩‍👧 x 日本 y e\u0301z", line: 1,
			pos: []wantPos{{"x", 1, 17}, {"y", 1, 22}, {"z", 1, 26}}}},
		{"escaped key", `{"te\u0078t": "hi"}`, wantPost{text: "hi", line: 1}},
		{"media ids without text", "{\"media\": {\"tagged_user_ids\": [\"7\"], \"media_ids\": [\"1\", \"2\"]}}", wantPost{text: "", line: 1,
			ids: []wantSpan{{"1", `"1"`, 1, 52}, {"2", `"2"`, 1, 57}}}},
		{"null media and ids", `{"media": null, "text": "x"}`, wantPost{text: "x", line: 1}},
		{"media without ids", `{"media": {"media_ids": null}, "text": "x"}`, wantPost{text: "x", line: 1}},
		{"null text", `{"text": null, "account": null, "at": null, "media_paths": null}`, wantPost{text: "", line: 1}},
		{"last duplicate key wins", `{"text": "a", "text": "b"}`, wantPost{text: "b", line: 1, pos: []wantPos{{"b", 1, 24}}}},
		{"last duplicate key wins, and its map", `{"text": "\u0061\n", "text": "b"}`, wantPost{text: "b", line: 1, pos: []wantPos{{"b", 1, 31}}}},
		{"keys are case-sensitive", `{"Text": "a", "ACCOUNT": "b"}`, wantPost{text: "", line: 1}},
		{"CRLF body", "{\r\n\"account\": \"a\",\r\n\"text\": \"x\\r\\ny\"\r\n}\r\n", wantPost{text: "x\r\ny", line: 3, account: "a",
			pos: []wantPos{{"y", 3, 15}}}},
		{"BOM", "\uFEFF{\"text\": \"hi\"}", wantPost{text: "hi", line: 1, pos: []wantPos{{"hi", 1, 11}}}},
		{"empty object", "{}", wantPost{text: "", line: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := Parse("post.json", []byte(tt.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkPosts(t, "post.json", []byte(tt.data), posts, []wantPost{tt.want})
		})
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want wantErr
	}{
		{"empty file", "", wantErr{1, "invalid JSON: unexpected end of JSON input"}},
		{"not an object", "[\"text\"]", wantErr{1, "draft is not a JSON object but an array"}},
		{"a string", "\n\"hello\"", wantErr{2, "draft is not a JSON object but a string"}},
		{"text not a string", "{\n\"text\": 42\n}", wantErr{2, "text: want a string, not a number"}},
		{"text an object", "{\"text\": {\"a\": 1}}", wantErr{1, "text: want a string, not an object"}},
		{"account not a string", "{\"account\": [\"a\"]}", wantErr{1, "account: want a string, not an array"}},
		{"at not RFC 3339", "{\n\"text\": \"x\",\n\"at\": \"yesterday\"}", wantErr{3, `at: "yesterday" is not an RFC 3339 time`}},
		{"at a number", "{\"at\": 1700000000}", wantErr{1, "at: want a string, not a number"}},
		{"media_paths not a list", "{\"media_paths\": \"a.png\"}", wantErr{1, "media_paths: want a list of file paths, not a string"}},
		{"media not an object", "{\"media\": [\"1\"]}", wantErr{1, "media: want an object with media_ids, not an array"}},
		{"media_ids not a list", "{\"media\": {\"media_ids\": \"1\"}}", wantErr{1, "media.media_ids: want a list of media ids, not a string"}},
		{"media id a number", "{\"media\": {\n\"media_ids\": [\n1]}}", wantErr{3, "media.media_ids: want a media id string, not a number"}},
		{"too many media ids", `{"media": {"media_ids": [` + strings.Repeat(`"1", `, 1000) + `"2"]}}`, wantErr{1, "media.media_ids: more than 1000 items"}},
		{"media_paths item not a string", "{\"media_paths\": [\n\"a.png\",\n1]}", wantErr{3, "media_paths: want a file path, not a number"}},
		{"trailing garbage", "{\"text\": \"a\"}\n\nx", wantErr{3, "invalid JSON: invalid character 'x' after top-level value"}},
		{"two objects", "{\"text\": \"a\"}\n{\"text\": \"b\"}", wantErr{2, "invalid JSON: invalid character '{' after top-level value"}},
		{"unterminated string", "{\"text\": \"a\n\"}", wantErr{1, "invalid JSON: invalid character '\\n' in string literal"}},
		{"missing comma", "{\n\"text\": \"a\"\n\"account\": \"b\"}", wantErr{3, "invalid JSON"}},
		{"nested 100,000 deep", `{"reply": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}", wantErr{1, "exceeded max depth"}},
		{"nested 100,000 deep at the top", strings.Repeat("[", 100000), wantErr{1, "exceeded max depth"}},
		{"invalid UTF-8", "{\n\"text\": \"\xc3\x28\"}", wantErr{2, "invalid UTF-8"}},
		{"too many media paths", `{"media_paths": [` + strings.Repeat(`"a.png", `, 1000) + `"b.png"]}`, wantErr{1, "media_paths: more than 1000 items"}},
		{"NUL byte", "{\"text\": \"a\"}\x00", wantErr{1, "NUL byte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timed(t, func() {
				posts, err := Parse("bad.json", []byte(tt.data))
				if len(posts) != 0 {
					t.Errorf("got %d posts from a malformed draft", len(posts))
				}
				checkErrors(t, "bad.json", err, []wantErr{tt.want})
			})
		})
	}
}

func TestParseJSONL(t *testing.T) {
	data := "{\"text\": \"one\", \"account\": \"a\"}\n" +
		"\n" +
		"{\"text\": \"caf\\u00e9 x\", \"media_paths\": [\"v.mp4\"]}\r\n" +
		"{\"text\": 3}\n" +
		"   \n" +
		"not json\n" +
		"{\"text\": \"\xff\"}\n" +
		"\t{\"text\": \"last 😀 y\", \"at\": \"2026-01-02T10:00:00Z\"}"
	posts, err := Parse("feed.jsonl", []byte(data))
	checkPosts(t, "feed.jsonl", []byte(data), posts, []wantPost{
		{text: "one", index: 0, line: 1, account: "a", pos: []wantPos{{"one", 1, 11}}},
		{text: "café x", index: 1, line: 3, media: []wantSpan{{"v.mp4", `"v.mp4"`, 3, 41}}, pos: []wantPos{{"x", 3, 21}}},
		{text: "last 😀 y", index: 5, line: 8, at: "2026-01-02T10:00:00Z", pos: []wantPos{{"y", 8, 19}}},
	})
	checkErrors(t, "feed.jsonl", err, []wantErr{
		{4, "text: want a string"},
		{6, "invalid JSON: invalid character 'o' in literal null"},
		{7, "invalid UTF-8"},
	})
}

func TestParseJSONLEdges(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []wantPost
	}{
		{"empty file", "", nil},
		{"blank lines only", "\n \r\n\t\n", nil},
		{"BOM", "\uFEFF{\"text\": \"a\"}\n{\"text\": \"b\"}", []wantPost{
			{text: "a", line: 1, pos: []wantPos{{"a", 1, 11}}}, {text: "b", index: 1, line: 2, pos: []wantPos{{"b", 2, 11}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := Parse("f.jsonl", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			checkPosts(t, "f.jsonl", []byte(tt.data), posts, tt.want)
		})
	}
}

// TestParseJSONLMany checks texts and their positions across the many
// shared buffers of a long file.
func TestParseJSONLMany(t *testing.T) {
	var data strings.Builder
	var want []wantPost
	for i := range 5000 {
		n := strconv.Itoa(i)
		if i%3 == 0 {
			fmt.Fprintf(&data, "{\"text\": \"caf\\u00e9 %s\\n x\"}\n", n)
			want = append(want, wantPost{text: "café " + n + "\n x", index: i, line: i + 1,
				pos: []wantPos{{n, i + 1, 21}, {" x", i + 1, 21 + len(n) + 2}}})
		} else {
			fmt.Fprintf(&data, "{\"text\": \"plain %s %s\"}\n", n, strings.Repeat("y", i%50))
			want = append(want, wantPost{text: "plain " + n + " " + strings.Repeat("y", i%50), index: i, line: i + 1,
				pos: []wantPos{{n, i + 1, 17}}})
		}
	}
	posts, err := Parse("many.jsonl", []byte(data.String()))
	if err != nil {
		t.Fatal(err)
	}
	checkPosts(t, "many.jsonl", []byte(data.String()), posts, want)
}

func TestParseJSONLarge(t *testing.T) {
	text := strings.Repeat(`word \u00e9 😀 \n`, 2<<20/20)
	for _, name := range []string{"big.json", "big.jsonl"} {
		data := `{"text": "` + text + `", "media_paths": ["a.png"]}`
		timed(t, func() {
			posts, err := Parse(name, []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 1 || len(posts[0].Text) < 2<<20/20*10 || len(posts[0].Media) != 1 {
				t.Errorf("%s: got %d posts", name, len(posts))
			}
		})
	}
}

func TestParseJSONLErrorFlood(t *testing.T) {
	data := strings.Repeat("{bad\n", 100000) + `{"text": "good"}`
	timed(t, func() {
		posts, err := Parse("flood.jsonl", []byte(data))
		if len(posts) != 1 || posts[0].Text != "good" || posts[0].Index != 100000 || posts[0].Line != 100001 {
			t.Errorf("got %d posts", len(posts))
		}
		errs := allErrors(t, err)
		if len(errs) != maxErrors+1 {
			t.Fatalf("got %d errors, want %d and a summary", len(errs), maxErrors)
		}
		last := errs[maxErrors]
		if last.Line != maxErrors+1 || last.Msg != "99980 more malformed lines from here on" {
			t.Errorf("summary = %v", last)
		}
	})
}

func TestParseJSONLBadBytesFlood(t *testing.T) {
	// Every line is bad: finding each line's number must not rescan the
	// file from its start.
	data := strings.Repeat("\x00\n", 1<<20) + `{"text": "good"}`
	timed(t, func() {
		posts, err := Parse("nul.jsonl", []byte(data))
		if len(posts) != 1 || posts[0].Line != 1<<20+1 {
			t.Errorf("got %d posts", len(posts))
		}
		errs := allErrors(t, err)
		if len(errs) != maxErrors+1 || errs[0].Line != 1 || errs[0].Msg != "NUL byte: not a text file" {
			t.Errorf("got %d errors, first %v", len(errs), errs[0])
		}
	})
}

func TestParseJSONLTooManyPosts(t *testing.T) {
	data := strings.Repeat("{}\n", maxPosts+5)
	posts, err := Parse("many.jsonl", []byte(data))
	if len(posts) != maxPosts {
		t.Errorf("got %d posts, want %d", len(posts), maxPosts)
	}
	checkErrors(t, "many.jsonl", err, []wantErr{{maxPosts + 1, "more than 100000 posts in one file"}})
}

// TestParseJSONRepeatedKeys: a body that repeats "text" on a line each is
// read in linear time (counting each one's line from the top took 8
// minutes for 1.3 million), and the last one counts, as encoding/json has
// it.
func TestParseJSONRepeatedKeys(t *testing.T) {
	data := "{" + strings.Repeat("\"text\":\"x\",\n", 1<<20) + "\"text\":\"last\"}\n"
	timed(t, func() {
		posts, err := Parse("dup.json", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 1 || posts[0].Text != "last" || posts[0].Line != 1<<20+1 {
			t.Errorf("got %d posts, %q on line %d", len(posts), posts[0].Text, posts[0].Line)
		}
	})
}
