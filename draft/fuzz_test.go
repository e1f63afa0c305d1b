package draft

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/xlint/xlint/lint"
)

// checkInvariants holds for any input: no post or error points outside
// the file.
func checkInvariants(t *testing.T, name string, data []byte, posts []*lint.Post, err error) {
	t.Helper()
	lines := bytes.Count(data, []byte{'\n'}) + 1
	for _, e := range allErrors(t, err) {
		if e.File != name || e.Line < 0 || e.Line > lines {
			t.Fatalf("error %v: line outside the file's %d lines", e, lines)
		}
	}
	for _, p := range posts {
		if p.File != name || p.Source == nil || !bytes.Equal(p.Source.Data, data) {
			t.Fatalf("post %d: wrong file or source", p.Index)
		}
		if p.Line < 1 || p.Line > lines {
			t.Fatalf("post %d: line %d outside the file's %d lines", p.Index, p.Line, lines)
		}
		if err := checkTextMap(p); err != nil {
			t.Fatalf("post %d: %v", p.Index, err)
		}
		last := 0
		for i := 0; i <= len(p.Text); i++ {
			s := p.TextSpan(i, i)
			if s.Start < 0 || s.Start > len(data) || s.Start < last {
				t.Fatalf("post %d: byte %d of the text at offset %d (previous %d, file %d bytes)", p.Index, i, s.Start, last, len(data))
			}
			last = s.Start
		}
		for _, m := range p.Media {
			if m.Span.Start < 0 || m.Span.Start > m.Span.End || m.Span.End > len(data) {
				t.Fatalf("post %d: media span %+v outside the file", p.Index, m.Span)
			}
		}
		for _, m := range p.MediaIDs {
			if m.Span.Start < 0 || m.Span.Start > m.Span.End || m.Span.End > len(data) {
				t.Fatalf("post %d: media id span %+v outside the file", p.Index, m.Span)
			}
		}
		for _, ig := range p.Ignores {
			if ig.Span.Start < 0 || ig.Span.Start > ig.Span.End || ig.Span.End > len(data) {
				t.Fatalf("post %d: ignore span %+v outside the file", p.Index, ig.Span)
			}
		}
	}
}

// checkVerbatim holds for text and Markdown: the text is the file's bytes
// where the map says, but for CRLF pairs read as LF.
func checkVerbatim(t *testing.T, data []byte, posts []*lint.Post) {
	t.Helper()
	for _, p := range posts {
		for i := 0; i < len(p.Text); i++ {
			off := p.TextSpan(i, i).Start
			if c := data[off]; c != p.Text[i] && !(p.Text[i] == '\n' && c == '\r') {
				t.Fatalf("post %d: text byte %d is %q, file byte %d is %q", p.Index, i, p.Text[i], off, c)
			}
		}
	}
}

var markdownSeeds = []string{
	"hello\n",
	"---\naccount: acme\nplan: premium\ntier: basic\nat: 2026-03-01T09:30:00Z\nmedia:\n  - clip.mp4\n  - \"two words.png\"\n---\n\nHello world\n---\ntwo\n",
	"---\r\naccount: a\r\nmedia: [x.png, 'y''z.gif']\r\n---\r\nline one\r\nline two\r\n---\r\n",
	"\uFEFF---\nxlint-ignore:\n  - {rule: url-shortener, reason: \"branded\"}\n  - duplicate\n  - rule: a\n    reason: |\n      long\n---\n👩‍👩‍👧 x 日本 e\u0301",
	"---\naccount: a\n  bad: [\n---\nx",
	"---\n- a\n---\n",
	"---\naccount: &a x\nplan: *a\n--- \nat: y\n---\n",
	"---\naccount: \"a\u0085b\u2028c\"\nmedia: >\n  folded\n  text\n---\n",
	"one\n---\n\n---\nthree\n---\n",
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		posts, err := Parse("f.md", data)
		checkInvariants(t, "f.md", data, posts, err)
		checkVerbatim(t, data, posts)
		if err == nil && len(posts) == 0 {
			t.Fatal("no posts and no error")
		}
		for i, p := range posts {
			if p.Index != i || (i > 0 && p.Line < posts[i-1].Line) {
				t.Fatalf("post %d: Index %d, Line %d", i, p.Index, p.Line)
			}
		}
	})
}

