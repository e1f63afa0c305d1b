package draft

import (
	"encoding/json"
	"strings"
	"testing"
)

// validSeeds are bodies at the edges of JSON's grammar, each judged by
// comparing validJSON with json.Valid.
var validSeeds = []string{
	``, ` `, `{}`, `[]`, ` { } `, `[ ]`, `{"a":1}`, `{"a" : [1, 2.5, -0, 1e3, 1E+3, 1e-3, -12.5e10]}`,
	`{"a":}`, `{"a"}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a":1 "b":2}`, `{1:2}`, `[1 2]`,
	`01`, `-`, `-0`, `-01`, `1.`, `.5`, `1.e3`, `1e`, `1e+`, `+1`, `0x10`, `1_000`, `- 1`,
	`true`, `false`, `null`, `tru`, `nul`, `True`, `truex`, `[true,false,null]`, `nullnull`,
	`"a"`, `"`, `"a`, `"\"`, `"\\"`, `"\/\b\f\n\r\t"`, `"\u00e9"`, `"\u00E9"`, `"\u00g9"`, `"\u00e"`,
	`"\x"`, `"\'"`, "\"a\tb\"", "\"a\x00b\"", "\"a\x1fb\"", "\"a\x7fb\"", "\"\xff\xfe\"", "\"caf\xc3\xa9\"",
	`{"a":{"b":{"c":[[{}]]}}}`, `[[[]]]`, `[[[]]`, `[[]]]`, `{"a":[}`, `[{]`, `{]`, `[}`,
	"{\"text\": \"x\"}\r\n", "\t{}\n", "{}\v", "\xef\xbb\xbf{}", `{} {}`, `1 2`, `"a" "b"`,
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000),
	strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
	strings.Repeat("[", 10001),
	// Longer than a word, for skipPlain.
	`"abcdefghij\"klmnop"`, "\"abcdefghi\x01jk\"", `"aaaaaaaaaaaaaaaa\\"`, `"aaaaaaaaaaaaaaaa\"`,
	`{"text":"héllo wörld, a long line\nwith \"quotes\" and \\ slashes","at":"2026-11-26T10:00:00Z"}`,
	"\"日本語のテキスト\x7f\xff\"", `"0123456789abcdef\u00e9 01234567"`,
}

// TestSkipPlain puts each byte at each place of a run of plain bytes
// (ASCII, and the bytes of "é") and checks that skipPlain stops at it
// exactly when a string does not take it as it is.
func TestSkipPlain(t *testing.T) {
	for _, fill := range []string{"a", "\xc3\xa9"} {
		for n := 0; n <= 24; n++ {
			run := []byte(strings.Repeat(fill, 24)[:24])
			for at := 0; at < n; at++ {
				for c := range 256 {
					b := append([]byte(nil), run[:n]...)
					b[at] = byte(c)
					got := skipPlain(b, 0)
					want := 0
					for want < len(b) && plainByte[b[want]] {
						want++
					}
					// It may stop short only at a plain byte, within the
					// last eight.
					if got > want || got < want && (plainByte[b[got]] == false || len(b)-got >= 8) {
						t.Fatalf("skipPlain(%q) = %d, want %d", b, got, want)
					}
				}
			}
		}
	}
}

func TestValidJSON(t *testing.T) {
	for _, s := range validSeeds {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%.40q) = %v, json.Valid says %v", s, got, want)
		}
	}
	for _, s := range jsonSeeds {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%.40q) = %v, json.Valid says %v", s, got, want)
		}
	}
}

func FuzzValidJSON(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validJSON(data), json.Valid(data); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", data, got, want)
		}
	})
}

func BenchmarkValidJSON(b *testing.B) {
	body := []byte(`{"text": "` + strings.Repeat(`Caf\u00e9 ☕ and 日本語, with a link to https://example.com/a?b=c \"quoted\" `, 4) +
		`", "account": "@brand", "media_paths": ["a.png", "b.mp4"], "reply": {"in_reply_to_tweet_id": "1234567890"}}`)
	for _, v := range []struct {
		name  string
		valid func([]byte) bool
	}{{"validJSON", validJSON}, {"json.Valid", json.Valid}} {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if !v.valid(body) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