var jsonSeeds = []string{
	`{"text": "hello"}`,
	`{"media": {"media_ids": ["1", "2"], "media_ids": ["3"], "tagged_user_ids": []}, "media": {"media_ids": ["4\u0035"]}}`,
	"{\n  \"account\": \"acme\",\n  \"at\": \"2026-01-02T10:00:00Z\",\n  \"text\": \"Hi 😀\",\n  \"media\": {\"media_ids\": [\"1\"]},\n  \"media_paths\": [\"a.mp4\", \"d\\u00e9j\\u00e0.png\"],\n  \"poll\": {\"options\": [\"a}\", \"b]\\\"\"]}\n}\n",
	`{"text": "caf\u00e9 \ud83d\ude00 \ud83d x \n \" \\ \/"}`,
	`{"te\u0078t": "a", "text": "b"}`,
	"\uFEFF{\"text\": null}",
	`[[[[[[[[[[`,
	`{"text": 1}`,
	`{"text": "a"} x`,
	`{"at": "yesterday"}`,
}

func FuzzJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		posts, err := Parse("f.json", data)
		checkInvariants(t, "f.json", data, posts, err)
		if err != nil {
			return
		}
		if len(posts) != 1 {
			t.Fatalf("%d posts", len(posts))
		}
		// The text is what encoding/json reads: the same body sent to X
		// says the same thing.
		var body map[string]json.RawMessage
		if err := json.Unmarshal(data[bomLen(data):], &body); err != nil {
			t.Fatalf("encoding/json refuses what Parse read: %v", err)
		}
		var text string
		if raw, ok := body["text"]; ok {
			if err := json.Unmarshal(raw, &text); err != nil && string(raw) != "null" {
				t.Fatalf("text: %v", err)
			}
		}
		if text != posts[0].Text {
			t.Fatalf("text %q, encoding/json reads %q", posts[0].Text, text)
		}
		// So are the media ids (keys compared exactly, as Parse does).
		var ids []string
		if raw, ok := body["media"]; ok && string(raw) != "null" {
			var media map[string]json.RawMessage
			if err := json.Unmarshal(raw, &media); err != nil {
				t.Fatalf("media: %v", err)
			}
			if raw, ok := media["media_ids"]; ok {
				if err := json.Unmarshal(raw, &ids); err != nil {
					t.Fatalf("media_ids: %v", err)
				}
			}
		}
		var got []string
		for _, m := range posts[0].MediaIDs {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, ids) {
			t.Fatalf("media ids %q, encoding/json reads %q", got, ids)
		}
		// Every byte of an unescaped text maps where a byte-by-byte
		// reading of the literal puts it.
		if p := posts[0]; p.TextMap != nil {
			lit := data[p.TextStart-1 : skipValue(data, p.TextStart-1)]
			want := refUnquoteMap(lit, p.TextStart-1)
			if len(want) != len(p.Text)+1 {
				t.Fatalf("reference map has %d entries for %d bytes", len(want), len(p.Text))
			}
			for i, w := range want {
				if got := p.TextSpan(i, i).Start; got != w {
					t.Fatalf("text byte %d maps to %d, want %d", i, got, w)
				}
			}
		}
	})
}

func FuzzJSONL(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s + "\n" + s))
	}
	f.Add([]byte("{\"text\": \"one\"}\n\n{bad}\r\n{\"text\": \"caf\\u00e9\", \"media_paths\": [\"v.mp4\"]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		posts, err := Parse("f.jsonl", data)
		checkInvariants(t, "f.jsonl", data, posts, err)
		for i, p := range posts {
			if i > 0 && (p.Index <= posts[i-1].Index || p.Line <= posts[i-1].Line) {
				t.Fatalf("post %d: Index %d, Line %d after %d, %d", i, p.Index, p.Line, posts[i-1].Index, posts[i-1].Line)
			}
		}
	})
}
